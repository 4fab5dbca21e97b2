#ifndef GUESTVOICE_ANALYSIS_INTERNAL_CLAUSE_ASPECTS_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_CLAUSE_ASPECTS_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "analysis/internal/aspect_matcher.h"
#include "analysis/internal/sentiment_vocabulary.h"
#include "analysis/internal/text_words.h"

namespace guestvoice::analysis {

// How many words either side of a weak term may hold a judgement about it.
inline constexpr std::size_t kEvidenceWindow = 3;

// Decides which aspects a clause mentions, given its words, the taxonomy
// terms found in them and the clause's sentiment (VADER compound).
//
// A non-weak term always mentions its aspect. A weak term (a bathroom, a
// lobby, a bar: often only the setting of something else) mentions its
// aspect only when the clause says something about it:
//  - a judgement about it stands next to it: within kEvidenceWindow words,
//    with no other term in between, a sentiment word (in the lexicon) that is
//    nearer to it than to any other term (ties go to the term that follows,
//    as adjectives precede nouns), or a negation before it ("a broken
//    shower", "the bed was hard", "no window"; not "a cockroach in the
//    bathroom" or "the room was not clean", where the judgement is another
//    aspect's term). The window does not reach across punctuation other
//    than quotes and hyphens. Or:
//  - the clause carries sentiment and names no other aspect with a
//    non-weak term ("the room we got on the top floor was amazing").
//
// Returns aspect indices, each once, in order of first mention.
std::vector<int> ResolveClauseAspects(
    std::string_view clause, const std::vector<TextWord>& words,
    const std::vector<AspectMatcher::TermMatch>& matches,
    double clause_sentiment, const SentimentVocabulary& vocabulary);

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_CLAUSE_ASPECTS_H_
