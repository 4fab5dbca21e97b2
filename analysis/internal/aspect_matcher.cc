#include "analysis/internal/aspect_matcher.h"

#include <algorithm>
#include <array>

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

}  // namespace

AspectMatcher::AspectMatcher(const AspectTaxonomy& taxonomy)
    : terms_(taxonomy.terms()), prefix_trie_(1, TrieNode{0, 0, 0, {}}) {
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
      by_first_word_[first].push_back(i);
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

void AspectMatcher::AddCandidates(std::string_view word,
                                  std::vector<std::size_t>* candidates) const {
  auto add_terms_starting_with = [&](std::string_view first_word) {
    auto it = by_first_word_.find(first_word);
    if (it != by_first_word_.end()) {
      candidates->insert(candidates->end(), it->second.begin(),
                         it->second.end());
    }
  };
  // The word and each base form IsFormOf accepts for it.
  add_terms_starting_with(word);
  for (std::string_view suffix : kSuffixes) {
    if (EndsWith(word, suffix) &&
        word.size() - suffix.size() >= kShortestStem) {
      add_terms_starting_with(word.substr(0, word.size() - suffix.size()));
    }
  }
  if (EndsWith(word, "ies") && word.size() >= kShortestStem + 2) {
    std::string singular(word.substr(0, word.size() - 3));
    singular += 'y';
    add_terms_starting_with(singular);
  }
  // One-word prefix terms: the trie nodes along the word.
  std::size_t node = root_child_[static_cast<unsigned char>(word[0])];
  for (std::size_t i = 1; node != 0; ++i) {
    const std::vector<std::size_t>& terms = prefix_trie_[node].terms;
    candidates->insert(candidates->end(), terms.begin(), terms.end());
    if (i == word.size()) break;
    node = FindChild(node, static_cast<unsigned char>(word[i]));
  }
}

std::size_t AspectMatcher::MatchLength(std::size_t term_index,
                                       const std::vector<TextWord>& words,
                                       std::size_t start) const {
  const AspectTaxonomy::Term& term = terms_[term_index];
  if (start + term.words.size() > words.size()) return 0;
  for (std::size_t i = 0; i < term.words.size(); ++i) {
    const bool is_prefix =
        term.last_word_is_prefix && i + 1 == term.words.size();
    if (!WordMatches(term.words[i], is_prefix, words[start + i].lower)) {
      return 0;
    }
  }
  return term.words.size();
}

void AspectMatcher::FindTerms(const std::vector<TextWord>& words,
                              std::vector<TermMatch>* matches) const {
  matches->clear();
  thread_local std::vector<std::size_t> candidates;
  std::size_t i = 0;
  while (i < words.size()) {
    candidates.clear();
    AddCandidates(words[i].lower, &candidates);
    std::size_t best_length = 0;
    std::size_t best_term = 0;
    for (std::size_t term_index : candidates) {
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
