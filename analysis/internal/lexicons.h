#ifndef GUESTVOICE_ANALYSIS_INTERNAL_LEXICONS_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_LEXICONS_H_

#include <string>
#include <string_view>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "common/absl_view.h"

namespace guestvoice::analysis {

// word -> mean valence (-4 .. +4). Words are matched after str.lower().
class ValenceLexicon {
 public:
  // vader_lexicon.txt: "<word>\t<mean>\t<stddev>\t<ratings>" per line, read
  // as the reference reads it (each line stripped, later duplicates win).
  static absl::StatusOr<ValenceLexicon> ParseVader(std::string_view contents);
  // hotel_supplement.tsv: "<word>\t<mean>" per line, or
  // "<word>\t<mean>\tnegated" for a word that counts only when negated
  // (IsNegatedOnly), '#' comments, a "version" line. Words must be lowercase
  // ASCII: lookups lowercase tokens. An entry may be a phrase, its words
  // separated by single spaces ("out of order"): VaderWordTable matches it
  // over consecutive tokens.
  static absl::StatusOr<ValenceLexicon> ParseSupplement(
      std::string_view contents);

  // Returns the valence of an already lowercased word, or nullptr.
  const double* Find(std::string_view lower_word) const {
    auto it = valences_.find(AbslView(lower_word));
    return it == valences_.end() ? nullptr : &it->second;
  }
  // Whether `lower_word` carries its valence only where a negation reaches
  // it: "work" says nothing in "here for work", and complains in "didn't
  // work" (and after a word of failure: "stopped working", vader_scoring.cc).
  bool IsNegatedOnly(std::string_view lower_word) const {
    return negated_only_.contains(AbslView(lower_word));
  }
  std::size_t size() const { return valences_.size(); }
  std::string_view version() const { return version_; }
  const absl::flat_hash_map<std::string, double>& entries() const {
    return valences_;
  }
  // A supplement's phrases (words separated by single spaces) and their
  // valences. VADER's own lexicon has entries with spaces too ("can't
  // stand"), which the reference never matches, as tokens have none: those
  // stay among entries(), inert.
  const absl::flat_hash_map<std::string, double>& phrases() const {
    return phrases_;
  }

 private:
  absl::flat_hash_map<std::string, double> valences_;
  absl::flat_hash_map<std::string, double> phrases_;
  absl::flat_hash_set<std::string> negated_only_;
  std::string version_;
};

// Single code point emoji -> English description.
class EmojiLexicon {
 public:
  // emoji_utf8_lexicon.txt: "<emoji>\t<description>" per line. Keys of more
  // than one code point (flags, skin-tone and ZWJ sequences) are dropped:
  // the reference compares one code point at a time, so they never match.
  static absl::StatusOr<EmojiLexicon> Parse(std::string_view contents);

  const std::string* Find(char32_t code_point) const {
    auto it = descriptions_.find(code_point);
    return it == descriptions_.end() ? nullptr : &it->second;
  }
  std::size_t size() const { return descriptions_.size(); }
  const absl::flat_hash_map<char32_t, std::string>& entries() const {
    return descriptions_;
  }
  // Gives `code_point` this description instead of its own.
  void Describe(char32_t code_point, std::string description) {
    descriptions_.insert_or_assign(code_point, std::move(description));
  }

 private:
  absl::flat_hash_map<char32_t, std::string> descriptions_;
};

// Calls `entry` with each "<first>\t<second>" line of a hand-written,
// versioned list (the supplements, the translations): blank lines and '#'
// comments are skipped, and exactly one "version" line is required.
// `shape` names the fields in the error for a line that has not two. Where
// `marker` is not empty, a line may end in a third field equal to it, and
// `entry` is told whether it did (`marked`).
absl::Status ForEachVersionedPair(
    std::string_view contents, std::string_view shape, std::string_view marker,
    absl::FunctionRef<absl::Status(int line_number, std::string_view line,
                                   std::string_view first,
                                   std::string_view second, bool marked)>
        entry);

// Single code point emoji -> the valence they carry in hotel feedback
// (emoji_supplement.tsv: "<emoji>\t<valence>" per line, '#' comments, a
// "version" line; ForEachVersionedPair), where VADER's reading of their
// description says nothing
// ("thumbs up") or the opposite ("fire").
class EmojiSupplement {
 public:
  static absl::StatusOr<EmojiSupplement> Parse(std::string_view contents);

  const absl::flat_hash_map<char32_t, double>& valences() const {
    return valences_;
  }

 private:
  absl::flat_hash_map<char32_t, double> valences_;
};

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_LEXICONS_H_
