#ifndef GUESTVOICE_ANALYSIS_INTERNAL_DIACRITICS_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_DIACRITICS_H_

#include <string>
#include <string_view>
#include <vector>

#include "analysis/internal/text_words.h"

namespace guestvoice::analysis {

// `lower_word` with the diacritics of the Latin-1 lowercase letters removed
// ("não" -> "nao", "péssimo" -> "pessimo", "açúcar" -> "acucar"), as
// Unicode's NFKD decomposition followed by dropping the combining marks
// would give for them; every other byte is kept. Returns `lower_word`
// itself when it has nothing to fold, else the folded copy in `buffer`.
std::string_view FoldDiacritics(std::string_view lower_word,
                                std::string* buffer);

// `lower_word` as guests type it on a keyboard without the language's
// letters (social posts, phones set to another language): FoldDiacritics,
// "œ" written "oe", and where `umlauts_as_digraphs` (German) "ä", "ö", "ü"
// and "ß" written "ae", "oe", "ue" and "ss" ("Frühstück" as "Fruehstueck"),
// the German convention, rather than dropped ("schön", beautiful, would be
// "schon", already). Returns `lower_word` itself when it has nothing to
// change, else the plain copy in `buffer`.
std::string_view TypedWithoutDiacritics(std::string_view lower_word,
                                        bool umlauts_as_digraphs,
                                        std::string* buffer);

// Whether TypedWithoutDiacritics would change anything in `lower_text`:
// false for a text typed without the language's letters.
bool HasDiacritics(std::string_view lower_text, bool umlauts_as_digraphs);

// Whether none of `words` has diacritics (HasDiacritics of each lowercase
// word): a text typed without the language's letters.
bool IsTypedWithoutDiacritics(const std::vector<TextWord>& words,
                              bool umlauts_as_digraphs);

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_DIACRITICS_H_
