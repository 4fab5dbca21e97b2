#ifndef GUESTVOICE_ANALYSIS_INTERNAL_LANGUAGE_RULES_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_LANGUAGE_RULES_H_

#include <string_view>
#include <utility>
#include <vector>

namespace guestvoice::analysis {

// The closed-class words through which VADER's rules work, for one language
// other than English (English keeps the reference's, vader_rules.h). Words
// are lowercase; an elided form keeps its apostrophe ("n'", "dell'").
struct LanguageRules {
  std::string_view code;  // BCP-47
  // The Snowball stemmer (libstemmer) for words the lexicons lack.
  const char* snowball_algorithm;
  // Words that negate the sentiment words after them (VADER: the three
  // tokens before a sentiment word), and the subset that can also stand
  // after the word they negate, at the end of its clause (German "das
  // Frühstück schmeckte nicht", Dutch "het bevalt me niet").
  std::vector<std::string_view> negations;
  std::vector<std::string_view> trailing_negations;
  // Intensifiers (+) and diminishers (-), with VADER's B_INCR/B_DECR scalar.
  std::vector<std::pair<std::string_view, double>> boosters;
  // "but": sentiment before the first one counts half, after it 1.5 times.
  std::vector<std::string_view> contrast_words;
  // Elided articles, prepositions and pronouns written with an apostrophe
  // before the next word ("l'hôtel", "dell'albergo", "n'était"): split off
  // as tokens of their own so that the word after them is looked up bare.
  std::vector<std::string_view> elisions;
  // The absolute superlative written as a suffix (Italian "pulitissimo",
  // "sporchissime"): each lexicon adjective's forms with it are added, as
  // strong as the adjective after an intensifier. Empty when the language
  // has none.
  std::string_view superlative_infix;
  // Frequent words without sentiment (articles, pronouns, auxiliaries),
  // leaving out those English writes too ("in", "was"): evidence of the
  // language for short texts (language_identifier.h), and known words
  // that need no stemming.
  std::vector<std::string_view> function_words;
  // Whether the lexicon is written without diacritics (Portuguese's LeIA,
  // which strips them before lookup because guests often omit them: "nao",
  // "pessimo"): then every word is looked up, and every listed word stored,
  // with them removed (diacritics.h).
  bool fold_diacritics = false;
  // How superlative_infix joins an adjective: Italian keeps a hard c/g with
  // an h ("sporco" -> "sporchissimo"); Spanish with qu/gu and drops a final
  // -io ("limpio" -> "limpísimo", "rico" -> "riquísimo", "amable" ->
  // "amabilísimo"), and inflects for number (-os, -as) rather than -i/-e.
  enum class Superlatives { kItalian, kSpanish };
  Superlatives superlatives = Superlatives::kItalian;
  // A prefix that intensifies the adjective it is written onto (Spanish
  // "superlimpio", "requetebién"): each lexicon sentiment word's form with
  // it is added, as strong as after an intensifier. Empty when none.
  std::vector<std::string_view> intensifying_prefixes = {};
  // Diminishers that negate a sentiment word right after them (Spanish
  // "poco limpio", "poco amable": not clean, unfriendly), unless one of
  // `partitive_articles` stands right before them ("un poco caro":
  // slightly expensive), where they only diminish. Also listed in boosters.
  std::vector<std::string_view> negating_diminishers = {};
  std::vector<std::string_view> partitive_articles = {};
  // Words that make a connective of the negation right before them
  // (Spanish "sin embargo", "no obstante": however), which then negates
  // nothing.
  std::vector<std::string_view> connective_completions = {};
  // Conjunctions that start a clause of their own for aspects but do not
  // weigh the sentiment around them as contrast_words do: Spanish "aunque"
  // (although) introduces the lesser point, before or after the main one
  // ("bonito aunque un poco lejos", "aunque caro, merece la pena").
  std::vector<std::string_view> concessive_words = {};
};

// The rules for `code`, or nullptr for a language without them.
const LanguageRules* FindLanguageRules(std::string_view code);

// English function words, in the sense of LanguageRules::function_words:
// English keeps VADER's rules, and needs this list only as evidence.
const std::vector<std::string_view>& EnglishFunctionWords();

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_LANGUAGE_RULES_H_
