#include "analysis/internal/lexical_sentiment.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "analysis/internal/diacritics.h"
#include "analysis/internal/snowball_stemmer.h"
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
    const WordValences& supplement,
    const absl::flat_hash_set<std::string>& untranslated,
    const PythonUnicode& unicode)
    : rules_(rules), unicode_(unicode) {
  clause_conjunctions_ = rules.contrast_words;
  clause_conjunctions_.insert(clause_conjunctions_.end(),
                              rules.concessive_words.begin(),
                              rules.concessive_words.end());
  words_.reserve(lexicon.size() + supplement.size());
  for (const auto& [word, valence] : lexicon) {
    words_[OwnedKey(word)].valence = valence;
  }
  for (const std::string& word : untranslated) {
    if (auto it = words_.find(OwnedKey(word)); it != words_.end()) {
      it->second.untranslated = true;
    }
  }
  for (const auto& [word, valence] : supplement) {
    Listed(word).valence = valence;
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
  for (std::string_view word : rules.negating_diminishers) {
    Listed(word).negates_next = true;
  }
  for (std::string_view word : rules.partitive_articles) {
    Listed(word).partitive = true;
  }
  for (std::string_view word : rules.concessive_words) {
    Listed(word).valence = 0;
  }
  for (std::string_view word : rules.connective_completions) {
    Listed(word).completes_connective = true;
  }
  if (!rules.superlative_infix.empty()) AddSuperlatives(rules);
  for (std::string_view word : rules.function_words) {
    Listed(word).valence = 0;
  }
  struct Mean {
    double sum = 0;
    int count = 0;
  };
  absl::flat_hash_map<std::string, Mean> means;
  // In word order: the sums must not depend on the table's iteration order,
  // which varies from run to run (its hash is salted by addresses).
  for (std::string_view word : SortedWords()) {
    const Facts& facts = words_.find(word)->second;
    if (facts.valence == 0) continue;
    Mean& mean =
        means[std::string(SnowballStem(rules.snowball_algorithm, word))];
    mean.sum += facts.valence;
    ++mean.count;
  }
  stems_.reserve(means.size());
  for (const auto& [stem, mean] : means) {
    stems_[stem].valence = mean.sum / mean.count;
  }
  // After the stems: "superlimpio" has no stem of its own worth keeping, and
  // stemming every prefixed form would double the start-up's stemming.
  if (!rules.intensifying_prefixes.empty()) AddPrefixedForms(rules);
}

void LexicalSentimentAnalyzer::AddSuperlatives(const LanguageRules& rules) {
  const bool spanish =
      rules.superlatives == LanguageRules::Superlatives::kSpanish;
  std::vector<std::pair<std::string, double>> superlatives;
  // In word order, so that of two adjectives with one superlative
  // ("sporco", "sporca") the same one gives it its valence in every run.
  for (std::string_view word : SortedWords()) {
    const Facts& facts = words_.find(word)->second;
    if (facts.valence == 0 || word.size() < 4) continue;
    const char ending = word.back();
    if (ending != 'o' && ending != 'a' && ending != 'e') continue;
    std::string stem(word.substr(0, word.size() - 1));
    if (!spanish) {
      // The stem keeps its hard consonant: sporco -> sporchissimo, lungo ->
      // lunghissimo.
      if (stem.back() == 'c' || stem.back() == 'g') stem.push_back('h');
    } else if (stem.size() > 3 && stem.compare(stem.size() - 2, 2, "bl") == 0) {
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
    const double valence =
        facts.valence + Sign(facts.valence) * vader::kBoosterIncrement;
    stem.append(rules.superlative_infix);
    if (spanish) {
      for (const char* inflection : {"o", "a", "os", "as"}) {
        superlatives.emplace_back(stem + inflection, valence);
      }
      continue;
    }
    for (char inflection : {'o', 'a', 'i', 'e'}) {
      superlatives.emplace_back(stem + inflection, valence);
    }
  }
  // Listed forms (the supplement's "gentilissimo") keep their valence.
  for (auto& [word, valence] : superlatives) {
    auto [it, inserted] = words_.try_emplace(std::move(word));
    if (inserted) it->second.valence = valence;
  }
}

void LexicalSentimentAnalyzer::AddPrefixedForms(const LanguageRules& rules) {
  std::vector<std::pair<std::string, double>> forms;
  for (std::string_view word : SortedWords()) {
    const Facts& facts = words_.find(word)->second;
    if (facts.valence == 0 || facts.booster != 0) continue;
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

std::string_view LexicalSentimentAnalyzer::Key(std::string_view lower_word,
                                               std::string* buffer) const {
  return rules_.fold_diacritics ? FoldDiacritics(lower_word, buffer)
                                : lower_word;
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
    std::string_view lower_word) const {
  thread_local std::string buffer;
  const std::string_view key = Key(lower_word, &buffer);
  if (auto it = words_.find(key); it != words_.end()) {
    return &it->second;
  }
  auto it = stems_.find(SnowballStem(rules_.snowball_algorithm, key));
  return it == stems_.end() ? nullptr : &it->second;
}

void LexicalSentimentAnalyzer::Tokenize(std::string_view text,
                                        std::vector<Token>* tokens) const {
  thread_local TextWords words;
  thread_local std::string elided;
  thread_local std::string folded_elision;
  SplitTextWords(text, unicode_, &words);
  tokens->clear();
  std::size_t previous_end = 0;
  for (const TextWord& word : words.words) {
    const bool starts_clause =
        HasClauseBreak(text.substr(previous_end, word.begin - previous_end));
    previous_end = word.end;
    const bool is_caps =
        IsCaps(text.substr(word.begin, word.end - word.begin), unicode_);
    std::string_view rest = word.lower;
    std::size_t apostrophe = 0;
    if (const std::size_t end = ElisionEnd(rest, &apostrophe); end > 0) {
      // Typographic apostrophes are looked up as ASCII ones.
      elided.assign(rest.substr(0, apostrophe));
      elided.push_back('\'');
      auto it = words_.find(Key(elided, &folded_elision));
      if (it != words_.end() && it->second.is_elision) {
        tokens->push_back({it->first, &it->second, is_caps, starts_clause});
        rest = rest.substr(end);
        if (rest.empty()) continue;
        tokens->push_back({rest, Find(rest), is_caps, false});
        continue;
      }
    }
    tokens->push_back({rest, Find(rest), is_caps, starts_clause});
  }
}

bool LexicalSentimentAnalyzer::NegatesNext(const std::vector<Token>& tokens,
                                           std::size_t i) {
  if (i + 1 >= tokens.size() || tokens[i + 1].starts_clause) return false;
  const Facts* next = tokens[i + 1].facts;
  if (next == nullptr || next->valence == 0) return false;
  return i == 0 || tokens[i].starts_clause || tokens[i - 1].facts == nullptr ||
         !tokens[i - 1].facts->partitive;
}

SentimentScores LexicalSentimentAnalyzer::PolarityScores(
    std::string_view valid_text) const {
  thread_local std::vector<Token> tokens;
  thread_local std::vector<double> sentiments;
  thread_local std::vector<bool> negated;
  Tokenize(valid_text, &tokens);
  const std::size_t n = tokens.size();
  if (n == 0) return {};

  std::size_t caps_count = 0;
  for (const Token& token : tokens) caps_count += token.is_caps ? 1 : 0;
  // VADER stresses capitals only when the text is not all capitals.
  const bool caps_stress = caps_count > 0 && caps_count < n;

  // Negation: a negator among the three tokens before a sentiment word, or a
  // trailing negator closing the clause after it when no sentiment word
  // follows the negator in that clause.
  negated.assign(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    const Facts* facts = tokens[i].facts;
    if (facts == nullptr) continue;
    if (facts->negates_next && NegatesNext(tokens, i)) {
      negated[i + 1] = true;
      continue;
    }
    if (!facts->negates) continue;
    // "sin embargo", "no obstante": a connective, not a negation.
    if (i + 1 < n && tokens[i + 1].facts != nullptr &&
        tokens[i + 1].facts->completes_connective) {
      continue;
    }
    std::size_t forward_sentiment = n;
    for (std::size_t j = i + 1; j < n && j <= i + kWindow; ++j) {
      if (tokens[j].starts_clause) break;
      if (tokens[j].facts != nullptr && tokens[j].facts->valence != 0) {
        forward_sentiment = j;
        break;
      }
    }
    if (forward_sentiment < n) {
      negated[forward_sentiment] = true;
    } else if (facts->negates_backward) {
      for (std::size_t k = 1; k <= kWindow && k <= i; ++k) {
        if (tokens[i - k + 1].starts_clause) break;
        const Token& before = tokens[i - k];
        if (before.facts != nullptr && before.facts->valence != 0) {
          negated[i - k] = true;
          break;
        }
      }
    }
  }

  std::size_t contrast = n;
  for (std::size_t i = 0; i < n && contrast == n; ++i) {
    if (tokens[i].facts != nullptr && tokens[i].facts->contrasts) contrast = i;
  }

  sentiments.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const Facts* facts = tokens[i].facts;
    if (facts == nullptr || facts->valence == 0) continue;
    double valence = facts->valence;
    if (caps_stress && tokens[i].is_caps) {
      valence += Sign(valence) * vader::kAllCapsIncrement;
    }
    for (std::size_t k = 1; k <= kWindow && k <= i; ++k) {
      const Token& before = tokens[i - k];
      if (before.facts == nullptr || before.facts->booster == 0) continue;
      // "poco limpio" negates rather than diminishes.
      if (k == 1 && before.facts->negates_next && NegatesNext(tokens, i - 1)) {
        continue;
      }
      double scalar = before.facts->booster;
      if (caps_stress && before.is_caps) {
        scalar += Sign(scalar) * vader::kAllCapsIncrement;
      }
      valence += Sign(valence) * scalar * kBoosterDamping[k - 1];
    }
    if (negated[i]) valence *= vader::kNegationScalar;
    if (contrast < n) valence *= i < contrast ? 0.5 : i > contrast ? 1.5 : 1;
    sentiments[i] = valence;
  }

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

std::vector<std::string_view> LexicalSentimentAnalyzer::SortedWords() const {
  std::vector<std::string_view> words;
  words.reserve(words_.size());
  for (const auto& entry : words_) words.push_back(entry.first);
  std::sort(words.begin(), words.end());
  return words;
}

std::vector<std::string_view> LexicalSentimentAnalyzer::KnownWords() const {
  std::vector<std::string_view> words;
  for (std::string_view word : SortedWords()) {
    if (!words_.find(word)->second.untranslated) words.push_back(word);
  }
  return words;
}

}  // namespace guestvoice::analysis
