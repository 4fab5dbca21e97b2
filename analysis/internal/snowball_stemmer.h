#ifndef GUESTVOICE_ANALYSIS_INTERNAL_SNOWBALL_STEMMER_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_SNOWBALL_STEMMER_H_

#include <cstddef>
#include <string_view>

namespace guestvoice::analysis {

// The Snowball stem (Debian libstemmer) of a lowercase UTF-8 word, for
// `algorithm` ("french", "dutch", "italian", ...; a string literal). A
// Snowball stemmer keeps state between calls, so each thread has its own,
// made on first use. The view is valid until the thread's next call with the
// same algorithm; an unknown algorithm gives the word itself.
//
// Stemming a word costs Snowball thousands of instructions, and a text's
// words recur: each clause with an aspect is scored again after the whole
// text, and a language's everyday words come back text after text. So each
// thread's stemmer remembers the stems it made, up to kMaxCachedStems words
// per algorithm, and forgets them all when full (a bounded memory; the stem
// is a function of the word, so nothing else changes).
std::string_view SnowballStem(const char* algorithm, std::string_view word);

// The same stem, not remembered: for building tables, where each word is
// stemmed once and remembering it would only fill (and empty) the cache.
std::string_view SnowballStemOnce(const char* algorithm, std::string_view word);

inline constexpr std::size_t kMaxCachedStems = 8192;

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_SNOWBALL_STEMMER_H_
