#ifndef GUESTVOICE_ANALYSIS_INTERNAL_WORD_HASH_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_WORD_HASH_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "absl/strings/string_view.h"
#include "common/absl_view.h"

namespace guestvoice::analysis {

// Hash and equality for word -> value tables looked up once per token.
// Words are a few bytes long, where absl's general-purpose string hash costs
// more than the rest of the lookup: this one reads a word eight bytes at a
// time (a short word in at most two overlapping loads), multiplies each
// chunk in, and ends with splitmix64's finalizer so that both the low bits
// and the high bits the table uses depend on every byte. Enough for these
// fixed, non-adversarial keys. Transparent: std::string, std::string_view
// and absl::string_view keys all work.
struct WordHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view word) const {
    const char* bytes = word.data();
    std::size_t size = word.size();
    std::uint64_t hash = 0x9e3779b97f4a7c15ULL ^ size;
    while (size > 8) {
      hash = (hash ^ Load<std::uint64_t>(bytes)) * 0xff51afd7ed558ccdULL;
      hash ^= hash >> 32;
      bytes += 8;
      size -= 8;
    }
    std::uint64_t tail = 0;
    if (size >= 4) {
      tail = (std::uint64_t{Load<std::uint32_t>(bytes)} << 32) |
             Load<std::uint32_t>(bytes + size - 4);
    } else if (size > 0) {
      tail = (std::uint64_t{static_cast<std::uint8_t>(bytes[0])} << 16) |
             (std::uint64_t{static_cast<std::uint8_t>(bytes[size / 2])} << 8) |
             static_cast<std::uint8_t>(bytes[size - 1]);
    }
    hash ^= tail;
    hash ^= hash >> 30;
    hash *= 0xbf58476d1ce4e5b9ULL;
    hash ^= hash >> 27;
    hash *= 0x94d049bb133111ebULL;
    hash ^= hash >> 31;
    return static_cast<std::size_t>(hash);
  }
  std::size_t operator()(absl::string_view word) const {
    return (*this)(FromAbsl(word));
  }
  std::size_t operator()(const std::string& word) const {
    return (*this)(std::string_view(word));
  }

 private:
  template <typename Word>
  static Word Load(const char* bytes) {
    Word word;
    std::memcpy(&word, bytes, sizeof word);
    return word;
  }
};

struct WordEq {
  using is_transparent = void;
  static std::string_view View(std::string_view word) { return word; }
  static std::string_view View(absl::string_view word) {
    return FromAbsl(word);
  }
  static std::string_view View(const std::string& word) { return word; }
  // A byte loop rather than memcmp: the words are a few bytes long.
  template <typename A, typename B>
  bool operator()(const A& a, const B& b) const {
    const std::string_view x = View(a);
    const std::string_view y = View(b);
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (x[i] != y[i]) return false;
    }
    return true;
  }
};

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_WORD_HASH_H_
