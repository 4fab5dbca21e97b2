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

// VADER's neutral band: |compound| < 0.05 says nothing either way.
inline constexpr double kNeutralBand = 0.05;

// How many words open a clause where its subject stands: an article and a
// noun, perhaps an adjective ("Il nostro personale", "The front desk").
inline constexpr std::size_t kSubjectWords = 3;

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

// A clause split off at a contrast word ("but", "aber", "però") inside its
// sentence that mentions no aspect says more of the subject of the clause
// before it, the first thing that clause names that is no judgement itself:
// "Das Zimmer war sauber, aber sehr klein" (the room, not the cleanliness),
// "Il personale gentile ma un po' disorganizzato" (the staff), "The wifi,
// however, dropped every few minutes" (the wifi, left alone in "The
// wifi,"); not "Clean but very tired", whose only term is a judgement. Fed
// the clauses in text order.
class ClauseSubject {
 public:
  // The aspect index `clause` takes from the clause before it, or -1: only
  // when it opens with a contrast word (`opens_with_contrast`), mentions no
  // aspect of its own (`mentions_aspects`), carries `sentiment`, and the
  // clause before it in its sentence had a subject. Then records `clause`
  // (its `words` and term `matches`) as the clause before the next.
  int Carried(std::string_view clause, const std::vector<TextWord>& words,
              const std::vector<AspectMatcher::TermMatch>& matches,
              double sentiment, bool opens_with_contrast, bool mentions_aspects,
              const SentimentVocabulary& vocabulary);
  // Whether a clause that names no term may carry an aspect: its sentiment
  // is needed only then.
  bool MayCarry(bool opens_with_contrast) const {
    return opens_with_contrast && !ended_sentence_ && subject_ >= 0;
  }
  // Whether the clause before the last one given to Carried had no
  // sentiment: its mention of the carried aspect said nothing, and the
  // carried one replaces it.
  bool CarriedFromNeutral() const { return carried_from_neutral_; }

 private:
  int subject_ = -1;  // of the clause before, or -1
  bool ended_sentence_ = true;
  double sentiment_ = 0;
  bool carried_from_neutral_ = false;
};

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_CLAUSE_ASPECTS_H_
