#include "analysis/internal/clause_aspects.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

#include "analysis/internal/vader_rules.h"
#include "common/utf8.h"

namespace guestvoice::analysis {
namespace {

constexpr std::size_t kFar = std::numeric_limits<std::size_t>::max();

struct AspectState {
  int index;
  bool strong = false;     // named by a non-weak term
  bool evidenced = false;  // a weak term with a judgement next to it
};

// True if the text between two neighbouring words holds punctuation that
// ends a phrase (a comma, a colon, brackets, '+', '='...). Whitespace,
// hyphens and quotes do not.
bool BreaksPhrase(std::string_view clause, const TextWord& left,
                  const TextWord& right) {
  const std::string_view between =
      clause.substr(left.end, right.begin - left.end);
  std::size_t pos = 0;
  while (pos < between.size()) {
    const utf8::Step step = utf8::Decode(between, pos);
    const char32_t c = step.code_point;
    const bool joins = c == ' ' || c == '\t' || c == '-' || c == '\'' ||
                       c == '"' || c == 0x00A0 || (c >= 0x2018 && c <= 0x201D);
    if (!joins) return true;
    pos += step.length;
  }
  return false;
}

class EvidenceFinder {
 public:
  EvidenceFinder(std::string_view clause, const std::vector<TextWord>& words,
                 const std::vector<AspectMatcher::TermMatch>& matches,
                 const SentimentVocabulary& vocabulary,
                 std::vector<bool>* in_term)
      : clause_(clause),
        words_(words),
        vocabulary_(vocabulary),
        in_term_(*in_term) {
    in_term_.assign(words.size(), false);
    for (const AspectMatcher::TermMatch& match : matches) {
      std::fill(in_term_.begin() + match.begin, in_term_.begin() + match.end,
                true);
    }
  }

  bool HasEvidence(const AspectMatcher::TermMatch& match) const {
    // Before the term: negations and sentiment words no nearer to an
    // earlier term (ties go to the term that follows: this one).
    for (std::size_t step = 1; step <= kEvidenceWindow; ++step) {
      if (match.begin < step) break;
      const std::size_t i = match.begin - step;
      if (in_term_[i] || BreaksPhrase(clause_, words_[i], words_[i + 1])) {
        break;
      }
      if (vocabulary_.IsNegation(words_[i].lower)) return true;
      if (IsSentimentWord(i) && DistanceToTermBefore(i) >= step) return true;
    }
    // After the term: sentiment words nearer to it than to a later term.
    for (std::size_t step = 1; step <= kEvidenceWindow; ++step) {
      const std::size_t i = match.end - 1 + step;
      if (i >= words_.size() || in_term_[i] ||
          BreaksPhrase(clause_, words_[i - 1], words_[i])) {
        break;
      }
      if (IsSentimentWord(i) && DistanceToTermAfter(i) > step) return true;
    }
    return false;
  }

 private:
  bool IsSentimentWord(std::size_t i) const {
    return vocabulary_.IsSentimentWord(words_[i].lower);
  }

  std::size_t DistanceToTermBefore(std::size_t i) const {
    for (std::size_t d = 1; d <= kEvidenceWindow && d <= i; ++d) {
      if (in_term_[i - d]) return d;
    }
    return kFar;
  }

  std::size_t DistanceToTermAfter(std::size_t i) const {
    for (std::size_t d = 1; d <= kEvidenceWindow && i + d < words_.size();
         ++d) {
      if (in_term_[i + d]) return d;
    }
    return kFar;
  }

  std::string_view clause_;
  const std::vector<TextWord>& words_;
  const SentimentVocabulary& vocabulary_;
  std::vector<bool>& in_term_;
};

}  // namespace

std::vector<int> ResolveClauseAspects(
    std::string_view clause, const std::vector<TextWord>& words,
    const std::vector<AspectMatcher::TermMatch>& matches,
    double clause_sentiment, const SentimentVocabulary& vocabulary) {
  // Per-thread scratch, reused between calls.
  thread_local std::vector<bool> in_term;
  thread_local std::vector<AspectState> states;
  states.clear();
  const EvidenceFinder evidence(clause, words, matches, vocabulary, &in_term);
  for (const AspectMatcher::TermMatch& match : matches) {
    for (const AspectTaxonomy::AspectRef& ref : *match.aspects) {
      auto state = std::find_if(
          states.begin(), states.end(),
          [&](const AspectState& s) { return s.index == ref.index; });
      if (state == states.end()) {
        states.push_back(AspectState{ref.index});
        state = states.end() - 1;
      }
      if (!ref.weak) {
        state->strong = true;
      } else if (!state->evidenced && evidence.HasEvidence(match)) {
        state->evidenced = true;
      }
    }
  }

  const bool carries_sentiment =
      clause_sentiment <= -kNeutralBand || clause_sentiment >= kNeutralBand;
  std::vector<int> aspects;
  for (const AspectState& state : states) {
    const bool other_strong =
        std::any_of(states.begin(), states.end(), [&](const AspectState& s) {
          return s.index != state.index && s.strong;
        });
    if (state.strong || state.evidenced ||
        (carries_sentiment && !other_strong)) {
      aspects.push_back(state.index);
    }
  }
  return aspects;
}

int ClauseSubject::Carried(std::string_view clause,
                           const std::vector<TextWord>& words,
                           const std::vector<AspectMatcher::TermMatch>& matches,
                           double sentiment, bool opens_with_contrast,
                           bool mentions_aspects,
                           const SentimentVocabulary& vocabulary) {
  const int carried = MayCarry(opens_with_contrast) && !mentions_aspects &&
                              std::fabs(sentiment) >= kNeutralBand
                          ? subject_
                          : -1;
  carried_from_neutral_ = carried >= 0 && std::fabs(sentiment_) < kNeutralBand;
  // The next clause's subject: this clause's first term that is no
  // judgement ("room", not "clean"), among its first kSubjectWords words
  // where subjects stand ("Das Zimmer war", not "pour une nuit"), or the
  // one it carried on.
  subject_ = carried;
  for (const AspectMatcher::TermMatch& match : matches) {
    if (match.begin >= kSubjectWords) break;
    if (match.aspects->empty()) continue;
    bool judges = false;
    for (std::size_t i = match.begin; i < match.end && !judges; ++i) {
      judges = vocabulary.IsSentimentWord(words[i].lower);
    }
    if (!judges) {
      subject_ = match.aspects->front().index;
      break;
    }
  }
  sentiment_ = sentiment;
  // A clause the splitter ended at sentence punctuation ends its sentence.
  ended_sentence_ = false;
  for (std::string_view end : {".", "!", "?", ";", "\u2026"}) {
    if (clause.size() >= end.size() &&
        clause.compare(clause.size() - end.size(), end.size(), end) == 0) {
      ended_sentence_ = true;
    }
  }
  return carried;
}

}  // namespace guestvoice::analysis
