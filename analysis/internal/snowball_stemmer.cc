#include "analysis/internal/snowball_stemmer.h"

#include <libstemmer.h>

#include <cstring>
#include <memory>
#include <vector>

namespace guestvoice::analysis {
namespace {

struct StemmerDeleter {
  void operator()(sb_stemmer* stemmer) const { sb_stemmer_delete(stemmer); }
};

struct ThreadStemmer {
  const char* algorithm;
  std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer;
};

sb_stemmer* StemmerFor(const char* algorithm) {
  // A handful of languages: a linear search beats a hash.
  thread_local std::vector<ThreadStemmer> stemmers;
  for (const ThreadStemmer& known : stemmers) {
    if (known.algorithm == algorithm ||
        std::strcmp(known.algorithm, algorithm) == 0) {
      return known.stemmer.get();
    }
  }
  stemmers.push_back({algorithm, std::unique_ptr<sb_stemmer, StemmerDeleter>(
                                     sb_stemmer_new(algorithm, "UTF_8"))});
  return stemmers.back().stemmer.get();
}

}  // namespace

std::string_view SnowballStem(const char* algorithm, std::string_view word) {
  sb_stemmer* stemmer = StemmerFor(algorithm);
  if (stemmer == nullptr) return word;
  const sb_symbol* stem =
      sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(word.data()),
                      static_cast<int>(word.size()));
  // Only when out of memory.
  if (stem == nullptr) return word;
  return {reinterpret_cast<const char*>(stem),
          static_cast<std::size_t>(sb_stemmer_length(stemmer))};
}

}  // namespace guestvoice::analysis
