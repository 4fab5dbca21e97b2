#ifndef GUESTVOICE_ANALYSIS_ASPECT_TAXONOMY_H_
#define GUESTVOICE_ANALYSIS_ASPECT_TAXONOMY_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace guestvoice::analysis {

// The hotel aspects and the words and phrases that mention them, as written
// in the operator-editable analysis/data/aspects.tsv:
//
//   version <tab> 2026-11-26.1             required, exactly once
//   <aspect> <tab> <term or phrase>        aspect ids: lowercase a-z, 0-9, _
//   <aspect> <tab> <term or phrase> <tab> weak
//   ignore <tab> <phrase>                  a phrase that mentions no aspect
//   language <tab> fr                      the terms below are French's
//   # comment                              blank lines are ignored too
//
// Terms before the first "language" line are English ("en"); each
// "language" line (a 2-3 letter BCP-47 code) switches the language of the
// terms that follow, so that one file holds every language's terms.
//
// A term's words are matched case-insensitively as whole words after the
// same word splitting as the text (so "check-in" also matches "check in");
// a trailing '*' on the last word matches any ending ("clean*").
//
// A weak term names something that is often only the setting of another
// topic ("a cockroach in the bathroom", "wifi in the lobby"): it mentions its
// aspect only in a clause that carries sentiment and has no (non-weak) term
// of another aspect. Immutable.
class AspectTaxonomy {
 public:
  struct AspectRef {
    int index;  // into aspects()
    bool weak;
  };
  struct Term {
    std::vector<std::string> words;  // lowercase, split like text words
    bool last_word_is_prefix = false;
    std::string language = "en";  // BCP-47 primary subtag
    // Empty for an "ignore" phrase.
    std::vector<AspectRef> aspects;
  };

  static absl::StatusOr<AspectTaxonomy> Parse(std::string_view file_contents);
  // The taxonomy compiled into the library; parsed once.
  static const AspectTaxonomy& Default();

  std::string_view version() const { return version_; }
  // Aspect ids in order of first appearance in the file.
  const std::vector<std::string>& aspects() const { return aspects_; }
  bool Contains(std::string_view aspect) const;
  // One entry per distinct term; a term listed under several aspects has
  // all of them.
  const std::vector<Term>& terms() const { return terms_; }

 private:
  std::string version_;
  std::vector<std::string> aspects_;
  std::vector<Term> terms_;
};

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_ASPECT_TAXONOMY_H_
