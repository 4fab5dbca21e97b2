#include "analysis/internal/vader_scoring.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/strings/ascii.h"
#include "analysis/internal/but_rule.h"
#include "analysis/internal/text_ratings.h"
#include "analysis/internal/vader_rules.h"

namespace guestvoice::analysis {
namespace {

using vader::kAllCapsIncrement;
using vader::kNegationScalar;

// What the rules ask about each token, looked up once per token. The
// reference recomputes the lowercased word list for every word it scores,
// which is what makes it quadratic.
struct TokenFacts {
  std::string_view lower;
  bool is_upper;
  bool in_lexicon;
  bool is_booster;
  bool is_negated;        // negated([word])
  bool negated_only;      // VaderWordTable::Facts::negated_only
  bool starts_phrase;     // VaderWordTable::Facts::starts_phrase
  bool in_phrase;         // a word of a phrase MatchPhrases found
  bool is_contrast;       // "but", or VaderWordTable::Facts::is_contrast
  bool stands_for_emoji;  // VaderWordTable::Facts::stands_for_emoji
  // VaderWordTable::Facts::starts_subject_negation
  bool starts_subject_negation;
  // The first sentiment word of a clause a subject negation opens
  // (ReachFromSubjectNegations).
  bool negated_by_subject;
  double valence;  // when in_lexicon
  double booster;  // when is_booster
};

// A token without the punctuation after it. VADER keeps the punctuation of
// a token of one or two letters ("up." ending "never showed up."), taking it
// for an emoticon; within a phrase it ends the sentence, not the word.
std::string_view WithoutTrailingPunctuation(std::string_view token) {
  while (!token.empty() &&
         absl::ascii_ispunct(static_cast<unsigned char>(token.back()))) {
    token.remove_suffix(1);
  }
  return token;
}

// `lower` with each typographic apostrophe written as ASCII's, appended to
// `storage`, whose capacity must already hold it (views of it stay valid).
std::string_view WithAsciiApostrophes(std::string_view lower,
                                      std::string* storage) {
  const std::size_t begin = storage->size();
  for (std::size_t pos = 0; pos < lower.size();) {
    if (lower.compare(pos, kTypographicApostrophe.size(),
                      kTypographicApostrophe) == 0) {
      storage->push_back('\'');
      pos += kTypographicApostrophe.size();
    } else {
      storage->push_back(lower[pos++]);
    }
  }
  return std::string_view(*storage).substr(begin);
}

// Whether `rest` follows words[i], each word without the punctuation after
// it.
bool RestFollows(const std::vector<TokenFacts>& words, std::size_t i,
                 const std::vector<std::string>& rest) {
  for (std::size_t k = 0; k < rest.size(); ++k) {
    if (WithoutTrailingPunctuation(words[i + 1 + k].lower) != rest[k]) {
      return false;
    }
  }
  return true;
}

// A supplement's phrases ("out of order"): each one found is scored as a
// word of the lexicon at its first token, so that VADER's rules (negation,
// boosters, capitals, "but") treat it as one; the tokens after it score
// nothing. At each token the longest phrase wins. Plain VADER has none.
void MatchPhrases(const VaderWordTable& table, std::vector<TokenFacts>& words) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!words[i].starts_phrase) continue;
    const std::vector<VaderWordTable::Phrase>* phrases =
        table.PhrasesStartingWith(words[i].lower);
    if (phrases == nullptr) continue;
    for (const VaderWordTable::Phrase& phrase : *phrases) {
      if (i + phrase.rest.size() >= words.size() ||
          !RestFollows(words, i, phrase.rest)) {
        continue;
      }
      if (phrase.facts.is_negation_word) {
        // A negation of its own ("anything but", "far from"): from its
        // last word, as a word of NEGATE; neither a sentiment nor a
        // contrast. Only right before a sentiment word or a booster ("far
        // from clean", "anything but very helpful"): before a place ("far
        // from the beach, great location") it says where, and negates
        // nothing.
        const std::size_t next = i + phrase.rest.size() + 1;
        if (next >= words.size() ||
            !(words[next].in_lexicon || words[next].is_booster)) {
          continue;
        }
        for (std::size_t k = 0; k <= phrase.rest.size(); ++k) {
          words[i + k].in_phrase = true;
          words[i + k].in_lexicon = false;
          words[i + k].is_booster = false;
          words[i + k].is_contrast = false;
          words[i + k].is_negated = k == phrase.rest.size();
        }
        i += phrase.rest.size();
        break;
      }
      // An idiom that opens with a negation holds it ("can't wait",
      // "couldn't have been more", "never again"): it does not reach the
      // words after the idiom. One that names a thing before the negation
      // ("safe didn't") leaves it to reach them ("safe didn't work").
      if (words[i].is_negated) {
        for (std::size_t k = 0; k <= phrase.rest.size(); ++k) {
          words[i + k].is_negated = false;
        }
      }
      for (std::size_t k = 0; k <= phrase.rest.size(); ++k) {
        words[i + k].in_phrase = true;
      }
      words[i].in_lexicon = true;
      words[i].is_booster = false;
      words[i].valence = phrase.facts.valence;
      words[i].negated_only = phrase.facts.negated_only;
      for (std::size_t k = 1; k <= phrase.rest.size(); ++k) {
        words[i + k].in_lexicon = false;
        words[i + k].is_booster = false;
      }
      i += phrase.rest.size();
      break;
    }
  }
}

// The ratings written into the words [first_word, end_word) ("9/10", "5
// stars", text_ratings.h), found in their part of the text alone, so that a
// range scores as the same words as a text of their own: each weighs at its
// first token, its other tokens ("stars", "out of 5") nothing. Praise is a
// word of the lexicon, which a negation before it reaches ("doesn't deserve
// 5 stars"); blame is fixed as an emoji's valence is, so "wouldn't even give
// it one star" stays blame.
void WeighRatings(const VaderText& text, std::size_t first_word,
                  std::size_t end_word, std::vector<TokenFacts>& words) {
  thread_local std::vector<TextRating> ratings;
  const std::size_t part_begin = text.words[first_word].begin;
  FindTextRatings(
      text.text.substr(part_begin, text.words[end_word - 1].end - part_begin),
      &ratings);
  const std::size_t first_token = text.words[first_word].first_token;
  std::size_t w = first_word;
  for (const TextRating& rating : ratings) {
    bool first = true;
    for (; w < end_word && text.words[w].begin < part_begin + rating.end; ++w) {
      const VaderWord& word = text.words[w];
      if (word.begin < part_begin + rating.begin) continue;
      for (std::size_t t = word.first_token; t < word.end_token; ++t) {
        TokenFacts& token = words[t - first_token];
        token.in_lexicon = first && rating.valence > 0;
        token.stands_for_emoji = first && rating.valence < 0;
        token.valence = first ? rating.valence : 0;
        token.is_booster = false;
        token.is_negated = false;
        token.negated_only = false;
        token.starts_phrase = false;
        token.is_contrast = false;
        token.starts_subject_negation = false;
        first = false;
      }
    }
  }
}

// How many tokens after a subject negation its clause's sentiment word may
// stand: "Nobody at the front desk was able to help" has it sixth.
constexpr std::size_t kMaxSubjectReach = 8;

// Whether `token` is the last of its clause: punctuation closes it.
bool EndsClause(std::string_view token) {
  return !token.empty() &&
         (token.back() == '.' || token.back() == ',' || token.back() == ';' ||
          token.back() == ':' || token.back() == '!' || token.back() == '?');
}

// Whether `word` opens the phrase that says who "nobody" is ("nobody at
// reception", "no one from housekeeping").
bool OpensWhoPhrase(std::string_view word) {
  return word == "at" || word == "from" || word == "on" || word == "in" ||
         word == "of" || word == "behind";
}

// A subject negation of the table ("nobody", "no one") opening a clause,
// with a phrase saying who ("at reception"), marks its clause's first
// sentiment word negated_by_subject, within kMaxSubjectReach tokens:
// VADER's window of three tokens misses "Nobody at reception seemed to
// care". Without such a phrase the verb follows at once, in the window, and
// a sentiment word further on is another clause's ("Nobody mentioned the
// pool was closed"). In a comparison ("Nobody was more helpful than Anna",
// "no one makes better coffee than they do") it negates nothing: the
// sentence praises. Plain VADER's table has none.
void ReachFromSubjectNegations(const VaderWordTable& table,
                               std::vector<TokenFacts>& words) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!words[i].starts_subject_negation) continue;
    const bool opens_clause = i == 0 || EndsClause(words[i - 1].lower) ||
                              words[i - 1].lower == "and" ||
                              words[i - 1].is_contrast;
    if (!opens_clause) continue;
    const std::vector<VaderWordTable::SubjectNegation>* negations =
        table.SubjectNegationsStartingWith(words[i].lower);
    if (negations == nullptr) continue;
    std::size_t last = words.size();  // the negation's last token
    for (const VaderWordTable::SubjectNegation& negation : *negations) {
      const std::size_t end = i + negation.rest.size();
      if (end < words.size() && RestFollows(words, i, negation.rest)) {
        last = end;
        break;
      }
    }
    if (last == words.size() || EndsClause(words[last].lower)) continue;
    const bool who_phrase =
        last + 1 < words.size() && OpensWhoPhrase(words[last + 1].lower);
    std::size_t sentiment = words.size();
    bool comparison = false;
    for (std::size_t j = last + 1;
         j < words.size() && j <= last + kMaxSubjectReach; ++j) {
      const TokenFacts& word = words[j];
      if (word.lower == "and" || word.is_contrast) break;
      if (WithoutTrailingPunctuation(word.lower) == "than") {
        comparison = true;
        break;
      }
      if (sentiment == words.size() && word.in_lexicon && !word.is_booster &&
          !word.stands_for_emoji) {
        sentiment = j;
      }
      if (EndsClause(word.lower)) break;
    }
    if (comparison) {
      for (std::size_t k = i; k <= last; ++k) words[k].is_negated = false;
    } else if (who_phrase && sentiment < words.size()) {
      words[sentiment].negated_by_subject = true;
    }
    i = last;
  }
}

class ValenceRules {
 public:
  ValenceRules(const std::vector<TokenFacts>& words, bool is_cap_diff)
      : words_(words), is_cap_diff_(is_cap_diff) {}

  // sentiment_valence for a word found in the lexicon.
  double WordValence(std::size_t i) const {
    const TokenFacts& word = words_[i];
    const double lexicon_valence = word.valence;
    double valence = lexicon_valence;
    // "no" before another lexicon word negates that word instead.
    if (IsNo(i) && i + 1 != words_.size() && words_[i + 1].in_lexicon) {
      valence = 0.0;
    }
    if ((i > 0 && IsNo(i - 1)) || (i > 1 && IsNo(i - 2)) ||
        (i > 2 && IsNo(i - 3) &&
         (Lower(i - 1) == "or" || Lower(i - 1) == "nor"))) {
      valence = lexicon_valence * kNegationScalar;
    }
    if (word.is_upper && is_cap_diff_) {
      valence = valence > 0 ? valence + kAllCapsIncrement
                            : valence - kAllCapsIncrement;
    }
    for (std::size_t start = 0; start < 3; ++start) {
      if (i <= start || words_[i - (start + 1)].in_lexicon) continue;
      double scalar = ScalarIncDec(words_[i - (start + 1)], valence);
      if (start == 1 && scalar != 0) scalar = scalar * 0.95;
      if (start == 2 && scalar != 0) scalar = scalar * 0.9;
      valence = valence + scalar;
      valence = NegationCheck(valence, start, i);
      if (start == 2) valence = SpecialIdiomsCheck(valence, i);
    }
    valence = LeastCheck(valence, i);
    // Unless the rules above negated it already ("Nobody cared").
    if (word.negated_by_subject && (valence < 0) == (lexicon_valence < 0)) {
      valence = valence * kNegationScalar;
    }
    // Plain VADER has no such words: its scores are unchanged. The rules
    // above negate by changing the sign (kNegationScalar); on a valence of
    // +-1 nothing else they do can (boosters follow the word's sign, "kind
    // of" takes 0.293 off, VADER's idioms name none of these words), so a
    // sign unlike the lexicon's is a negation.
    if (word.negated_only) {
      if ((valence < 0) != (lexicon_valence < 0)) return valence;
      if (FollowsFailure(i)) return valence * kNegationScalar;
      return 0.0;
    }
    return valence;
  }

 private:
  // Whether one of the two words before i says that what it names failed
  // ("stopped working", "barely worked"), which VADER's rules do not count
  // as a negation.
  bool FollowsFailure(std::size_t i) const {
    for (std::size_t back = 1; back <= 2 && back <= i; ++back) {
      const std::string_view before = Lower(i - back);
      if (before == "stopped" || before == "stops" || before == "barely" ||
          before == "hardly" || before == "scarcely") {
        return true;
      }
    }
    return false;
  }

  std::string_view Lower(std::size_t i) const { return words_[i].lower; }

  // VADER's "no", which negates the lexicon words after it; not one a
  // supplement's phrase holds ("no complaints, perfect stay").
  bool IsNo(std::size_t i) const {
    return words_[i].lower == "no" && !words_[i].in_phrase;
  }

  double ScalarIncDec(const TokenFacts& word, double valence) const {
    double scalar = 0.0;
    if (word.is_booster) {
      scalar = word.booster;
      if (valence < 0) scalar *= -1;
      if (word.is_upper && is_cap_diff_) {
        scalar = valence > 0 ? scalar + kAllCapsIncrement
                             : scalar - kAllCapsIncrement;
      }
    }
    return scalar;
  }

  static bool IsSoOrThis(std::string_view word) {
    return word == "so" || word == "this";
  }

  double NegationCheck(double valence, std::size_t start, std::size_t i) const {
    if (start == 0) {
      if (words_[i - 1].is_negated) valence = valence * kNegationScalar;
    } else if (start == 1) {
      if (Lower(i - 2) == "never" && IsSoOrThis(Lower(i - 1))) {
        valence = valence * 1.25;
      } else if (Lower(i - 2) == "without" && Lower(i - 1) == "doubt") {
        // "without doubt" leaves the valence alone.
      } else if (words_[i - 2].is_negated) {
        valence = valence * kNegationScalar;
      }
    } else {
      // The reference's `a and b or c` parses as `(a and b) or c`, so "so" or
      // "this" right before the word boosts it even without "never".
      if ((Lower(i - 3) == "never" && IsSoOrThis(Lower(i - 2))) ||
          IsSoOrThis(Lower(i - 1))) {
        valence = valence * 1.25;
      } else if (Lower(i - 3) == "without" &&
                 (Lower(i - 2) == "doubt" || Lower(i - 1) == "doubt")) {
        // "without doubt" leaves the valence alone.
      } else if (words_[i - 3].is_negated) {
        valence = valence * kNegationScalar;
      }
    }
    return valence;
  }

  // Only reached for i >= 3.
  double SpecialIdiomsCheck(double valence, std::size_t i) const {
    const std::string_view zero = Lower(i);
    const std::string_view one = Lower(i - 1);
    const std::string_view two = Lower(i - 2);
    const std::string_view three = Lower(i - 3);
    // The first of these sequences found in SPECIAL_CASES wins.
    std::optional<double> special = vader::SpecialCaseValue(one, zero);
    if (!special) special = vader::SpecialCaseValue(two, one, zero);
    if (!special) special = vader::SpecialCaseValue(two, one);
    if (!special) special = vader::SpecialCaseValue(three, two, one);
    if (!special) special = vader::SpecialCaseValue(three, two);
    if (special) valence = *special;
    // Sequences starting at the word override.
    if (words_.size() - 1 > i) {
      if (auto value = vader::SpecialCaseValue(zero, Lower(i + 1))) {
        valence = *value;
      }
    }
    if (words_.size() - 1 > i + 1) {
      if (auto value =
              vader::SpecialCaseValue(zero, Lower(i + 1), Lower(i + 2))) {
        valence = *value;
      }
    }
    // Bigram dampeners ("kind of") add their value whatever the sign.
    if (auto value = vader::BigramBoosterValue(three, two)) {
      valence = valence + *value;
    }
    if (auto value = vader::BigramBoosterValue(two, one)) {
      valence = valence + *value;
    }
    return valence;
  }

  double LeastCheck(double valence, std::size_t i) const {
    if (i > 1 && !words_[i - 1].in_lexicon && Lower(i - 1) == "least") {
      if (Lower(i - 2) != "at" && Lower(i - 2) != "very") {
        valence = valence * kNegationScalar;
      }
    } else if (i > 0 && !words_[i - 1].in_lexicon && Lower(i - 1) == "least") {
      valence = valence * kNegationScalar;
    }
    return valence;
  }

  const std::vector<TokenFacts>& words_;
  const bool is_cap_diff_;
};

// _punctuation_emphasis: up to 4 '!' count 0.292 each; 2 or 3 '?' count 0.18
// each and more than 3 count 0.96.
double PunctuationEmphasis(int exclamation_marks, int question_marks) {
  const double exclamation = std::min(exclamation_marks, 4) * 0.292;
  double question = 0;
  if (question_marks > 1) {
    question = question_marks <= 3 ? question_marks * 0.18 : 0.96;
  }
  return exclamation + question;
}

// normalize(score, alpha=15)
double Normalize(double score) {
  const double normalized =
      score / std::sqrt((score * score) + vader::kNormalizationAlpha);
  return std::clamp(normalized, -1.0, 1.0);
}

// score_valence
SentimentScores ScoreValence(const std::vector<double>& sentiments,
                             double emphasis) {
  SentimentScores scores;
  if (sentiments.empty()) return scores;
  double sum = 0.0;
  for (double sentiment : sentiments) sum += sentiment;
  if (sum > 0) {
    sum += emphasis;
  } else if (sum < 0) {
    sum -= emphasis;
  }
  scores.compound = Normalize(sum);

  double pos_sum = 0.0;
  double neg_sum = 0.0;
  int neutral_count = 0;
  for (double sentiment : sentiments) {
    // +1 / -1 compensate for neutral words being counted as 1.
    if (sentiment > 0) pos_sum += (sentiment + 1);
    if (sentiment < 0) neg_sum += (sentiment - 1);
    if (sentiment == 0) neutral_count += 1;
  }
  if (pos_sum > std::fabs(neg_sum)) {
    pos_sum += emphasis;
  } else if (pos_sum < std::fabs(neg_sum)) {
    neg_sum -= emphasis;
  }
  const double total = pos_sum + std::fabs(neg_sum) + neutral_count;
  scores.pos = std::fabs(pos_sum / total);
  scores.neg = std::fabs(neg_sum / total);
  scores.neu = std::fabs(neutral_count / total);
  return scores;
}

}  // namespace

SentimentScores ScoreVaderWords(const VaderText& text, std::size_t first_word,
                                std::size_t end_word,
                                const VaderWordTable& table) {
  // Per-thread scratch: scoring allocates nothing once warmed up.
  thread_local std::vector<TokenFacts> words;
  thread_local std::vector<double> sentiments;
  if (first_word >= end_word) return SentimentScores();
  int exclamation_marks = 0;
  int question_marks = 0;
  for (std::size_t w = first_word; w < end_word; ++w) {
    exclamation_marks += text.words[w].exclamation_marks;
    question_marks += text.words[w].question_marks;
  }
  const std::size_t first_token = text.words[first_word].first_token;
  const std::size_t end_token = text.words[end_word - 1].end_token;
  // Filled by index: the buffers keep their capacity between calls.
  words.resize(end_token - first_token);
  // The tokens with a typographic apostrophe, read as ASCII's where the
  // table says so, are written here: reserved for all of them first.
  thread_local std::string apostrophes;
  apostrophes.clear();
  const bool reads_apostrophes =
      text.has_typographic_apostrophe && table.reads_typographic_apostrophes();
  if (reads_apostrophes) {
    std::size_t bytes = 0;
    for (std::size_t t = first_token; t < end_token; ++t) {
      if (text.tokens[t].lower.find(kTypographicApostrophe) !=
          std::string_view::npos) {
        bytes += text.tokens[t].lower.size();
      }
    }
    apostrophes.reserve(bytes);
  }
  std::size_t all_caps = 0;
  bool any_phrase = false;
  bool any_subject_negation = false;
  // Ratings are looked for only where a token may hold one.
  const bool reads_ratings = table.reads_ratings();
  bool any_rating_anchor = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const VaderToken& token = text.tokens[first_token + i];
    std::string_view lower = token.lower;
    if (reads_apostrophes &&
        lower.find(kTypographicApostrophe) != std::string_view::npos) {
      lower = WithAsciiApostrophes(lower, &apostrophes);
    }
    TokenFacts& word = words[i];
    word = {.lower = lower,
            .is_upper = token.is_upper,
            .in_lexicon = false,
            .is_booster = false,
            .is_negated = false,
            .negated_only = false,
            .starts_phrase = false,
            .in_phrase = false,
            .is_contrast = lower == "but",
            .stands_for_emoji = false,
            .starts_subject_negation = false,
            .negated_by_subject = false,
            .valence = 0,
            .booster = 0};
    if (const VaderWordTable::Facts* facts = table.Find(lower)) {
      word.in_lexicon = facts->in_lexicon;
      word.valence = facts->valence;
      word.is_booster = facts->is_booster;
      word.booster = facts->booster;
      word.is_negated = facts->is_negation_word;
      word.negated_only = facts->negated_only;
      word.starts_phrase = facts->starts_phrase;
      word.is_contrast = word.is_contrast || facts->is_contrast;
      word.stands_for_emoji = facts->stands_for_emoji;
      word.starts_subject_negation = facts->starts_subject_negation;
      any_phrase = any_phrase || facts->starts_phrase;
      any_subject_negation =
          any_subject_negation || facts->starts_subject_negation;
    }
    word.is_negated = word.is_negated || vader::ContainsNt(lower);
    if (reads_ratings && !any_rating_anchor) {
      any_rating_anchor = MayAnchorRating(lower);
    }
    if (token.is_upper) ++all_caps;
  }
  if (any_rating_anchor) WeighRatings(text, first_word, end_word, words);
  if (any_phrase) MatchPhrases(table, words);
  if (any_subject_negation) ReachFromSubjectNegations(table, words);
  // allcap_differential: some, but not all, tokens are ALL CAPS.
  const bool is_cap_diff = all_caps > 0 && all_caps < words.size();

  // Boosters, "kind" in "kind of" and words outside the lexicon score 0.
  sentiments.assign(words.size(), 0.0);
  const ValenceRules rules(words, is_cap_diff);
  for (std::size_t i = 0; i < words.size(); ++i) {
    const TokenFacts& word = words[i];
    const bool kind_of = i + 1 < words.size() && word.lower == "kind" &&
                         words[i + 1].lower == "of";
    if (word.stands_for_emoji) {
      sentiments[i] = word.valence;
    } else if (word.in_lexicon && !word.is_booster && !kind_of) {
      sentiments[i] = rules.WordValence(i);
    }
  }

  auto first_but =
      std::find_if(words.begin(), words.end(),
                   [](const TokenFacts& w) { return w.is_contrast; });
  if (first_but != words.end()) {
    ApplyButRule(static_cast<std::size_t>(first_but - words.begin()),
                 &sentiments);
  }
  return ScoreValence(sentiments,
                      PunctuationEmphasis(exclamation_marks, question_marks));
}

}  // namespace guestvoice::analysis
