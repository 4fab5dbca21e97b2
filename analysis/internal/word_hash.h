#ifndef GUESTVOICE_ANALYSIS_INTERNAL_WORD_HASH_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_WORD_HASH_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/strings/string_view.h"
#include "common/absl_view.h"

namespace guestvoice::analysis {

// Hash and equality for word -> value tables looked up once per token.
// Words are a few bytes long, where absl's general-purpose string hash costs
// more than the rest of the lookup; FNV-1a with a final multiply-xorshift
// mix (so the high bits the table uses depend on every byte) is enough for
// these fixed, non-adversarial keys. Transparent: std::string,
// std::string_view and absl::string_view keys all work.
struct WordHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view word) const {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (char c : word) {
      hash = (hash ^ static_cast<std::uint8_t>(c)) * 0x100000001b3ULL;
    }
    hash ^= hash >> 29;
    hash *= 0xbf58476d1ce4e5b9ULL;
    hash ^= hash >> 32;
    return static_cast<std::size_t>(hash);
  }
  std::size_t operator()(absl::string_view word) const {
    return (*this)(FromAbsl(word));
  }
  std::size_t operator()(const std::string& word) const {
    return (*this)(std::string_view(word));
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
