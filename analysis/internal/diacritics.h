#ifndef GUESTVOICE_ANALYSIS_INTERNAL_DIACRITICS_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_DIACRITICS_H_

#include <string>
#include <string_view>

namespace guestvoice::analysis {

// `lower_word` with the diacritics of the Latin-1 lowercase letters removed
// ("não" -> "nao", "péssimo" -> "pessimo", "açúcar" -> "acucar"), as
// Unicode's NFKD decomposition followed by dropping the combining marks
// would give for them; every other byte is kept. Returns `lower_word`
// itself when it has nothing to fold, else the folded copy in `buffer`.
std::string_view FoldDiacritics(std::string_view lower_word,
                                std::string* buffer);

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_DIACRITICS_H_
