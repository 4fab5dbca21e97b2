#ifndef GUESTVOICE_ANALYSIS_INTERNAL_EMBEDDED_DATA_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_EMBEDDED_DATA_H_

#include <string_view>

// The files of analysis/data/, compiled into the library by
// analysis/cmake/embed_file.cmake so binaries need no data files at run time.
namespace guestvoice::analysis::embedded {

std::string_view VaderLexicon();  // vader_lexicon.txt (vaderSentiment 3.3.2)
std::string_view
VaderEmojiLexicon();  // emoji_utf8_lexicon.txt (vaderSentiment 3.3.2)
std::string_view PythonUnicodeTable();    // python_unicode.tsv
std::string_view HotelSupplement();       // hotel_supplement.tsv
std::string_view HotelEmojiSupplement();  // emoji_supplement.tsv
std::string_view AspectTaxonomy();        // aspects.tsv
// The published sentiment lexicons of the other languages (lexicons/, see
// lexicons/SOURCES) and the hotel supplements for them.
std::string_view FrenchLexicon();          // lexicons/fr-sentiment.xml
std::string_view DutchLexicon();           // lexicons/nl-sentiment.xml
std::string_view ItalianLexicon();         // lexicons/pattern-sentiment-it.json
std::string_view PortugueseLexicon();      // lexicons/vader_lexicon_ptbr.txt
std::string_view HotelSupplementFrench();  // hotel_supplement_fr.tsv
std::string_view HotelSupplementDutch();   // hotel_supplement_nl.tsv
std::string_view HotelSupplementItalian();     // hotel_supplement_it.tsv
std::string_view HotelSupplementPortuguese();  // hotel_supplement_pt.tsv
std::string_view GermanLexicon();              // lexicons/de-sentiment.xml
std::string_view HotelSupplementGerman();      // hotel_supplement_de.tsv
// lexicons/afinnShortSortedSpanish.json (lorca-nlp's AFINN translation)
std::string_view SpanishLexicon();
std::string_view HotelSupplementSpanish();  // hotel_supplement_es.tsv
// guestvoice's translations of VADER's entries (vader_translations_<lang>.tsv)
std::string_view VaderTranslationsFrench();
std::string_view VaderTranslationsDutch();
std::string_view VaderTranslationsItalian();
std::string_view VaderTranslationsPortuguese();
std::string_view VaderTranslationsGerman();
std::string_view VaderTranslationsSpanish();

}  // namespace guestvoice::analysis::embedded

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_EMBEDDED_DATA_H_
