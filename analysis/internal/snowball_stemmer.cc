#include "analysis/internal/snowball_stemmer.h"

#include <libstemmer.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "analysis/internal/word_hash.h"

namespace guestvoice::analysis {
namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* stemmer) const { sb_stemmer_delete(stemmer); }
};

struct ThreadStemmer {
  const char* algorithm;
  std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer;
  // word -> its stem, at most kMaxCachedStems entries.
  absl::flat_hash_map<std::string, std::string, WordHash, WordEq> stems;
};

ThreadStemmer& StemmerFor(const char* algorithm) {
  // A handful of languages: a linear search beats a hash. Each element is
  // allocated once, so a reference to it outlives later insertions.
  thread_local std::vector<std::unique_ptr<ThreadStemmer>> stemmers;
  // Callers pass the same literal each time: its address finds the stemmer
  // without comparing the names of the others.
  for (const std::unique_ptr<ThreadStemmer>& known : stemmers) {
    if (known->algorithm == algorithm) return *known;
  }
  for (const std::unique_ptr<ThreadStemmer>& known : stemmers) {
    if (std::strcmp(known->algorithm, algorithm) == 0) return *known;
  }
  stemmers.push_back(std::make_unique<ThreadStemmer>());
  stemmers.back()->algorithm = algorithm;
  stemmers.back()->stemmer.reset(sb_stemmer_new(algorithm, "UTF_8"));
  return *stemmers.back();
}

// Snowball's stem, in the stemmer's buffer (valid until its next call), or
// the word itself when out of memory.
std::string_view Stem(sb_stemmer* stemmer, std::string_view word) {
  const sb_symbol* stem =
      sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(word.data()),
                      static_cast<int>(word.size()));
  if (stem == nullptr) return word;
  return {reinterpret_cast<const char*>(stem),
          static_cast<std::size_t>(sb_stemmer_length(stemmer))};
}

}  // namespace

std::string_view SnowballStem(const char* algorithm, std::string_view word) {
  ThreadStemmer& known = StemmerFor(algorithm);
  if (known.stemmer == nullptr) return word;
  if (auto it = known.stems.find(word); it != known.stems.end()) {
    return it->second;
  }
  const std::string_view stem = Stem(known.stemmer.get(), word);
  if (known.stems.size() >= kMaxCachedStems) known.stems.clear();
  return known.stems.emplace(word, stem).first->second;
}

std::string_view SnowballStemOnce(const char* algorithm,
                                  std::string_view word) {
  ThreadStemmer& known = StemmerFor(algorithm);
  if (known.stemmer == nullptr) return word;
  return Stem(known.stemmer.get(), word);
}

}  // namespace guestvoice::analysis
