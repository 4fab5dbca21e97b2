#include "analysis/internal/python_unicode.h"

#include <algorithm>
#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "analysis/internal/embedded_data.h"
#include "analysis/internal/embedded_data_check.h"
#include "common/absl_view.h"
#include "common/utf8.h"

namespace guestvoice::analysis {
namespace {

absl::StatusOr<char32_t> ParseCodePoint(std::string_view hex) {
  std::uint32_t value = 0;
  if (!absl::SimpleHexAtoi(AbslView(hex), &value) || value > 0x10FFFF) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad code point: ", AbslView(hex)));
  }
  return static_cast<char32_t>(value);
}

}  // namespace

absl::StatusOr<PythonUnicode> PythonUnicode::Parse(std::string_view table) {
  PythonUnicode result;
  std::vector<Range> spaces;
  for (std::string_view line : SplitOn(table, '\n')) {
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string_view> fields = SplitOn(line, '\t');
    const std::string_view kind = fields[0];
    if (kind == "unicode_version" && fields.size() == 2) {
      result.unicode_version_ = std::string(fields[1]);
      continue;
    }
    if (fields.size() < 3) {
      return absl::InvalidArgumentError(
          absl::StrCat("bad row: ", AbslView(line)));
    }
    absl::StatusOr<char32_t> first = ParseCodePoint(fields[1]);
    if (!first.ok()) return first.status();
    if (kind == "lowercase") {
      std::string lowered;
      for (std::size_t i = 2; i < fields.size(); ++i) {
        absl::StatusOr<char32_t> mapped = ParseCodePoint(fields[i]);
        if (!mapped.ok()) return mapped.status();
        utf8::AppendCodePoint(*mapped, &lowered);
      }
      if (*first < 128) {
        if (lowered.size() != 1) {
          return absl::InvalidArgumentError("ASCII must lowercase to ASCII");
        }
        result.ascii_lower_[*first] = lowered[0];
      } else {
        result.lowercase_.emplace_back(*first, std::move(lowered));
      }
      continue;
    }
    absl::StatusOr<char32_t> last = ParseCodePoint(fields[2]);
    if (!last.ok()) return last.status();
    if (*last < *first) {
      return absl::InvalidArgumentError(
          absl::StrCat("bad range: ", AbslView(line)));
    }
    if (kind == "space") {
      spaces.push_back({*first, *last, Case::kUncased, true});
    } else if (kind == "upper") {
      result.ranges_.push_back({*first, *last, Case::kUpper, false});
    } else if (kind == "lower") {
      result.ranges_.push_back({*first, *last, Case::kLowerOrTitle, false});
    } else {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown row: ", AbslView(line)));
    }
  }
  if (result.unicode_version_.empty()) {
    return absl::InvalidArgumentError("missing unicode_version row");
  }
  // Whitespace is never cased, so space ranges never overlap case ranges and
  // one sorted list answers both questions.
  result.ranges_.insert(result.ranges_.end(), spaces.begin(), spaces.end());
  std::sort(result.ranges_.begin(), result.ranges_.end(),
            [](const Range& a, const Range& b) { return a.first < b.first; });
  for (std::size_t i = 1; i < result.ranges_.size(); ++i) {
    if (result.ranges_[i].first <= result.ranges_[i - 1].last) {
      return absl::InvalidArgumentError("overlapping ranges");
    }
  }
  std::sort(result.lowercase_.begin(), result.lowercase_.end());
  for (char32_t c = 0; c < 128; ++c) {
    const Range* range = result.FindRange(c);
    result.ascii_space_[c] = range != nullptr && range->is_space;
    result.ascii_case_[c] =
        range != nullptr ? range->case_class : Case::kUncased;
    if (result.ascii_lower_[c] == '\0') {
      result.ascii_lower_[c] = static_cast<char>(c);
    }
  }
  return result;
}

const PythonUnicode& PythonUnicode::Default() {
  static const PythonUnicode* const kDefault = [] {
    absl::StatusOr<PythonUnicode> parsed =
        Parse(embedded::PythonUnicodeTable());
    if (!parsed.ok()) AbortOnBrokenEmbeddedData(parsed.status());
    return new PythonUnicode(*std::move(parsed));
  }();
  return *kDefault;
}

const PythonUnicode::Range* PythonUnicode::FindRange(
    char32_t code_point) const {
  auto it = std::upper_bound(
      ranges_.begin(), ranges_.end(), code_point,
      [](char32_t c, const Range& range) { return c < range.first; });
  if (it == ranges_.begin()) return nullptr;
  --it;
  return code_point <= it->last ? &*it : nullptr;
}

bool PythonUnicode::IsNonAsciiSpace(char32_t code_point) const {
  const Range* range = FindRange(code_point);
  return range != nullptr && range->is_space;
}

PythonUnicode::Case PythonUnicode::NonAsciiCaseOf(char32_t code_point) const {
  const Range* range = FindRange(code_point);
  return range != nullptr ? range->case_class : Case::kUncased;
}

void PythonUnicode::AppendNonAsciiLowercase(char32_t code_point,
                                            std::string* out) const {
  auto it = std::lower_bound(
      lowercase_.begin(), lowercase_.end(), code_point,
      [](const auto& entry, char32_t c) { return entry.first < c; });
  if (it != lowercase_.end() && it->first == code_point) {
    out->append(it->second);
  } else {
    utf8::AppendCodePoint(code_point, out);
  }
}

}  // namespace guestvoice::analysis
