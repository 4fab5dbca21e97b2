#ifndef GUESTVOICE_ANALYSIS_INTERNAL_ASPECT_MATCHER_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_ASPECT_MATCHER_H_

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "analysis/aspect_taxonomy.h"
#include "analysis/internal/diacritics.h"
#include "analysis/internal/text_words.h"
#include "analysis/internal/word_hash.h"

namespace guestvoice::analysis {

// Finds the taxonomy's terms in a run of words. At each word the longest
// matching term wins (a whole-word term beats a prefix term of the same
// length) and its words are consumed, so "room service" (a
// food_beverage phrase) hides "room", and an ignore phrase such as "room for
// improvement" hides everything in it. A text word also matches a term word
// through simple inflections: -s, -es, -ies/-y and -'s ("towels" matches
// "towel", "balconies" matches "balcony"). A word starting with one of the
// language's elisions is matched without it ("l'ascenseur" as "ascenseur").
// In languages that write compound nouns as one word (German, Dutch), a
// long word no term matches is matched by its head, the one-word term it
// ends with ("Nichtraucherzimmer" as "zimmer"). In a text typed without
// diacritics (none in any word), terms are also found as typed so
// ("habitacion", "Fruehstueck"); in one written with them, a word typed
// without them is another word (French "facture", an invoice, is no
// "facturé", charged). Immutable; linear in the words.
class AspectMatcher {
 public:
  // Matches the taxonomy's terms of `language` (AspectTaxonomy::Term).
  explicit AspectMatcher(const AspectTaxonomy& taxonomy,
                         std::string_view language = "en");

  struct TermMatch {
    std::size_t begin;  // first word
    std::size_t end;    // one past the last word
    // The aspects of the matched term; empty for an ignore phrase.
    const std::vector<AspectTaxonomy::AspectRef>* aspects;
  };
  // Sets `matches` to the term matches in `words`, in text order. Matches
  // do not overlap. Ignore phrases are matches too: they hide the words.
  // `text`: what the words' offsets point into; where the language
  // capitalises nouns (German) only a capitalised word is taken for a
  // compound noun ("durchgelegen" is no "gelegen"), and without `text` none.
  // Terms typed without diacritics are found when `words` are
  // (IsTypedWithoutDiacritics).
  void FindTerms(const std::vector<TextWord>& words,
                 std::vector<TermMatch>* matches,
                 std::string_view text = {}) const;
  // The same in a part of a text that is `typed_without_diacritics` (or
  // not) as a whole: a clause without accents in a review written with them
  // means what it writes.
  void FindTerms(const std::vector<TextWord>& words,
                 std::vector<TermMatch>* matches, std::string_view text,
                 bool typed_without_diacritics) const;
  // Whether a text of these words is typed without diacritics, in this
  // language's way of typing them; false where no term has diacritics.
  bool IsTypedWithoutDiacritics(const std::vector<TextWord>& words) const {
    return listed_terms_ < terms_.size() &&
           analysis::IsTypedWithoutDiacritics(words, umlauts_as_digraphs_);
  }

 private:
  // The number of words of term `term_index` that match from words[start],
  // or 0, for a candidate of words[start] (ForEachCandidate), whose first
  // word is known to match.
  std::size_t MatchLength(std::size_t term_index,
                          const std::vector<TextWord>& words,
                          std::size_t start) const;
  // The word without a leading elision of the language ("l'", "dell'").
  std::string_view WithoutElision(std::string_view word) const;
  // The one-word term a compound `word` ends with, or false.
  bool FindCompoundHead(std::string_view word, bool typed_without_diacritics,
                        std::size_t* term_index) const;
  // Calls visit(term_index) for each term whose first word matches `word`:
  // the whole-word terms whose first word it is a form of, then the one-word
  // prefix terms it starts with. The order decides ties (FindTerms). Terms
  // typed without diacritics only in a text `typed_without_diacritics`.
  template <typename Visit>
  void ForEachCandidate(std::string_view word, bool typed_without_diacritics,
                        Visit visit) const;
  // The child of trie node `node` for `byte`, or 0.
  std::size_t FindChild(std::size_t node, unsigned char byte) const;

  std::vector<std::string_view> elisions_;  // the language's, if any
  bool splits_compounds_ = false;
  bool capitalised_nouns_ = false;
  bool umlauts_as_digraphs_ = false;
  // A copy, so the matcher does not depend on the taxonomy's lifetime.
  std::vector<AspectTaxonomy::Term> terms_;
  // The terms as the taxonomy lists them come first in terms_; after them,
  // those of their spellings typed without diacritics that no term has.
  std::size_t listed_terms_ = 0;
  // Every form a text word may take to start a whole-word term (the first
  // word, or that word with an inflection IsFormOf accepts) -> the terms it
  // may start, in the order that decides ties. Built once, so a text word
  // costs one lookup whatever its ending.
  absl::flat_hash_map<std::string, std::vector<std::size_t>, WordHash, WordEq>
      terms_by_word_form_;
  // One-word prefix terms ("clean*") as a byte trie: walking a word's bytes
  // down it visits exactly the prefixes the word starts with.
  struct TrieNode {
    unsigned char byte;
    std::size_t first_child;         // 0: none (the root is never a child)
    std::size_t next_sibling;        // 0: none
    std::vector<std::size_t> terms;  // prefix terms ending here
  };
  std::vector<TrieNode> prefix_trie_;  // [0] is the root
  // The root's children by byte (the root has many; deeper nodes have few).
  std::array<std::size_t, 256> root_child_{};
};

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_ASPECT_MATCHER_H_
