#ifndef GUESTVOICE_ANALYSIS_INTERNAL_SNOWBALL_STEMMER_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_SNOWBALL_STEMMER_H_

#include <string_view>

namespace guestvoice::analysis {

// The Snowball stem (Debian libstemmer) of a lowercase UTF-8 word, for
// `algorithm` ("french", "dutch", "italian", ...; a string literal). A
// Snowball stemmer keeps state between calls, so each thread has its own,
// made on first use. The view is valid until the thread's next call with the
// same algorithm; an unknown algorithm gives the word itself.
std::string_view SnowballStem(const char* algorithm, std::string_view word);

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_SNOWBALL_STEMMER_H_
