#ifndef GUESTVOICE_ANALYSIS_INTERNAL_PYTHON_UNICODE_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_PYTHON_UNICODE_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace guestvoice::analysis {

// The character properties that CPython's str methods use and VADER depends
// on: str.split()/str.strip() whitespace, str.isupper() and str.lower().
// Loaded from analysis/data/python_unicode.tsv, which
// tools/vader_conformance/unicode_table.py generates from the same CPython
// that produced the expected conformance values.
class PythonUnicode {
 public:
  enum class Case : std::uint8_t { kUncased, kUpper, kLowerOrTitle };

  static absl::StatusOr<PythonUnicode> Parse(std::string_view table);
  // The embedded table; parsed once.
  static const PythonUnicode& Default();

  // ASCII is answered inline from tables; the rest by binary search.
  bool IsSpace(char32_t code_point) const {
    return code_point < 128 ? ascii_space_[code_point]
                            : IsNonAsciiSpace(code_point);
  }
  Case CaseOf(char32_t code_point) const {
    return code_point < 128 ? ascii_case_[code_point]
                            : NonAsciiCaseOf(code_point);
  }
  // Appends str.lower() of one code point (one or more code points, UTF-8).
  // Python's context-dependent final sigma is not applied: Σ always becomes
  // σ. No VADER key contains a sigma, so lookups are unaffected.
  void AppendLowercase(char32_t code_point, std::string* out) const {
    if (code_point < 128) {
      out->push_back(ascii_lower_[code_point]);
    } else {
      AppendNonAsciiLowercase(code_point, out);
    }
  }

  std::string_view unicode_version() const { return unicode_version_; }

 private:
  struct Range {
    char32_t first;
    char32_t last;
    Case case_class;
    bool is_space;
  };
  const Range* FindRange(char32_t code_point) const;
  bool IsNonAsciiSpace(char32_t code_point) const;
  Case NonAsciiCaseOf(char32_t code_point) const;
  void AppendNonAsciiLowercase(char32_t code_point, std::string* out) const;

  std::string unicode_version_;
  std::vector<Range> ranges_;  // sorted by first, non-overlapping
  // Non-ASCII code points whose lowercase differs, sorted; values are UTF-8.
  std::vector<std::pair<char32_t, std::string>> lowercase_;
  // ASCII answers precomputed from the same table: the common case.
  std::array<bool, 128> ascii_space_{};
  std::array<Case, 128> ascii_case_{};
  std::array<char, 128> ascii_lower_{};
};

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_PYTHON_UNICODE_H_
