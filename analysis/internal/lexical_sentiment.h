#ifndef GUESTVOICE_ANALYSIS_INTERNAL_LEXICAL_SENTIMENT_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_LEXICAL_SENTIMENT_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "analysis/internal/emoji_valences.h"
#include "analysis/internal/language_lexicon.h"
#include "analysis/internal/language_rules.h"
#include "analysis/internal/python_unicode.h"
#include "analysis/internal/sentiment_vocabulary.h"
#include "analysis/internal/text_words.h"
#include "analysis/internal/word_hash.h"
#include "analysis/sentiment_analyzer.h"

namespace guestvoice::analysis {

// VADER's method for a language other than English, on VADER's scale and
// with its constants, so that compounds and the +-0.05 bands compare across
// languages: each sentiment word's valence, raised by a capitalised word in
// mixed-case text and by intensifiers (lowered by diminishers) among the
// three words before it, scaled by -0.74 when negated, halved before the
// first contrast word and raised by half after it; then the sum, raised by
// up to four '!', normalised to compound = sum / sqrt(sum^2 + 15). The word
// lists are the language's (language_rules.h); negation may also follow the
// word at the end of its clause where the grammar puts it there. Words the
// lexicons lack are looked up by their Snowball stem (of 3+ bytes). The
// three-word reach
// of negations and boosters counts only words with content: articles,
// pronouns, prepositions, elisions and boosters are passed over ("n'était
// pas du tout à l'écoute"), and forwards stops at "and"/"or" and at contrast
// words ("sin embargo" negates nothing). Beyond VADER's rules, per language
// (language_rules.h): "too" turns a word without sentiment into a mild
// complaint ("trop tôt"), "poco/pouco" before an adjective negates it,
// "super" without a word to raise is praise itself, "fine, no more" phrases
// take back the praise of their sentence, a missing thing is a mild
// complaint, superlatives and intensifying prefixes ("limpísimo",
// "superlimpio") are stronger forms; a separable verb's particle closing its
// clause is joined to its verb ("brach ... ab" as "abbrach"); and the
// supplement's idioms ("pas terrible") score as one word. Emoji weigh what
// VADER's English reading gives them (emoji_valences.h), outside the rules for
// words.
//
// Not a port of a reference: VADER's English idioms and special cases have
// no counterpart here. Immutable and thread-safe; linear in the text.
class LexicalSentimentAnalyzer final : public SentimentVocabulary {
 public:
  // `lexicon`: a published lexicon; `supplement`: hotel-domain words, which
  // replace the lexicon's valence for the words both have (its negated-only
  // words count only where a negation reaches them); `untranslated`:
  // words the lexicon took over from English unchanged (LeIA left some of
  // VADER's as they were: "meh", "bwahaha"), which score like any other word
  // but are no evidence that a text is in this language.
  LexicalSentimentAnalyzer(
      const LanguageRules& rules, const WordValences& lexicon,
      const LanguageSupplement& supplement,
      const absl::flat_hash_set<std::string>& untranslated = {},
      const PythonUnicode& unicode = PythonUnicode::Default(),
      const EmojiValences& emojis = EmojiValences::Default());
  // Not copied or moved: unaccented_ and clause_conjunctions_ point into its
  // own tables.
  LexicalSentimentAnalyzer(const LexicalSentimentAnalyzer&) = delete;
  LexicalSentimentAnalyzer& operator=(const LexicalSentimentAnalyzer&) = delete;

  // `valid_text`: valid UTF-8, at most kMaxTextBytes.
  SentimentScores PolarityScores(std::string_view valid_text) const;
  // The same, given SplitTextWords(valid_text)'s words, which a caller that
  // looks at several parts of one text splits once (SplitPartWords).
  SentimentScores PolarityScores(std::string_view valid_text,
                                 const std::vector<TextWord>& words) const;
  // The same for a part of a text that IsTypedWithoutDiacritics (or not) as
  // a whole, so that the part's words are looked up as the whole text's: a
  // clause without accents in a review written with them means what it
  // writes.
  SentimentScores PolarityScores(std::string_view valid_text,
                                 const std::vector<TextWord>& words,
                                 bool typed_without_diacritics) const;
  // Whether a text of these words is typed without diacritics, so that
  // words the lexicons lack are looked up as the words they are typed for
  // (unaccented_); false where the language has no such words.
  bool IsTypedWithoutDiacritics(const std::vector<TextWord>& words) const;

  // Whether the language's lexicons or word lists have `lower_word` as a
  // word of the language (not an untranslated English one): evidence of the
  // language for language identification.
  bool Knows(std::string_view lower_word) const;
  // Every word Knows() is true of, as looked up: with diacritics folded when
  // folds_diacritics() (views into the analyzer). In no particular order:
  // its one caller builds a table from them, and sorting every lexicon again
  // cost the CLI's start-up more than building that table.
  std::vector<std::string_view> KnownWords() const;
  // Whether words are looked up with their diacritics removed ("não" as
  // "nao"), as in lexicons written without them.
  bool folds_diacritics() const { return rules_.fold_diacritics; }

  std::string_view language() const { return rules_.code; }
  // The words before which a clause starts, for aspects: the contrast and
  // the concessive words, and those typed without diacritics ("pero" for
  // "però", "porem" for "porém") where no other word is spelt so.
  const std::vector<std::string_view>& clause_conjunctions() const {
    return clause_conjunctions_;
  }
  const LanguageRules& rules() const { return rules_; }

  // SentimentVocabulary, for aspect resolution.
  bool IsSentimentWord(std::string_view lower_word) const override {
    // A guest typing without diacritics writes them nowhere, and the word
    // alone does not tell: its sentiment word may be typed so.
    const Facts* facts = Find(lower_word, /*typed_without_diacritics=*/true);
    return facts != nullptr && facts->valence != 0 && !facts->negated_only;
  }
  bool IsNegation(std::string_view lower_word) const override {
    const Facts* facts = Find(lower_word, /*typed_without_diacritics=*/false);
    return facts != nullptr && facts->negates;
  }

 private:
  // Every word of the lexicons and word lists, untranslated ones included,
  // sorted: the order in which the tables derived from them are built.
  std::vector<std::string_view> SortedWords() const;

  struct Facts {
    double valence = 0;  // 0: no sentiment
    double booster = 0;  // 0: not a booster
    bool negates = false;
    bool negates_backward = false;
    bool contrasts = false;
    bool is_elision = false;
    bool untranslated = false;  // an English word kept by the lexicon
    // The supplement's "negated" words: their valence counts only where a
    // negation reaches them ("no cambiaron las toallas").
    bool negated_only = false;
    // Articles, pronouns, prepositions, elisions, boosters: passed over
    // when counting the reach of a negation or booster.
    bool closed_class = false;
    bool excess = false;               // "trop", before the word
    bool trailing_excess = false;      // "demais", after the word
    bool negating_diminisher = false;  // "poco" before an adjective
    bool diminisher_article = false;   // "un" of "un poco"
    double adjective_valence = 0;      // "super" standing alone
    bool starts_phrase = false;        // first word of an idiom or faint praise
    // Listed only as a phrase's first word ("warme" of "warme lucht"): its
    // stem still scores it, as before the phrase named it.
    bool scored_by_stem = false;
    bool conjunction = false;            // "and", "or": ends a negation's reach
    bool separable_particle = false;     // "ab" of "brach ... ab"
    bool never = false;                  // "nooit" of "nog nooit zo slecht"
    bool degree = false;                 // "zo" of "nog nooit zo slecht"
    bool clause_final_nothing = false;   // "niente" of "in camera niente"
    bool neither = false;                // "weder" of "weder ... noch"
    bool nor = false;                    // "noch" of "weder ... noch"
    bool clause_initial_nobody = false;  // "personne" of "Personne à l'accueil"
    bool sentence_adverb = false;        // "leider": no negation reaches it
    // "niemand" of "Niemand hat uns ... geholfen"
    bool verb_final_subject_negation = false;
    // An absence word ("geen"), or the first of two ("pas" of "pas de"):
    // then absence_seconds are the second words it takes, as looked up,
    // and absence_alone says whether it is one without them too ("ni" of
    // "ni jabón ni papel" and of "ni una toalla").
    bool absence = false;
    bool absence_alone = false;
    std::vector<std::string> absence_seconds;
  };
  // What a phrase does where it stands.
  enum class PhraseRole {
    kIdiom,        // the supplement's: scores as one word, its valence
    kFaintPraise,  // the rules' faint_praise: takes its sentence's praise
    kNegation,     // the rules' negation_phrases: negates as one word
  };
  // A phrase of the supplement or the rules, as looked up (Key()).
  struct Phrase {
    std::vector<std::string> words;
    double valence = 0;
    PhraseRole role = PhraseRole::kIdiom;
    // Whether one of its words is a negation ("pas terrible", "nooit
    // meer"): the idiom's valence already says it, so a negation before the
    // idiom ("n'était pas terrible") does not turn it round again.
    bool negated_within = false;
  };
  struct Token {
    std::string_view lower;
    const Facts* facts;  // nullptr for unknown words
    bool is_caps;
    bool starts_clause;    // punctuation between it and the token before
    bool starts_sentence;  // . ! ? or a line break before it
    bool capitalised;      // its first letter is a capital
    std::size_t begin;     // where its word starts in the text, in bytes
  };

  // How `lower_word` is stored and looked up: itself, or folded when the
  // rules say so (the fold is written to `buffer`).
  std::string_view Key(std::string_view lower_word, std::string* buffer) const;
  std::string OwnedKey(std::string_view lower_word) const;
  // The facts of a word the supplement or the rules list: a word of the
  // language even where the lexicon kept it from English.
  Facts& Listed(std::string_view word);
  void AddSuperlatives(const LanguageRules& rules);
  // The stems of `word`'s absolute superlative, before the infix: one, two
  // where spelling varies, none for a word without the form.
  static std::vector<std::string> SuperlativeStems(
      std::string_view word, LanguageRules::Superlatives superlatives);
  void AddPrefixedForms(const LanguageRules& rules);
  // Registers `text` (tokenized as texts are) as a phrase.
  void AddPhrase(std::string_view text, double valence, PhraseRole role);
  // For a separable verb's particle closing its clause at tokens[i]: the
  // index of the word before it in the clause that it joins into a
  // sentiment word, and that word's facts; or n.
  std::size_t JoinParticle(const std::vector<Token>& tokens, std::size_t i,
                           const std::vector<bool>& inert,
                           const Facts** joined) const;
  // Whether a token with facts is "and"/"or" as written (not merely as
  // looked up, diacritics folded).
  bool IsConjunction(const Token& token) const;
  // Whether a token introduces a cause (LanguageRules::causal_words). Not a
  // fact of the word: listing "por" would make it evidence of Portuguese.
  bool IsCausal(const Token& token) const;
  // Whether a token is one of `words` as written: for the rules' lists that
  // are no facts of a word, so no evidence of the language either.
  static bool IsListedIn(const Token& token,
                         const std::vector<std::string_view>& words);
  // The longest phrase starting at tokens[i], or nullptr.
  const Phrase* MatchPhrase(const std::vector<Token>& tokens,
                            std::size_t i) const;
  void Tokenize(std::string_view text, const std::vector<TextWord>& words,
                bool typed_without_diacritics,
                std::vector<Token>* tokens) const;
  // Sets the valence of each key (OwnedKey) of `valences`' words, as
  // Listed() when `listed`; spellings that fold to one key ("difícil",
  // "dificil") take their mean, where a hash map's order, which changes from
  // run to run, would otherwise decide which came last.
  void SetMeanValences(const WordValences& valences, bool listed);
  // The word's facts, else those of its Snowball stem (sentiment only),
  // else, when the word is `typed_without_diacritics`, those of the word it
  // is typed for (unaccented_).
  const Facts* Find(std::string_view lower_word,
                    bool typed_without_diacritics) const;
  // Fills unaccented_ and unaccented_stems_: last, from every word.
  void AddUnaccentedSpellings();

  const LanguageRules& rules_;
  const PythonUnicode& unicode_;
  const EmojiValences& emojis_;
  std::vector<std::string_view> clause_conjunctions_;
  // The spellings without diacritics clause_conjunctions_ views.
  std::vector<std::string> plain_conjunctions_;
  absl::flat_hash_map<std::string, Facts, WordHash, WordEq> words_;
  // Stem -> the mean valence of the sentiment words with that stem, so that
  // "sporchi" finds "sporco" and "vieze" finds "vies".
  absl::flat_hash_map<std::string, Facts, WordHash, WordEq> stems_;
  // Where the lexicons keep their diacritics: a word's spelling typed
  // without them (TypedWithoutDiacritics: "tres", "decevant", "schoen") ->
  // that word's facts, for the words with a role in sentiment (valence,
  // booster, contrast; not negations, as Italian "né" typed is "ne", a
  // pronoun), when no word of the language is spelt so ("sur" stays a
  // preposition, not "sûr") and only one word of the language is typed so.
  // Looked up after the words and stems as written, so it never changes a
  // word they know, and only in a text with no diacritics at all
  // (IsTypedWithoutDiacritics): in one written with them, French "passe"
  // (passes) is not "passé" (dated).
  absl::flat_hash_map<std::string, const Facts*, WordHash, WordEq> unaccented_;
  // The Snowball stem of a sentiment word's plain spelling -> the mean
  // valence of the words with that stem ("decevante" finds "décevant"), as
  // stems_ averages the words sharing a stem.
  absl::flat_hash_map<std::string, Facts, WordHash, WordEq> unaccented_stems_;
  // First word (as looked up) -> the phrases it starts.
  absl::flat_hash_map<std::string, std::vector<Phrase>, WordHash, WordEq>
      phrases_;
};

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_LEXICAL_SENTIMENT_H_
