#ifndef GUESTVOICE_ANALYSIS_INTERNAL_VADER_WORD_TABLE_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_VADER_WORD_TABLE_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "analysis/internal/lexicons.h"
#include "analysis/internal/word_hash.h"

namespace guestvoice::analysis {

// Everything the VADER rules ask about a lowercase word, so each token costs
// one hash lookup: its lexicon valence, its BOOSTER_DICT scalar and whether
// it is in NEGATE, and whether a supplement's phrase starts with it; in the
// hotel analyzer's table also the negations and contrasts VADER lacks
// ("nobody", "however") and the words that stand for emoji. Words with none
// of these have no entry.
class VaderWordTable {
 public:
  struct Facts {
    double valence = 0;  // meaningful when in_lexicon
    double booster = 0;  // meaningful when is_booster
    bool in_lexicon = false;
    bool is_booster = false;
    bool is_negation_word = false;
    // Weighs the sentiment around it as VADER's "but" does (AddContrasts).
    bool is_contrast = false;
    // Stands for an emoji (AddEmojiWord): its valence counts as it is.
    bool stands_for_emoji = false;
    // Its valence counts only where a negation reaches it
    // (ValenceLexicon::IsNegatedOnly).
    bool negated_only = false;
    // A supplement's phrase starts with the word (PhrasesStartingWith), so
    // that only such tokens pay a second lookup.
    bool starts_phrase = false;
    // A subject negation starts with the word (SubjectNegationsStartingWith).
    bool starts_subject_negation = false;
  };

  explicit VaderWordTable(const ValenceLexicon& lexicon);

  // Adds `lexicon`'s words, or gives them its valence when they are in the
  // table already: a domain supplement over a language's lexicon.
  void AddLexicon(const ValenceLexicon& lexicon);

  const Facts* Find(std::string_view lower_word) const {
    auto it = facts_.find(lower_word);
    return it == facts_.end() ? nullptr : &it->second;
  }

  // A phrase of a supplement ("out of order"): scored as one word of the
  // lexicon at its first token, the tokens after it consumed.
  struct Phrase {
    std::vector<std::string> rest;  // the words after the first
    Facts facts;
  };
  // The phrases whose first word is `lower_word`, longest first; nullptr
  // when none.
  const std::vector<Phrase>* PhrasesStartingWith(
      std::string_view lower_word) const {
    auto it = phrases_.find(lower_word);
    return it == phrases_.end() ? nullptr : &it->second;
  }

  // Adds `word`, which stands for an emoji, with `valence`: no negation,
  // booster or capitals reach it, as no rule for words reaches the other
  // languages' emoji ("Nobody cared 😡" is no praise).
  void AddEmojiWord(const std::string& word, double valence);

  // Makes each of `words` a negation, as NEGATE's words are: "nobody",
  // which VADER's list lacks, so that "nobody cared" and "nobody
  // apologized" complain. Not in the reference's table; in the hotel
  // analyzer's (SentimentAnalyzer's supplement constructor).
  void AddNegations(const std::vector<std::string_view>& words);

  // A "nobody" that opens a clause as its subject, as words after its first
  // ("one" of "no one"): it negates its clause's first sentiment word
  // beyond VADER's three tokens too ("Nobody at the front desk could
  // help"), and nothing in a comparison ("Nobody was more helpful than
  // Anna"). Not in the reference's table (AddSubjectNegations).
  struct SubjectNegation {
    std::vector<std::string> rest;
  };
  const std::vector<SubjectNegation>* SubjectNegationsStartingWith(
      std::string_view lower_word) const {
    auto it = subject_negations_.find(lower_word);
    return it == subject_negations_.end() ? nullptr : &it->second;
  }
  // Adds each of `negations` ("nobody", "no one") as a subject negation.
  void AddSubjectNegations(const std::vector<std::string>& negations);

  // Adds each of `phrases` as a phrase that negates as NEGATE's words do,
  // from its last word, where a sentiment word or a booster follows it
  // (vader_scoring.cc MatchPhrases), and weighs nothing itself: "anything
  // but" and "far from", so that "the staff were anything but helpful" and
  // "far from clean" complain (VADER read praise, "but" weighing it up).
  // Its words are no contrast. Not in the reference's table.
  void AddNegationPhrases(const std::vector<std::string>& phrases);

  // Makes each of `words` weigh the sentiment around it as "but" does:
  // "however", which VADER's rules lack, so that "The pool is beautiful.
  // However, check-in took an hour." weighs the complaint. Not in the
  // reference's table.
  void AddContrasts(const std::vector<std::string_view>& words);

  // Whether a token's typographic apostrophe (U+2019, which phones type) is
  // read as ASCII's, so that "didn’t" negates as "didn't" does. Off in the
  // reference's table (vaderSentiment reads "didn’t" as an unknown word); on
  // in the hotel analyzer's (SentimentAnalyzer's supplement constructor).
  bool reads_typographic_apostrophes() const {
    return reads_typographic_apostrophes_;
  }
  void ReadTypographicApostrophes() { reads_typographic_apostrophes_ = true; }

  // Whether ratings written into the text ("9/10", "5 stars",
  // text_ratings.h) weigh as words of the lexicon do. Off in the reference's
  // table; on in the hotel analyzer's.
  bool reads_ratings() const { return reads_ratings_; }
  void ReadRatings() { reads_ratings_ = true; }

  // Every word of the table (views into it), in no particular order: the
  // first word of a phrase ("rip" of "rip off") is one, as the other
  // languages' phrases list theirs (LexicalSentimentAnalyzer::AddPhrase), so
  // that the language identifier knows it for English too.
  std::vector<std::string_view> Words() const;

 private:
  absl::flat_hash_map<std::string, Facts, WordHash, WordEq> facts_;
  absl::flat_hash_map<std::string, std::vector<Phrase>, WordHash, WordEq>
      phrases_;
  absl::flat_hash_map<std::string, std::vector<SubjectNegation>, WordHash,
                      WordEq>
      subject_negations_;
  bool reads_typographic_apostrophes_ = false;
  bool reads_ratings_ = false;
};

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_VADER_WORD_TABLE_H_
