#include "analysis/internal/lexical_sentiment.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <numeric>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "analysis/internal/diacritics.h"
#include "analysis/internal/snowball_stemmer.h"
#include "analysis/internal/text_ratings.h"
#include "analysis/internal/text_words.h"
#include "analysis/internal/vader_rules.h"
#include "common/utf8.h"

namespace guestvoice::analysis {
namespace {

// VADER's weights for a booster one, two and three words away.
constexpr double kBoosterDamping[] = {1.0, 0.95, 0.9};
// VADER's "!" amplifier: 0.292 per mark, at most four marks.
constexpr double kExclamationIncrement = 0.292;
constexpr int kMaxExclamations = 4;
constexpr int kWindow = 3;  // VADER looks three tokens back
// The valence "too" gives a word without sentiment ("trop tôt"): a mild
// complaint, about VADER's "inconvenient" (-1.5).
constexpr double kExcessValence = -1.5;
// How far past closed-class words a negation or booster may reach at most.
constexpr std::size_t kMaxReach = 8;
// How many words after its causal word a cause runs ("wegen der sehr
// schmutzigen Fenster").
constexpr std::size_t kMaxCauseWords = 4;
// How far before "better" a modal of what could have been stands at most
// ("podría haber sido mucho mejor", "hätte für den Preis besser").
constexpr std::size_t kMaxShortfallReach = 5;
// How far a verb-final clause's "nobody" reaches for the verb closing it.
constexpr std::size_t kMaxSubjectReach = 12;
// What a missing thing weighs ("geen wifi"): a little less than "too".
constexpr double kAbsenceValence = -1.0;
// Words are matched by their Snowball stem only where it has this many
// bytes or more.
constexpr std::size_t kMinStemBytes = 3;

// The mean of the valences of the words that share a stem.
struct Mean {
  double sum = 0;
  int count = 0;
};

constexpr char32_t kRightSingleQuotationMark = 0x2019;

double Sign(double value) { return value < 0 ? -1 : 1; }

// Python's str.isupper() on a word: some cased letter, none lowercase.
bool IsCaps(std::string_view word, const PythonUnicode& unicode) {
  bool upper = false;
  for (std::size_t pos = 0; pos < word.size();) {
    const utf8::Step step = utf8::Decode(word, pos);
    const PythonUnicode::Case letter_case = unicode.CaseOf(step.code_point);
    if (letter_case == PythonUnicode::Case::kLowerOrTitle) return false;
    upper = upper || letter_case == PythonUnicode::Case::kUpper;
    pos += step.length;
  }
  return upper;
}

bool HasClauseBreak(std::string_view between) {
  return between.find_first_of(".!?;:,\n") != std::string_view::npos;
}

bool HasSentenceBreak(std::string_view between) {
  return between.find_first_of(".!?\n") != std::string_view::npos;
}

bool EndsWithEn(std::string_view word) {
  return word.size() > 3 && word.substr(word.size() - 2) == "en";
}

// Whether the word's first letter is a capital.
bool IsCapitalised(std::string_view word, const PythonUnicode& unicode) {
  if (word.empty()) return false;
  return unicode.CaseOf(utf8::Decode(word, 0).code_point) ==
         PythonUnicode::Case::kUpper;
}

// Where an elided word ends in `lower_word` ("l'" of "l'hôtel"): the byte
// after its apostrophe, or 0 when the word has no inner apostrophe.
std::size_t ElisionEnd(std::string_view lower_word, std::size_t* apostrophe) {
  for (std::size_t pos = 0; pos < lower_word.size();) {
    const utf8::Step step = utf8::Decode(lower_word, pos);
    if (step.code_point == '\'' ||
        step.code_point == kRightSingleQuotationMark) {
      *apostrophe = pos;
      return pos + step.length;
    }
    pos += step.length;
  }
  return 0;
}

}  // namespace

LexicalSentimentAnalyzer::LexicalSentimentAnalyzer(
    const LanguageRules& rules, const WordValences& lexicon,
    const LanguageSupplement& supplement,
    const absl::flat_hash_set<std::string>& untranslated,
    const PythonUnicode& unicode, const EmojiValences& emojis)
    : rules_(rules), unicode_(unicode), emojis_(emojis) {
  clause_conjunctions_ = rules.contrast_words;
  clause_conjunctions_.insert(clause_conjunctions_.end(),
                              rules.concessive_words.begin(),
                              rules.concessive_words.end());
  words_.reserve(lexicon.size() + supplement.valences.size());
  SetMeanValences(lexicon, /*listed=*/false);
  for (const std::string& word : untranslated) {
    if (auto it = words_.find(OwnedKey(word)); it != words_.end()) {
      it->second.untranslated = true;
    }
  }
  std::vector<std::pair<std::string_view, double>> idioms;
  WordValences supplement_words;
  for (const auto& [word, valence] : supplement.valences) {
    if (word.find(' ') != std::string::npos) {
      idioms.emplace_back(word, valence);
    } else {
      supplement_words.emplace(word, valence);
    }
  }
  SetMeanValences(supplement_words, /*listed=*/true);
  for (const std::string& word : supplement.negated_only) {
    Listed(word).negated_only = true;
  }
  // Pattern lists some closed-class words with a polarity of their own
  // ("très"); here they only do their job, and carry none.
  for (std::string_view word : rules.negations) {
    Facts& facts = Listed(word);
    facts.negates = true;
    facts.valence = 0;
  }
  for (std::string_view word : rules.trailing_negations) {
    Listed(word).negates_backward = true;
  }
  for (const auto& [word, scalar] : rules.boosters) {
    Facts& facts = Listed(word);
    facts.booster = scalar;
    facts.valence = 0;
  }
  for (std::string_view word : rules.contrast_words) {
    Facts& facts = Listed(word);
    facts.contrasts = true;
    facts.valence = 0;
  }
  for (std::string_view word : rules.elisions) {
    Listed(word).is_elision = true;
  }
  for (std::string_view word : rules.concessive_words) {
    Listed(word).valence = 0;
  }
  if (!rules.superlative_infix.empty()) AddSuperlatives(rules);
  for (std::string_view word : rules.function_words) {
    Facts& facts = Listed(word);
    facts.valence = 0;
    facts.closed_class = true;
  }
  for (const auto& [word, scalar] : rules.boosters) {
    Listed(word).closed_class = true;
  }
  for (std::string_view word : rules.elisions) {
    Listed(word).closed_class = true;
  }
  for (std::string_view word : rules.excess_words) Listed(word).excess = true;
  for (std::string_view entry : rules.absence_words) {
    const std::size_t space = entry.find(' ');
    Facts& facts = Listed(entry.substr(0, space));
    facts.absence = true;
    if (space == std::string_view::npos) {
      facts.absence_alone = true;
    } else {
      facts.absence_seconds.push_back(OwnedKey(entry.substr(space + 1)));
    }
  }
  for (std::string_view word : rules.conjunctions) {
    Listed(word).conjunction = true;
  }
  for (std::string_view word : rules.separable_particles) {
    Listed(word).separable_particle = true;
  }
  for (std::string_view word : rules.never_words) Listed(word).never = true;
  for (std::string_view word : rules.sentence_adverbs) {
    Listed(word).sentence_adverb = true;
  }
  for (std::string_view word : rules.degree_words) Listed(word).degree = true;
  for (std::string_view word : rules.clause_final_nothing) {
    Listed(word).clause_final_nothing = true;
  }
  for (std::string_view word : rules.neither_words) Listed(word).neither = true;
  for (std::string_view word : rules.nor_words) Listed(word).nor = true;
  for (std::string_view word : rules.clause_initial_nobody) {
    Listed(word).clause_initial_nobody = true;
  }
  for (std::string_view word : rules.verb_final_subject_negations) {
    Listed(word).verb_final_subject_negation = true;
  }
  for (std::string_view word : rules.trailing_excess_words) {
    Facts& facts = Listed(word);
    facts.trailing_excess = true;
    facts.valence = 0;
  }
  for (std::string_view word : rules.negating_diminishers) {
    Listed(word).negating_diminisher = true;
  }
  for (std::string_view word : rules.diminisher_articles) {
    Listed(word).diminisher_article = true;
  }
  for (const auto& [word, valence] : rules.adjective_boosters) {
    Facts& facts = Listed(word);
    facts.adjective_valence = valence;
    facts.valence = 0;
    if (facts.booster == 0) facts.booster = vader::kBoosterIncrement;
  }
  // Last: a phrase is tokenized as texts are, elisions split off.
  for (const auto& [phrase, valence] : idioms) {
    AddPhrase(phrase, valence, PhraseRole::kIdiom);
  }
  for (std::string_view phrase : rules.faint_praise) {
    AddPhrase(phrase, 0, PhraseRole::kFaintPraise);
  }
  for (std::string_view phrase : rules.negation_phrases) {
    AddPhrase(phrase, 0, PhraseRole::kNegation);
  }
  absl::flat_hash_map<std::string, Mean> means;
  // In word order: the sums must not depend on the table's iteration order,
  // which varies from run to run (its hash is salted by addresses).
  for (std::string_view word : SortedWords()) {
    const Facts& facts = words_.find(word)->second;
    // A negated-only word gives its stem no valence: "cambio" (a change)
    // would score as "cambiado" does unnegated, which is nothing.
    if (facts.valence == 0 || facts.negated_only) continue;
    std::string stem(SnowballStemOnce(rules.snowball_algorithm, word));
    // A stem of one or two letters says nothing of a word: French "puant"
    // (stinking) stems to "pu", which is also "(on a) pu", (we) could.
    if (stem.size() < kMinStemBytes) continue;
    Mean& mean = means[std::move(stem)];
    mean.sum += facts.valence;
    ++mean.count;
  }
  stems_.reserve(means.size());
  for (const auto& [stem, mean] : means) {
    stems_[stem].valence = mean.sum / mean.count;
  }
  for (auto& [word, facts] : words_) {
    if (!facts.scored_by_stem) continue;
    const auto stem =
        stems_.find(SnowballStemOnce(rules.snowball_algorithm, word));
    if (stem != stems_.end()) facts.valence = stem->second.valence;
  }
  // After the stems: "superlimpio" has no stem of its own worth keeping, and
  // stemming every prefixed form would double the start-up's stemming.
  if (!rules.intensifying_prefixes.empty()) AddPrefixedForms(rules);
  // Last, so that every form above has its plain spelling.
  if (!rules.fold_diacritics) AddUnaccentedSpellings();
  std::string buffer;
  for (std::string_view conjunction : clause_conjunctions_) {
    const std::string_view plain =
        TypedWithoutDiacritics(conjunction, rules.umlauts_as_digraphs, &buffer);
    // Where words are looked up folded, "porem" is "porém" itself.
    const bool same_word = OwnedKey(plain) == OwnedKey(conjunction);
    if (plain != conjunction && (same_word || !words_.contains(plain))) {
      plain_conjunctions_.emplace_back(plain);
    }
  }
  // Views taken once the strings no longer move.
  clause_conjunctions_.insert(clause_conjunctions_.end(),
                              plain_conjunctions_.begin(),
                              plain_conjunctions_.end());
}

void LexicalSentimentAnalyzer::AddUnaccentedSpellings() {
  std::string buffer;
  // Each plain spelling -> the one word typed so, or nullptr when several
  // words are.
  absl::flat_hash_map<std::string, const Facts*, WordHash, WordEq> typed_for;
  // (stem, valence) of each sentiment word's plain spelling.
  std::vector<std::pair<std::string, double>> stem_valences;
  // In the table's order, which varies from run to run: nothing here
  // depends on it but the stems' sums, made in sorted order below (sorting
  // these few pairs costs a fraction of sorting every word).
  for (const auto& [word, facts] : words_) {
    const std::string_view plain =
        TypedWithoutDiacritics(word, rules_.umlauts_as_digraphs, &buffer);
    if (plain == word || words_.contains(plain)) continue;
    auto [it, first] = typed_for.try_emplace(plain, &facts);
    if (!first) it->second = nullptr;
    if (facts.valence == 0 || facts.negated_only) continue;
    std::string stem(SnowballStemOnce(rules_.snowball_algorithm, plain));
    if (stem.size() >= kMinStemBytes && !stems_.contains(stem)) {
      stem_valences.emplace_back(std::move(stem), facts.valence);
    }
  }
  for (const auto& [plain, facts] : typed_for) {
    if (facts != nullptr &&
        (facts->valence != 0 || facts->booster != 0 || facts->contrasts)) {
      unaccented_.emplace(plain, facts);
    }
  }
  std::sort(stem_valences.begin(), stem_valences.end());
  absl::flat_hash_map<std::string, Mean> stem_means;
  for (auto& [stem, valence] : stem_valences) {
    Mean& mean = stem_means[std::move(stem)];
    mean.sum += valence;
    ++mean.count;
  }
  unaccented_stems_.reserve(stem_means.size());
  for (const auto& [stem, mean] : stem_means) {
    unaccented_stems_[stem].valence = mean.sum / mean.count;
  }
}

void LexicalSentimentAnalyzer::AddSuperlatives(const LanguageRules& rules) {
  using Superlatives = LanguageRules::Superlatives;
  std::vector<std::pair<std::string, double>> superlatives;
  // In word order, so that of two adjectives with one superlative
  // ("sporco", "sporca") the same one gives it its valence in every run.
  for (std::string_view word : SortedWords()) {
    const Facts& facts = words_.find(word)->second;
    // A negated-only word ("cambiado") has no stronger form to praise with.
    if (facts.valence == 0 || facts.negated_only || word.size() < 4) continue;
    const double valence =
        facts.valence + Sign(facts.valence) * vader::kBoosterIncrement;
    for (std::string& stem : SuperlativeStems(word, rules.superlatives)) {
      stem.append(rules.superlative_infix);
      if (rules.superlatives == Superlatives::kItalian) {
        for (char inflection : {'o', 'a', 'i', 'e'}) {
          superlatives.emplace_back(stem + inflection, valence);
        }
        continue;
      }
      for (const char* inflection : {"o", "a", "os", "as"}) {
        superlatives.emplace_back(stem + inflection, valence);
      }
    }
  }
  // Listed forms (the supplement's "gentilissimo") keep their valence.
  for (auto& [word, valence] : superlatives) {
    auto [it, inserted] = words_.try_emplace(std::move(word));
    if (inserted) it->second.valence = valence;
  }
}

std::vector<std::string> LexicalSentimentAnalyzer::SuperlativeStems(
    std::string_view word, LanguageRules::Superlatives superlatives) {
  using Superlatives = LanguageRules::Superlatives;
  auto ends_with = [&](std::string_view ending) {
    return word.size() > ending.size() + 2 &&
           word.compare(word.size() - ending.size(), ending.size(), ending) ==
               0;
  };
  if (superlatives == Superlatives::kPortuguese && ends_with("vel")) {
    // confortavel -> confortabilissimo
    return {std::string(word.substr(0, word.size() - 3)) + "bil"};
  }
  const char ending = word.back();
  if (ending != 'o' && ending != 'a' && ending != 'e') return {};
  std::string stem(word.substr(0, word.size() - 1));
  switch (superlatives) {
    case Superlatives::kItalian:
      // The stem keeps its hard consonant: sporco -> sporchissimo, lungo ->
      // lunghissimo.
      if (stem.back() == 'c' || stem.back() == 'g') stem.push_back('h');
      return {stem};
    case Superlatives::kSpanish:
      if (stem.size() > 3 && stem.compare(stem.size() - 2, 2, "bl") == 0) {
        stem.replace(stem.size() - 2, 2, "bil");  // amable -> amabilísimo
      } else if (stem.back() == 'i') {
        stem.pop_back();  // limpio -> limpísimo, sucio -> sucísimo
      } else if (stem.back() == 'c') {
        stem.back() = 'q';  // rico -> riquísimo
        stem.push_back('u');
      } else if (stem.back() == 'g') {
        stem.push_back('u');  // largo -> larguísimo
      } else if (stem.back() == 'z') {
        stem.back() = 'c';  // feroz -> ferocísimo
      }
      return {stem};
    case Superlatives::kPortuguese:
      if (stem.back() == 'c') {
        // simpatico -> simpaticissimo, as written and as said
        // (simpatiquissimo)
        std::string spoken = stem;
        spoken.back() = 'q';
        spoken.push_back('u');
        return {stem, spoken};
      }
      if (stem.back() == 'g') stem.push_back('u');  // largo -> larguissimo
      return {stem};
  }
  return {};
}

void LexicalSentimentAnalyzer::AddPrefixedForms(const LanguageRules& rules) {
  std::vector<std::pair<std::string, double>> forms;
  for (std::string_view word : SortedWords()) {
    const Facts& facts = words_.find(word)->second;
    if (facts.valence == 0 || facts.negated_only || facts.booster != 0) {
      continue;
    }
    const double valence =
        facts.valence + Sign(facts.valence) * vader::kBoosterIncrement;
    for (std::string_view prefix : rules.intensifying_prefixes) {
      forms.emplace_back(OwnedKey(prefix) + std::string(word), valence);
    }
  }
  // Listed forms keep their valence.
  for (auto& [word, valence] : forms) {
    auto [it, inserted] = words_.try_emplace(std::move(word));
    if (inserted) it->second.valence = valence;
  }
}

void LexicalSentimentAnalyzer::AddPhrase(std::string_view text, double valence,
                                         PhraseRole role) {
  TextWords words;
  SplitTextWords(text, unicode_, &words);
  std::vector<Token> tokens;
  Tokenize(text, words.words, /*typed_without_diacritics=*/false, &tokens);
  if (tokens.size() < 2) std::abort();  // the supplement's tests catch it
  Phrase phrase;
  phrase.valence = valence;
  phrase.role = role;
  for (const Token& token : tokens) {
    phrase.words.push_back(OwnedKey(token.lower));
    if (token.facts != nullptr && token.facts->negates) {
      phrase.negated_within = true;
    }
  }
  const bool new_word = !words_.contains(phrase.words.front());
  Facts& first = Listed(phrase.words.front());
  first.starts_phrase = true;
  first.scored_by_stem = first.scored_by_stem || new_word;
  phrases_[phrase.words.front()].push_back(std::move(phrase));
}

std::size_t LexicalSentimentAnalyzer::JoinParticle(
    const std::vector<Token>& tokens, std::size_t i,
    const std::vector<bool>& inert, const Facts** joined) const {
  thread_local std::string word;
  // The verb stands second in a main clause, so rarely more than a few
  // words before the particle that closes it.
  constexpr std::size_t kMaxVerbDistance = 8;
  for (std::size_t k = 1; k <= kMaxVerbDistance && k <= i; ++k) {
    const std::size_t j = i - k;
    if (tokens[j + 1].starts_clause) break;
    if (inert[j]) continue;
    word.assign(tokens[i].lower);
    word.append(tokens[j].lower);
    // Looked up as written, not by stem: the supplements list the joined
    // forms, and stemming every candidate cost Dutch reviews 5 %.
    thread_local std::string buffer;
    const auto it = words_.find(Key(word, &buffer));
    if (it != words_.end() && it->second.valence != 0) {
      *joined = &it->second;
      return j;
    }
  }
  return tokens.size();
}

const LexicalSentimentAnalyzer::Phrase* LexicalSentimentAnalyzer::MatchPhrase(
    const std::vector<Token>& tokens, std::size_t i) const {
  thread_local std::string buffer;
  auto it = phrases_.find(Key(tokens[i].lower, &buffer));
  if (it == phrases_.end()) return nullptr;
  const Phrase* best = nullptr;
  for (const Phrase& phrase : it->second) {
    if (i + phrase.words.size() > tokens.size()) continue;
    if (best != nullptr && best->words.size() >= phrase.words.size()) continue;
    bool matches = true;
    for (std::size_t k = 1; k < phrase.words.size() && matches; ++k) {
      matches = !tokens[i + k].starts_sentence &&
                Key(tokens[i + k].lower, &buffer) == phrase.words[k];
    }
    if (matches) best = &phrase;
  }
  return best;
}

std::string_view LexicalSentimentAnalyzer::Key(std::string_view lower_word,
                                               std::string* buffer) const {
  return rules_.fold_diacritics ? FoldDiacritics(lower_word, buffer)
                                : lower_word;
}

void LexicalSentimentAnalyzer::SetMeanValences(const WordValences& valences,
                                               bool listed) {
  absl::flat_hash_map<std::string, double> by_key;
  by_key.reserve(valences.size());
  // Keys given more than once, with every valence given them: rare (two
  // spellings of a word), so kept apart from the common path.
  absl::flat_hash_map<std::string, std::vector<double>> collisions;
  for (const auto& [word, valence] : valences) {
    auto [it, first] = by_key.try_emplace(OwnedKey(word), valence);
    if (first) continue;
    auto [collision, new_collision] = collisions.try_emplace(it->first);
    if (new_collision) collision->second.push_back(it->second);
    collision->second.push_back(valence);
  }
  for (auto& [key, spellings] : collisions) {
    // Sorted, so that the sum does not depend on the order either.
    std::sort(spellings.begin(), spellings.end());
    by_key[key] = std::accumulate(spellings.begin(), spellings.end(), 0.0) /
                  spellings.size();
  }
  for (auto& [key, valence] : by_key) {
    (listed ? Listed(key) : words_[key]).valence = valence;
  }
}

std::string LexicalSentimentAnalyzer::OwnedKey(
    std::string_view lower_word) const {
  std::string buffer;
  return std::string(Key(lower_word, &buffer));
}

LexicalSentimentAnalyzer::Facts& LexicalSentimentAnalyzer::Listed(
    std::string_view word) {
  Facts& facts = words_[OwnedKey(word)];
  facts.untranslated = false;
  return facts;
}

bool LexicalSentimentAnalyzer::Knows(std::string_view lower_word) const {
  thread_local std::string buffer;
  auto it = words_.find(Key(lower_word, &buffer));
  return it != words_.end() && !it->second.untranslated;
}

const LexicalSentimentAnalyzer::Facts* LexicalSentimentAnalyzer::Find(
    std::string_view lower_word, bool typed_without_diacritics) const {
  thread_local std::string buffer;
  const std::string_view key = Key(lower_word, &buffer);
  if (auto it = words_.find(key); it != words_.end()) {
    return &it->second;
  }
  const std::string_view stem = SnowballStem(rules_.snowball_algorithm, key);
  if (auto it = stems_.find(stem); it != stems_.end()) return &it->second;
  if (!typed_without_diacritics || unaccented_.empty()) return nullptr;
  thread_local std::string plain_buffer;
  const std::string_view plain =
      TypedWithoutDiacritics(key, rules_.umlauts_as_digraphs, &plain_buffer);
  if (auto it = unaccented_.find(plain); it != unaccented_.end()) {
    return it->second;
  }
  auto it = unaccented_stems_.find(
      plain == key ? stem : SnowballStem(rules_.snowball_algorithm, plain));
  return it == unaccented_stems_.end() ? nullptr : &it->second;
}

void LexicalSentimentAnalyzer::Tokenize(std::string_view text,
                                        const std::vector<TextWord>& words,
                                        bool typed_without_diacritics,
                                        std::vector<Token>* tokens) const {
  thread_local std::string elided;
  thread_local std::string folded_elision;
  tokens->clear();
  std::size_t previous_end = 0;
  for (const TextWord& word : words) {
    const std::string_view between =
        text.substr(previous_end, word.begin - previous_end);
    const bool starts_clause = HasClauseBreak(between);
    const bool starts_sentence = HasSentenceBreak(between);
    previous_end = word.end;
    const std::string_view original =
        text.substr(word.begin, word.end - word.begin);
    const bool is_caps = IsCaps(original, unicode_);
    const bool capitalised = IsCapitalised(original, unicode_);
    std::string_view rest = word.lower;
    std::size_t apostrophe = 0;
    if (const std::size_t end = ElisionEnd(rest, &apostrophe); end > 0) {
      // Typographic apostrophes are looked up as ASCII ones.
      elided.assign(rest.substr(0, apostrophe));
      elided.push_back('\'');
      auto it = words_.find(Key(elided, &folded_elision));
      if (it != words_.end() && it->second.is_elision) {
        tokens->push_back({it->first, &it->second, is_caps, starts_clause,
                           starts_sentence, capitalised, word.begin});
        rest = rest.substr(end);
        if (rest.empty()) continue;
        tokens->push_back({rest, Find(rest, typed_without_diacritics), is_caps,
                           false, false, false, word.begin});
        continue;
      }
    }
    tokens->push_back({rest, Find(rest, typed_without_diacritics), is_caps,
                       starts_clause, starts_sentence, capitalised,
                       word.begin});
  }
}

SentimentScores LexicalSentimentAnalyzer::PolarityScores(
    std::string_view valid_text) const {
  thread_local TextWords words;
  SplitTextWords(valid_text, unicode_, &words);
  return PolarityScores(valid_text, words.words);
}

bool LexicalSentimentAnalyzer::IsTypedWithoutDiacritics(
    const std::vector<TextWord>& words) const {
  return !unaccented_.empty() &&
         analysis::IsTypedWithoutDiacritics(words, rules_.umlauts_as_digraphs);
}

SentimentScores LexicalSentimentAnalyzer::PolarityScores(
    std::string_view valid_text, const std::vector<TextWord>& words) const {
  return PolarityScores(valid_text, words, IsTypedWithoutDiacritics(words));
}

SentimentScores LexicalSentimentAnalyzer::PolarityScores(
    std::string_view valid_text, const std::vector<TextWord>& words,
    bool typed_without_diacritics) const {
  thread_local std::vector<Token> tokens;
  thread_local std::vector<double> sentiments;
  thread_local std::vector<double> base;  // each word's own valence
  thread_local std::vector<bool> negated;
  thread_local std::vector<bool> inert;  // no negation or booster role
  // A valence that counts only where a negation reaches it (the
  // supplement's negated-only words).
  thread_local std::vector<bool> unless_negated;
  // A valence that already says its negation: a missing thing ("geen
  // wifi"), an idiom with a negation of its own ("pas terrible").
  thread_local std::vector<bool> negation_settled;
  thread_local std::vector<std::size_t> faint_sentences;
  thread_local std::vector<double> emoji;
  thread_local std::vector<TextRating> ratings;
  // Ratings written with no word ("★★★★☆"), which no rule reaches either.
  thread_local std::vector<double> unplaced_ratings;
  // Tokens that negate here though their word does not always: "noch"
  // after "weder", "personne" starting a clause.
  thread_local std::vector<bool> negates_here;
  // Tokens that negate backward too, as the language's trailing negations
  // do: the first word of a negation phrase ("auf keinen Fall").
  thread_local std::vector<bool> negates_backward_here;
  // What the sentence's contrast word does to each token's valence.
  thread_local std::vector<double> contrast_weights;
  Tokenize(valid_text, words, typed_without_diacritics, &tokens);
  emojis_.Collect(valid_text, &emoji);
  FindTextRatings(valid_text, &ratings);
  const std::size_t n = tokens.size();
  if (n == 0 && emoji.empty() && ratings.empty()) return {};

  std::size_t caps_count = 0;
  for (const Token& token : tokens) caps_count += token.is_caps ? 1 : 0;
  // VADER stresses capitals only when the text is not all capitals.
  const bool caps_stress = caps_count > 0 && caps_count < n;

  // Each token's own valence, and which tokens have a role as closed-class
  // words: idioms score as one word (on their first), their other words
  // and those of faint praise are inert.
  base.assign(n, 0);
  inert.assign(n, false);
  unless_negated.assign(n, false);
  negation_settled.assign(n, false);
  faint_sentences.clear();
  negates_here.assign(n, false);
  negates_backward_here.assign(n, false);
  std::size_t sentence = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (tokens[i].starts_sentence) ++sentence;
    const Facts* facts = tokens[i].facts;
    if (facts == nullptr) continue;
    if (facts->starts_phrase && !inert[i]) {
      if (const Phrase* phrase = MatchPhrase(tokens, i)) {
        for (std::size_t k = 0; k < phrase->words.size(); ++k) {
          inert[i + k] = true;
        }
        switch (phrase->role) {
          case PhraseRole::kIdiom:
            base[i] = phrase->valence;
            negation_settled[i] = phrase->negated_within;
            break;
          case PhraseRole::kFaintPraise:
            faint_sentences.push_back(sentence);
            break;
          case PhraseRole::kNegation:
            // Its first word negates; the others are passed over.
            inert[i] = false;
            negates_here[i] = true;
            negates_backward_here[i] = !rules_.trailing_negations.empty();
            break;
        }
        continue;
      }
    }
    if (!inert[i]) {
      base[i] = facts->valence;
      unless_negated[i] = facts->negated_only;
    }
  }
  // Ratings written into the text ("9/10", "5 étoiles", text_ratings.h)
  // weigh at their first word, their other words ("étoiles", "sur 5")
  // nothing; one without words ("★★★★☆") counts as emoji do. Blame already
  // says its negation ("je ne donnerais même pas une étoile"); praise is
  // reached by one ("ne vaut pas 5 étoiles").
  unplaced_ratings.clear();
  for (std::size_t r = 0, i = 0; r < ratings.size(); ++r) {
    const TextRating& rating = ratings[r];
    while (i < n && tokens[i].begin < rating.begin) ++i;
    if (i == n || tokens[i].begin >= rating.end) {
      unplaced_ratings.push_back(rating.valence);
      continue;
    }
    base[i] = rating.valence;
    unless_negated[i] = false;
    negation_settled[i] = rating.valence < 0;
    inert[i] = true;
    for (++i; i < n && tokens[i].begin < rating.end; ++i) {
      base[i] = 0;
      inert[i] = true;
    }
  }
  bool neither = false;
  for (std::size_t i = 0; i < n; ++i) {
    if (tokens[i].starts_sentence) neither = false;
    const Facts* facts = tokens[i].facts;
    if (facts == nullptr || inert[i]) continue;
    if (facts->neither) neither = true;
    if (facts->nor && neither) negates_here[i] = true;
    if (facts->clause_initial_nobody &&
        (i == 0 || tokens[i].starts_clause ||
         (tokens[i - 1].facts != nullptr && IsConjunction(tokens[i - 1])))) {
      negates_here[i] = true;
    }
  }
  // A separable verb's particle closing its clause joins its verb: "brach
  // ständig ab" scores as "abbrach".
  for (std::size_t i = 0; i < n; ++i) {
    const Facts* facts = tokens[i].facts;
    if (inert[i] || facts == nullptr || !facts->separable_particle ||
        (i + 1 < n && !tokens[i + 1].starts_clause)) {
      continue;
    }
    const Facts* joined = nullptr;
    if (const std::size_t verb = JoinParticle(tokens, i, inert, &joined);
        verb < n) {
      base[verb] = joined->valence;
      unless_negated[verb] = joined->negated_only;
      inert[i] = true;
    }
  }
  // "super" with no sentiment word right after it in its clause is praise.
  for (std::size_t i = 0; i < n; ++i) {
    const Facts* facts = tokens[i].facts;
    if (inert[i] || facts == nullptr || facts->adjective_valence == 0) {
      continue;
    }
    const bool raises_next =
        i + 1 < n && !tokens[i + 1].starts_clause && base[i + 1] != 0;
    if (!raises_next) {
      base[i] = facts->adjective_valence;
      inert[i] = true;
    }
  }
  // "too" before (or, trailing, after) a word without sentiment.
  for (std::size_t i = 0; i < n; ++i) {
    const Facts* facts = tokens[i].facts;
    if (inert[i] || facts == nullptr) continue;
    std::size_t target = n;
    if (facts->excess && i + 1 < n && !tokens[i + 1].starts_clause) {
      target = i + 1;
      const Token& next = tokens[target];
      if ((rules_.excess_skips_infinitives && EndsWithEn(next.lower)) ||
          (rules_.capitalised_nouns && next.capitalised)) {
        target = n;
      }
    } else if (facts->trailing_excess && i > 0 && !tokens[i].starts_clause) {
      target = i - 1;
    }
    if (target == n || inert[target]) continue;
    // "zu warm", "te zacht": too much of a good quality is a fault.
    if (base[target] > 0 && rules_.excess_faults_praise) {
      base[target] = kExcessValence;
      unless_negated[target] = false;
      continue;
    }
    if (base[target] != 0) continue;
    const Facts* word = tokens[target].facts;
    if (word != nullptr && (word->closed_class || word->negates ||
                            word->booster != 0 || word->contrasts)) {
      continue;
    }
    base[target] = kExcessValence;
  }

  // A missing thing: "geen wifi", "pas de moustiquaire". The complaint is
  // not negated again by the word that makes it.
  for (std::size_t i = 0; i < n; ++i) {
    const Facts* facts = tokens[i].facts;
    if (inert[i] || facts == nullptr ||
        !(facts->absence ||
          ((facts->clause_initial_nobody || facts->nor) && negates_here[i]))) {
      continue;
    }
    std::size_t target = i + 1;
    if (!facts->absence_seconds.empty()) {
      if (target >= n || tokens[target].starts_clause) continue;
      thread_local std::string buffer;
      const std::string_view second = Key(tokens[target].lower, &buffer);
      if (std::find(facts->absence_seconds.begin(),
                    facts->absence_seconds.end(),
                    second) != facts->absence_seconds.end()) {
        ++target;
      } else if (!facts->absence_alone) {
        continue;
      }
    }
    // Closed-class words are passed over, and so is the "ne" of "personne
    // ne nous avait prévenus" (but not "rien" of "sans rien demander").
    while (target < n && !tokens[target].starts_clause &&
           tokens[target].facts != nullptr && base[target] == 0 &&
           (tokens[target].facts->closed_class ||
            (facts->clause_initial_nobody && target == i + 1 &&
             tokens[target].facts->negates))) {
      ++target;
    }
    if (target >= n || tokens[target].starts_clause || inert[target] ||
        base[target] != 0) {
      continue;
    }
    // A noun a sentiment word qualifies ("nenhuma surpresa ruim", "ninguna
    // sorpresa desagradable") is no missing thing: the negation reaches the
    // qualifier instead.
    if (target + 1 < n && !tokens[target + 1].starts_clause &&
        base[target + 1] != 0) {
      continue;
    }
    const Facts* word = tokens[target].facts;
    if (word != nullptr &&
        (word->negates || word->booster != 0 || word->contrasts)) {
      continue;
    }
    base[target] = kAbsenceValence;
    negation_settled[target] = true;
  }

  // "Nothing" closing a clause without sentiment or another negation: "in
  // camera niente" (the wifi reached the lobby only).
  std::size_t clause_start = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (tokens[i].starts_clause) clause_start = i;
    const Facts* facts = tokens[i].facts;
    if (inert[i] || facts == nullptr || !facts->clause_final_nothing ||
        i == clause_start || (i + 1 < n && !tokens[i + 1].starts_clause)) {
      continue;
    }
    bool judged = false;
    for (std::size_t j = clause_start; j < i && !judged; ++j) {
      judged = base[j] != 0 || inert[j] ||
               (tokens[j].facts != nullptr && tokens[j].facts->negates);
    }
    if (judged) continue;
    base[i] = kAbsenceValence;
    negation_settled[i] = true;
  }

  // Whether tokens[j] is a word a negation or booster reaches over without
  // counting it.
  auto passed_over = [&](std::size_t j) {
    return inert[j] || (tokens[j].facts != nullptr &&
                        tokens[j].facts->closed_class && base[j] == 0);
  };
  // A comment on the whole sentence ("leider"), which keeps its valence:
  // a negation reaches past it without counting it.
  auto comments_sentence = [&](std::size_t j) {
    return !inert[j] && tokens[j].facts != nullptr &&
           tokens[j].facts->sentence_adverb;
  };
  // Whether tokens[j] ends the reach of a negation before it: "and", "or",
  // a contrast ("pas de X et Y", "no ... pero") or a cause ("no salimos por
  // la suciedad").
  auto ends_reach = [&](std::size_t j) {
    return (tokens[j].facts != nullptr &&
            (IsConjunction(tokens[j]) || tokens[j].facts->contrasts)) ||
           (!inert[j] && IsCausal(tokens[j]));
  };
  // Whether tokens[j] stands in a cause a few words after the word that
  // introduces it ("wegen des Lärms", "vanwege het vuile water"): a
  // trailing negation reaching back does not deny the cause, which is the
  // complaint ("Wir sind wegen des Lärms nicht rausgegangen").
  auto names_cause = [&](std::size_t j) {
    for (std::size_t k = 1; k <= kMaxCauseWords && k <= j; ++k) {
      if (tokens[j - k + 1].starts_clause) return false;
      if (!inert[j - k] && IsCausal(tokens[j - k])) return true;
    }
    return false;
  };
  // The sentiment word closing the clause of tokens[i] (at punctuation or
  // before a word that ends a negation's reach), within kMaxSubjectReach
  // words after it, unless a negation settled it; n if there is none.
  auto clause_final_sentiment = [&](std::size_t i) {
    std::size_t last = i;
    while (last + 1 < n && !tokens[last + 1].starts_clause &&
           !ends_reach(last + 1)) {
      if (last == i + kMaxSubjectReach) return n;
      ++last;
    }
    return last > i && base[last] != 0 && !inert[last] &&
                   !negation_settled[last]
               ? last
               : n;
  };
  // Negation: a negator among the three words with content before a
  // sentiment word, or a trailing negator closing the clause after it when
  // no sentiment word follows the negator in that clause. "poco"/"pouco"
  // without an article before it negates the sentiment word right after it.
  negated.assign(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    const Facts* facts = tokens[i].facts;
    if (facts == nullptr || inert[i]) continue;
    if (facts->negating_diminisher) {
      const bool after_article = i > 0 && tokens[i - 1].facts != nullptr &&
                                 tokens[i - 1].facts->diminisher_article &&
                                 !tokens[i].starts_clause;
      if (!after_article && i + 1 < n && !tokens[i + 1].starts_clause &&
          base[i + 1] != 0) {
        negated[i + 1] = true;
        inert[i] = true;  // it negates instead of diminishing
      }
      continue;
    }
    if (!facts->negates && !negates_here[i]) continue;
    // "nog nooit zo slecht": the worst ever, not a negation.
    if (facts->never && i + 1 < n && !tokens[i + 1].starts_clause &&
        tokens[i + 1].facts != nullptr && tokens[i + 1].facts->degree) {
      continue;
    }
    // Unless the verb follows "niemand" at once, as a main clause puts it
    // ("Niemand interessierte sich für unsere Beschwerde").
    const bool verb_follows =
        i + 1 < n && !tokens[i + 1].starts_clause && base[i + 1] != 0;
    if (facts->verb_final_subject_negation && !verb_follows) {
      if (const std::size_t verb = clause_final_sentiment(i); verb < n) {
        negated[verb] = true;
        continue;
      }
    }
    std::size_t forward_sentiment = n;
    // A negated-only word the negation reaches ("no dormimos bien") is
    // negated, and so is a sentiment word right after it, boosters aside,
    // which says how ("bien"); not one further on, which is no part of it
    // ("non abbiamo dormito per il rumore").
    bool negated_verb = false;
    int content = 0;
    for (std::size_t j = i + 1; j < n && j <= i + kMaxReach; ++j) {
      if (tokens[j].starts_clause) break;
      if (comments_sentence(j)) continue;
      if (base[j] != 0 && unless_negated[j] && !negation_settled[j]) {
        negated[j] = true;
        negated_verb = true;
        std::size_t how = j + 1;
        bool worst_ever = false;
        while (how < n && !tokens[how].starts_clause && base[how] == 0 &&
               tokens[how].facts != nullptr &&
               tokens[how].facts->booster != 0) {
          worst_ever = worst_ever || tokens[how].facts->degree;
          ++how;
        }
        if (!worst_ever && how < n && !tokens[how].starts_clause &&
            base[how] != 0 && !negation_settled[how]) {
          negated[how] = true;
        }
        break;
      }
      if (base[j] != 0) {
        forward_sentiment = j;
        break;
      }
      // So "sin embargo" is a connective, not a negation.
      if (ends_reach(j)) break;
      if (passed_over(j)) continue;
      if (++content >= kWindow) break;
    }
    if (forward_sentiment < n) {
      if (!negation_settled[forward_sentiment]) {
        negated[forward_sentiment] = true;
      }
    } else if ((facts->negates_backward || negates_backward_here[i]) &&
               !negated_verb) {
      // Backwards as far as forwards: three words with content, within the
      // clause. The verb a trailing negation closes stands second in its
      // clause, with the adverbials between: "das WLAN funktionierte im
      // Zimmer überhaupt nicht", "de wifi werkte op de kamer helemaal niet".
      int content_before = 0;
      for (std::size_t k = 1; k <= kMaxReach && k <= i; ++k) {
        if (tokens[i - k + 1].starts_clause) break;
        const std::size_t j = i - k;
        if (comments_sentence(j)) continue;
        if (base[j] != 0) {
          negated[j] = !negation_settled[j] && !names_cause(j);
          break;
        }
        if (tokens[j].facts != nullptr &&
            (IsConjunction(tokens[j]) || tokens[j].facts->contrasts)) {
          break;
        }
        if (passed_over(j)) continue;
        if (++content_before >= kWindow) break;
      }
    }
  }
  // "Better" after "could have been" in its clause is what was not reached:
  // a complaint ("podría haber sido mucho mejor", "hätte besser sein
  // können"), unless a negation or "hardly" stands by the modal or after it,
  // which makes it the best there could be ("não podia ter sido melhor",
  // "kon niet beter", "könnte kaum besser sein"). This decides the word's
  // negation, whatever reached it. After an article it is "the best" ("el
  // mejor hotel"), no comparison. "More" before a word of praise makes a
  // comparative as "better" is one ("pourrait être plus aimable").
  auto denies = [&](std::size_t j) {
    if (IsListedIn(tokens[j], rules_.hardly_words)) return true;
    // Not the "sin" of "sin embargo", a connective.
    const bool before_contrast = j + 1 < n && tokens[j + 1].facts != nullptr &&
                                 tokens[j + 1].facts->contrasts;
    return !inert[j] && tokens[j].facts != nullptr &&
           tokens[j].facts->negates && !before_contrast;
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (base[i] <= 0 || inert[i]) continue;
    const bool comparative =
        IsListedIn(tokens[i], rules_.better) ||
        (i > 0 && IsListedIn(tokens[i - 1], rules_.comparative_markers));
    if (!comparative ||
        (i > 0 && IsListedIn(tokens[i - 1], rules_.superlative_articles))) {
      continue;
    }
    for (std::size_t k = 1; k <= kMaxShortfallReach && k <= i; ++k) {
      if (tokens[i - k + 1].starts_clause) break;
      const std::size_t modal = i - k;
      // The modal may open one of the supplements' counterweights
      // ("podría haber sido" -2.0), which say the same of any comparative.
      if (!IsListedIn(tokens[modal], rules_.shortfall_modals)) continue;
      bool denied = false;
      for (std::size_t j = modal + 1; j < i && !denied; ++j) {
        denied = denies(j);
      }
      for (std::size_t back = 1; back <= 2 && back <= modal && !denied;
           ++back) {
        if (tokens[modal - back + 1].starts_clause) break;
        denied = denies(modal - back);
      }
      negated[i] = !denied;
      break;
    }
  }

  // VADER's "but" rule, sentence by sentence: the first contrast word of a
  // sentence weighs its sentiment before it by half and after it by 1.5; one
  // before any sentiment word of its sentence ("Mais le personnel...", "En
  // revanche, ...") weighs the sentence before it by half, when that one has
  // no contrast of its own. VADER weighs the whole text by its first "but",
  // so that a review's third sentence halved its first two ("La posizione è
  // ottima. ... Il wifi però non funzionava.") and a complaint told before a
  // later "but" counted as little as praise.
  contrast_weights.assign(n, 1.0);
  bool previous_contrasted = false;
  for (std::size_t begin = 0, previous_begin = n; begin < n;) {
    std::size_t end = begin + 1;
    while (end < n && !tokens[end].starts_sentence) ++end;
    std::size_t contrast = end;
    for (std::size_t i = begin; i < end && contrast == end; ++i) {
      if (!inert[i] && tokens[i].facts != nullptr &&
          tokens[i].facts->contrasts) {
        contrast = i;
      }
    }
    if (contrast < end) {
      for (std::size_t i = begin; i < end; ++i) {
        contrast_weights[i] = i < contrast ? 0.5 : i > contrast ? 1.5 : 1;
      }
      bool opens_sentence = previous_begin < begin && !previous_contrasted;
      for (std::size_t i = begin; i < contrast && opens_sentence; ++i) {
        opens_sentence = base[i] == 0;
      }
      if (opens_sentence) {
        std::fill(contrast_weights.begin() + previous_begin,
                  contrast_weights.begin() + begin, 0.5);
      }
    }
    previous_contrasted = contrast < end;
    previous_begin = begin;
    begin = end;
  }

  sentiments.assign(n, 0);
  sentence = 0;
  std::size_t faint = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (tokens[i].starts_sentence) ++sentence;
    while (faint < faint_sentences.size() &&
           faint_sentences[faint] < sentence) {
      ++faint;
    }
    double valence = base[i];
    if (valence == 0 || (unless_negated[i] && !negated[i])) continue;
    if (caps_stress && tokens[i].is_caps) {
      valence += Sign(valence) * vader::kAllCapsIncrement;
    }
    for (std::size_t k = 1; k <= kWindow && k <= i; ++k) {
      const Token& before = tokens[i - k];
      if (inert[i - k] || before.facts == nullptr ||
          before.facts->booster == 0) {
        continue;
      }
      double scalar = before.facts->booster;
      if (caps_stress && before.is_caps) {
        scalar += Sign(scalar) * vader::kAllCapsIncrement;
      }
      valence += Sign(valence) * scalar * kBoosterDamping[k - 1];
    }
    // A trailing "demais" raises the word before it ("pequeno demais").
    if (i + 1 < n && !tokens[i + 1].starts_clause &&
        tokens[i + 1].facts != nullptr &&
        tokens[i + 1].facts->trailing_excess) {
      valence += Sign(valence) * vader::kBoosterIncrement;
    }
    if (negated[i]) valence *= vader::kNegationScalar;
    valence *= contrast_weights[i];
    // "Fine, no more" takes back the praise of its sentence.
    const bool faint_praised =
        faint < faint_sentences.size() && faint_sentences[faint] == sentence;
    if (faint_praised && valence > 0) valence = 0;
    sentiments[i] = valence;
  }

  // Emoji, which no rule for words reaches ("😍 #vacances").
  sentiments.insert(sentiments.end(), emoji.begin(), emoji.end());
  sentiments.insert(sentiments.end(), unplaced_ratings.begin(),
                    unplaced_ratings.end());
  double sum = 0;
  double positive = 0;
  double negative = 0;
  double neutral = 0;
  for (double sentiment : sentiments) {
    sum += sentiment;
    if (sentiment > 0) positive += sentiment + 1;
    if (sentiment < 0) negative += sentiment - 1;
    if (sentiment == 0) neutral += 1;
  }
  const int exclamations = std::min<int>(
      kMaxExclamations,
      static_cast<int>(std::count(valid_text.begin(), valid_text.end(), '!')));
  const double emphasis = exclamations * kExclamationIncrement;
  if (sum > 0) sum += emphasis;
  if (sum < 0) sum -= emphasis;
  if (positive > std::fabs(negative)) {
    positive += emphasis;
  } else if (positive < std::fabs(negative)) {
    negative -= emphasis;
  }

  SentimentScores scores;
  scores.compound = std::clamp(
      sum / std::sqrt(sum * sum + vader::kNormalizationAlpha), -1.0, 1.0);
  const double total = positive + std::fabs(negative) + neutral;
  scores.pos = std::fabs(positive / total);
  scores.neg = std::fabs(negative / total);
  scores.neu = std::fabs(neutral / total);
  return scores;
}

bool LexicalSentimentAnalyzer::IsConjunction(const Token& token) const {
  if (!token.facts->conjunction) return false;
  // Folded, Portuguese "é" (is) is "e" (and): only the word as written is
  // the conjunction, or "não é limpo" would not be negated.
  return !rules_.fold_diacritics ||
         std::find(rules_.conjunctions.begin(), rules_.conjunctions.end(),
                   token.lower) != rules_.conjunctions.end();
}

bool LexicalSentimentAnalyzer::IsCausal(const Token& token) const {
  return IsListedIn(token, rules_.causal_words);
}

bool LexicalSentimentAnalyzer::IsListedIn(
    const Token& token, const std::vector<std::string_view>& words) {
  return std::find(words.begin(), words.end(), token.lower) != words.end();
}

std::vector<std::string_view> LexicalSentimentAnalyzer::SortedWords() const {
  std::vector<std::string_view> words;
  words.reserve(words_.size());
  for (const auto& entry : words_) words.push_back(entry.first);
  std::sort(words.begin(), words.end());
  return words;
}

std::vector<std::string_view> LexicalSentimentAnalyzer::KnownWords() const {
  std::vector<std::string_view> words;
  words.reserve(words_.size());
  for (const auto& [word, facts] : words_) {
    if (!facts.untranslated) words.push_back(word);
  }
  return words;
}

}  // namespace guestvoice::analysis
