#ifndef GUESTVOICE_ANALYSIS_INTERNAL_EMBEDDED_DATA_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_EMBEDDED_DATA_H_

#include <string_view>

// The files of analysis/data/, compiled into the library by
// analysis/cmake/embed_file.cmake so binaries need no data files at run time.
namespace guestvoice::analysis::embedded {

std::string_view VaderLexicon();  // vader_lexicon.txt (vaderSentiment 3.3.2)
std::string_view
VaderEmojiLexicon();  // emoji_utf8_lexicon.txt (vaderSentiment 3.3.2)
std::string_view PythonUnicodeTable();  // python_unicode.tsv
std::string_view HotelSupplement();     // hotel_supplement.tsv
std::string_view AspectTaxonomy();      // aspects.tsv

}  // namespace guestvoice::analysis::embedded

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_EMBEDDED_DATA_H_
