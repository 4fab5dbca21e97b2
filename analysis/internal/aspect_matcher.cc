#include "analysis/internal/aspect_matcher.h"

#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "analysis/internal/diacritics.h"
#include "analysis/internal/language_rules.h"

namespace guestvoice::analysis {
namespace {

// Byte loops rather than memcmp: the strings are a few bytes long.
bool StartsWith(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (text[i] != prefix[i]) return false;
  }
  return true;
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.substr(text.size() - suffix.size()) == suffix;
}

// Inflections shorter than this are left alone, so "is" is not "i" + "-s".
constexpr std::size_t kShortestStem = 3;

constexpr std::array<std::string_view, 3> kSuffixes = {"'s", "es", "s"};

// True if `word` is `base` or `base` inflected: -s, -es, -'s, y -> -ies.
bool IsFormOf(std::string_view word, std::string_view base) {
  if (word == base) return true;
  if (base.size() < kShortestStem) return false;
  if (StartsWith(word, base)) {
    const std::string_view suffix = word.substr(base.size());
    return std::find(kSuffixes.begin(), kSuffixes.end(), suffix) !=
           kSuffixes.end();
  }
  // "balcony" -> "balconies"
  return base.back() == 'y' && word.size() == base.size() + 2 &&
         StartsWith(word, base.substr(0, base.size() - 1)) &&
         word.substr(base.size() - 1) == "ies";
}

bool WordMatches(std::string_view term_word, bool is_prefix,
                 std::string_view word) {
  if (is_prefix) return StartsWith(word, term_word);
  return IsFormOf(word, term_word);
}

// Calls visit(base) for `word` and each base IsFormOf accepts `word` as a
// form of, in a fixed order.
template <typename Visit>
void ForEachBaseOf(std::string_view word, Visit visit) {
  visit(word);
  for (std::string_view suffix : kSuffixes) {
    if (EndsWith(word, suffix) &&
        word.size() - suffix.size() >= kShortestStem) {
      visit(word.substr(0, word.size() - suffix.size()));
    }
  }
  if (EndsWith(word, "ies") && word.size() >= kShortestStem + 2) {
    visit(std::string(word.substr(0, word.size() - 3)) + 'y');
  }
}

// Every word IsFormOf may accept as a form of `base` (a superset: the
// length rules are ForEachBaseOf's to apply).
std::vector<std::string> FormsOf(const std::string& base) {
  std::vector<std::string> forms = {base};
  for (std::string_view suffix : kSuffixes) {
    forms.push_back(base + std::string(suffix));
  }
  if (!base.empty() && base.back() == 'y') {
    forms.push_back(base.substr(0, base.size() - 1) + "ies");
  }
  return forms;
}

// Compound heads: only words this long are split, and only heads this long
// are looked for, so that "Klimaanlage" is not a "lage" (location) and
// adjectives in "-bar" are no bar.
constexpr std::size_t kShortestCompound = 8;
constexpr std::size_t kShortestHead = 5;
constexpr std::size_t kShortestModifier = 3;

// Adds each of `terms` typed without diacritics, as guests without the
// language's letters write it ("habitacion", "petit dejeuner", German
// "Fruehstueck" and "Fruhstuck": nouns, so dropping the umlauts confuses
// none), as a term of its own with the same aspects, after the terms as
// listed (AspectMatcher::listed_terms_), unless a term is spelt so already.
void AddTermsTypedWithoutDiacritics(bool umlauts_as_digraphs,
                                    std::vector<AspectTaxonomy::Term>* terms) {
  std::set<std::pair<std::vector<std::string>, bool>> spellings;
  for (const AspectTaxonomy::Term& term : *terms) {
    spellings.emplace(term.words, term.last_word_is_prefix);
  }
  std::string buffer;
  const std::size_t listed = terms->size();
  for (std::size_t i = 0; i < listed; ++i) {
    for (const bool digraphs : {false, true}) {
      if (digraphs && !umlauts_as_digraphs) continue;
      AspectTaxonomy::Term typed = (*terms)[i];
      bool changed = false;
      for (std::string& word : typed.words) {
        const std::string_view plain =
            TypedWithoutDiacritics(word, digraphs, &buffer);
        if (plain == word) continue;
        word = std::string(plain);
        changed = true;
      }
      if (changed &&
          spellings.emplace(typed.words, typed.last_word_is_prefix).second) {
        terms->push_back(std::move(typed));
      }
    }
  }
}

}  // namespace

AspectMatcher::AspectMatcher(const AspectTaxonomy& taxonomy,
                             std::string_view language)
    : prefix_trie_(1, TrieNode{0, 0, 0, {}}) {
  if (const LanguageRules* rules = FindLanguageRules(language)) {
    elisions_ = rules->elisions;
    splits_compounds_ = rules->compound_nouns;
    capitalised_nouns_ = rules->capitalised_nouns;
    umlauts_as_digraphs_ = rules->umlauts_as_digraphs;
  }
  for (const AspectTaxonomy::Term& term : taxonomy.terms()) {
    if (term.language == language) terms_.push_back(term);
  }
  listed_terms_ = terms_.size();
  AddTermsTypedWithoutDiacritics(umlauts_as_digraphs_, &terms_);
  // First word of each whole-word term -> the terms starting with it.
  absl::flat_hash_map<std::string, std::vector<std::size_t>, WordHash, WordEq>
      by_first_word;
  for (std::size_t i = 0; i < terms_.size(); ++i) {
    const AspectTaxonomy::Term& term = terms_[i];
    const std::string& first = term.words.front();
    if (term.words.size() == 1 && term.last_word_is_prefix) {
      std::size_t node = 0;
      for (char c : first) {
        const auto byte = static_cast<unsigned char>(c);
        std::size_t child = FindChild(node, byte);
        if (child == 0) {
          child = prefix_trie_.size();
          prefix_trie_.push_back(
              TrieNode{byte, 0, prefix_trie_[node].first_child, {}});
          prefix_trie_[node].first_child = child;
        }
        node = child;
      }
      prefix_trie_[node].terms.push_back(i);
      root_child_[static_cast<unsigned char>(first[0])] =
          FindChild(0, static_cast<unsigned char>(first[0]));
    } else {
      by_first_word[first].push_back(i);
    }
  }
  // A text word's candidates are those of each of its bases, base by base
  // in ForEachBaseOf's order; only forms of some first word have any.
  for (const auto& [first_word, unused_terms] : by_first_word) {
    for (const std::string& form : FormsOf(first_word)) {
      if (terms_by_word_form_.contains(form)) continue;
      std::vector<std::size_t> candidates;
      ForEachBaseOf(form, [&](std::string_view base) {
        auto it = by_first_word.find(base);
        if (it != by_first_word.end()) {
          candidates.insert(candidates.end(), it->second.begin(),
                            it->second.end());
        }
      });
      if (!candidates.empty()) {
        terms_by_word_form_.emplace(form, std::move(candidates));
      }
    }
  }
}

std::size_t AspectMatcher::FindChild(std::size_t node,
                                     unsigned char byte) const {
  std::size_t child = prefix_trie_[node].first_child;
  while (child != 0 && prefix_trie_[child].byte != byte) {
    child = prefix_trie_[child].next_sibling;
  }
  return child;
}

template <typename Visit>
void AspectMatcher::ForEachCandidate(std::string_view word,
                                     bool typed_without_diacritics,
                                     Visit visit) const {
  const std::size_t end =
      typed_without_diacritics ? terms_.size() : listed_terms_;
  auto whole_word = terms_by_word_form_.find(word);
  if (whole_word != terms_by_word_form_.end()) {
    for (std::size_t term : whole_word->second) {
      if (term < end) visit(term);
    }
  }
  // One-word prefix terms: the trie nodes along the word.
  std::size_t node = root_child_[static_cast<unsigned char>(word[0])];
  for (std::size_t i = 1; node != 0; ++i) {
    for (std::size_t term : prefix_trie_[node].terms) {
      if (term < end) visit(term);
    }
    if (i == word.size()) break;
    node = FindChild(node, static_cast<unsigned char>(word[i]));
  }
}

std::string_view AspectMatcher::WithoutElision(std::string_view word) const {
  if (elisions_.empty()) return word;
  // Most words have no apostrophe, ASCII or typographic (whose UTF-8 starts
  // with 0xE2): one pass over the bytes instead of a comparison per elision
  // (a byte loop: find_first_of calls memchr for every byte).
  bool may_have_apostrophe = false;
  for (const char byte : word) {
    may_have_apostrophe = may_have_apostrophe || byte == '\'' || byte == '\xE2';
  }
  if (!may_have_apostrophe) return word;
  for (std::string_view elision : elisions_) {
    // The elision's apostrophe is ASCII; the text's may be typographic.
    const std::string_view stem = elision.substr(0, elision.size() - 1);
    if (!StartsWith(word, stem)) continue;
    const std::string_view rest = word.substr(stem.size());
    for (std::string_view apostrophe : {"'", "\u2019"}) {
      if (StartsWith(rest, apostrophe) && rest.size() > apostrophe.size()) {
        return rest.substr(apostrophe.size());
      }
    }
  }
  return word;
}

bool AspectMatcher::FindCompoundHead(std::string_view word,
                                     bool typed_without_diacritics,
                                     std::size_t* term_index) const {
  if (word.size() < kShortestCompound) return false;
  // Longest head first: "Frühstücksbuffet" is a "buffet" before a "fet".
  for (std::size_t start = kShortestModifier;
       start + kShortestHead <= word.size(); ++start) {
    if ((static_cast<unsigned char>(word[start]) & 0xC0) == 0x80) {
      continue;  // inside a code point
    }
    const std::string_view head = word.substr(start);
    bool found = false;
    ForEachCandidate(head, typed_without_diacritics, [&](std::size_t term) {
      if (!found && terms_[term].words.size() == 1) {
        *term_index = term;
        found = true;
      }
    });
    if (found) return true;
  }
  return false;
}

std::size_t AspectMatcher::MatchLength(std::size_t term_index,
                                       const std::vector<TextWord>& words,
                                       std::size_t start) const {
  const AspectTaxonomy::Term& term = terms_[term_index];
  if (start + term.words.size() > words.size()) return 0;
  // The first word matches by construction of the candidates.
  for (std::size_t i = 1; i < term.words.size(); ++i) {
    const bool is_prefix =
        term.last_word_is_prefix && i + 1 == term.words.size();
    if (!WordMatches(term.words[i], is_prefix,
                     WithoutElision(words[start + i].lower))) {
      return 0;
    }
  }
  return term.words.size();
}

void AspectMatcher::FindTerms(const std::vector<TextWord>& words,
                              std::vector<TermMatch>* matches,
                              std::string_view text) const {
  FindTerms(words, matches, text, IsTypedWithoutDiacritics(words));
}

void AspectMatcher::FindTerms(const std::vector<TextWord>& words,
                              std::vector<TermMatch>* matches,
                              std::string_view text,
                              bool typed_without_diacritics) const {
  // German nouns start with a capital: A-Z or Ä, Ö, Ü (U+00C4, D6, DC).
  auto may_be_noun = [&](const TextWord& word) {
    if (!capitalised_nouns_) return true;
    if (word.begin >= text.size()) return false;
    const auto first = static_cast<unsigned char>(text[word.begin]);
    if (first >= 'A' && first <= 'Z') return true;
    if (first != 0xC3 || word.begin + 1 >= text.size()) return false;
    const auto second = static_cast<unsigned char>(text[word.begin + 1]);
    return second == 0x84 || second == 0x96 || second == 0x9C;
  };
  matches->clear();
  std::size_t i = 0;
  while (i < words.size()) {
    std::size_t best_length = 0;
    std::size_t best_term = 0;
    ForEachCandidate(
        WithoutElision(words[i].lower), typed_without_diacritics,
        [&](std::size_t term_index) {
          const std::size_t length = MatchLength(term_index, words, i);
          // On a tie a whole-word term beats a prefix term: it is the more
          // specific entry ("bar" over "bar*").
          const bool better =
              length > best_length || (length == best_length && length > 0 &&
                                       terms_[best_term].last_word_is_prefix &&
                                       !terms_[term_index].last_word_is_prefix);
          if (better) {
            best_length = length;
            best_term = term_index;
          }
        });
    if (best_length == 0 && splits_compounds_ && may_be_noun(words[i]) &&
        FindCompoundHead(words[i].lower, typed_without_diacritics,
                         &best_term)) {
      best_length = 1;
    }
    if (best_length == 0) {
      ++i;
      continue;
    }
    matches->push_back({i, i + best_length, &terms_[best_term].aspects});
    i += best_length;
  }
}

}  // namespace guestvoice::analysis
