#include "service/feedback/validation.h"

#include <cmath>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "common/utf8.h"
#include "guestvoice/v1/source.pb.h"
#include "service/core/field_checks.h"
#include "service/core/proto_date.h"
#include "service/core/proto_time.h"
#include "service/feedback/records.h"
#include "service/feedback/text_fingerprint.h"

namespace guestvoice::service {
namespace {

// An opaque id or handle: 1 to `max_bytes` bytes of UTF-8 without control
// characters.
void CheckIdentifier(FieldViolations& violations, const std::string& field,
                     std::string_view value, size_t max_bytes) {
  if (value.empty()) {
    violations.Add(field, "required");
  } else if (value.size() > max_bytes) {
    violations.Add(field, absl::StrCat("longer than ", max_bytes, " bytes"));
  } else if (!utf8::CodePointCount(value).has_value()) {
    violations.Add(field, "not valid UTF-8");
  } else if (utf8::HasAsciiControlCharacter(value)) {
    violations.Add(field, "contains control characters");
  }
}

void CheckText(FieldViolations& violations, const std::string& field,
               std::string_view text, bool has_rating) {
  if (HasNoWords(text) && !has_rating) {
    // A rating left without words is feedback; nothing at all is not.
    violations.Add(field, "required unless a rating is given");
  } else {
    CheckFreeText(violations, field, text, kMaxFeedbackTextBytes);
  }
}

// BCP-47 in shape: subtags of 1-8 ASCII letters or digits joined by '-'.
bool LooksLikeLanguageTag(std::string_view tag) {
  if (tag.empty() || tag.size() > kMaxLanguageCodeBytes) return false;
  size_t subtag = 0;
  for (char c : tag) {
    if (c == '-') {
      if (subtag == 0) return false;
      subtag = 0;
    } else if (absl::ascii_isalnum(c) && ++subtag <= 8) {
      continue;
    } else {
      return false;
    }
  }
  return subtag > 0 && absl::ascii_isalpha(tag[0]);
}

void CheckPostTime(FieldViolations& violations, const std::string& field,
                   const v1::Feedback& feedback, absl::Time now) {
  if (!feedback.has_post_time()) {
    violations.Add(field, "required");
    return;
  }
  const google::protobuf::Timestamp& time = feedback.post_time();
  if (!IsValidTimestamp(time)) {
    violations.Add(field, "not a valid timestamp");
  } else if (FromProtoTimestamp(time) > now + kMaxPostTimeSkew) {
    violations.Add(field, "more than 5 minutes in the future");
  } else if (FromProtoTimestamp(time) < EarliestCalendarTime()) {
    violations.Add(field, "before 1900-01-01T00:00:00Z");
  }
}

// An edit comes after the post it edits, and no edit is from the future:
// a wrong edit time would decide which version of an item is the latest.
void CheckEditTime(FieldViolations& violations, const std::string& field,
                   const v1::Feedback& feedback, absl::Time now) {
  if (!feedback.has_edit_time()) return;
  const google::protobuf::Timestamp& time = feedback.edit_time();
  if (!IsValidTimestamp(time)) {
    violations.Add(field, "not a valid timestamp");
  } else if (FromProtoTimestamp(time) > now + kMaxPostTimeSkew) {
    violations.Add(field, "more than 5 minutes in the future");
  } else if (feedback.has_post_time() &&
             IsValidTimestamp(feedback.post_time()) &&
             FromProtoTimestamp(time) <
                 FromProtoTimestamp(feedback.post_time())) {
    violations.Add(field, "before post_time");
  }
}

void CheckRating(FieldViolations& violations, const std::string& field,
                 const v1::Rating& rating) {
  if (!std::isfinite(rating.value()) || !std::isfinite(rating.scale_min()) ||
      !std::isfinite(rating.scale_max())) {
    violations.Add(field, "value and scale must be finite numbers");
  } else if (rating.scale_max() <= rating.scale_min()) {
    violations.Add(absl::StrCat(field, ".scale_max"),
                   "must be greater than scale_min");
  } else if (!std::isfinite(rating.scale_max() - rating.scale_min())) {
    // Ingest divides by the scale's width (a rating is stored as its place
    // on the scale, 0..1): an infinite width would make that NaN.
    violations.Add(absl::StrCat(field, ".scale_max"),
                   "scale_max - scale_min must be a finite number");
  } else if (rating.value() < rating.scale_min() ||
             rating.value() > rating.scale_max()) {
    violations.Add(absl::StrCat(field, ".value"),
                   absl::StrCat("outside the scale ", rating.scale_min(), "..",
                                rating.scale_max()));
  }
}

}  // namespace

bool IsKnownSource(int source) {
  return source != v1::SOURCE_UNSPECIFIED && v1::Source_IsValid(source);
}

void CheckFeedbackInput(FieldViolations& violations, std::string_view prefix,
                        const v1::Feedback& feedback, absl::Time now) {
  auto field = [&](std::string_view path) {
    return absl::StrCat(AbslView(prefix), AbslView(path));
  };
  if (feedback.source() == v1::SOURCE_UNSPECIFIED) {
    violations.Add(field("source"), "required");
  } else if (!IsKnownSource(feedback.source())) {
    violations.Add(field("source"),
                   absl::StrCat("unknown source ", feedback.source()));
  }
  CheckIdentifier(violations, field("external_id"), feedback.external_id(),
                  kMaxExternalIdBytes);
  // A handle is one line, as LinkIdentity takes it: an author whose handle
  // holds a tab or line break could never be linked to their guest, nor
  // reached by erasure.
  FieldViolations handle_violations;
  CheckIdentifier(handle_violations, field("author.handle"),
                  feedback.author().handle(), kMaxAuthorHandleBytes);
  if (handle_violations.empty()) {
    CheckOneLine(handle_violations, field("author.handle"),
                 feedback.author().handle());
  }
  // Spelled empty, every such handle would be one author (records.h
  // NormalizeAuthorHandle).
  if (handle_violations.empty() &&
      NormalizeAuthorHandle(feedback.source(), feedback.author().handle())
          .empty()) {
    handle_violations.Add(field("author.handle"),
                          "holds nothing but white space, \"@\" or "
                          "invisible characters");
  }
  violations.AddAll(handle_violations.ToStatus());
  // The name a guest shows on their platform, which some make invisible: an
  // item is never refused for it, so their voice is not lost.
  CheckDisplayText(violations, field("author.display_name"),
                   feedback.author().display_name(), kMaxAuthorDisplayNameChars,
                   /*required=*/false, BlankText::kAllowed);
  CheckText(violations, field("text"), feedback.text(), feedback.has_rating());
  if (!feedback.language_code().empty() &&
      !LooksLikeLanguageTag(feedback.language_code())) {
    violations.Add(field("language_code"),
                   "must be a BCP-47 language tag such as \"en\" or \"pt-BR\"");
  }
  CheckPostTime(violations, field("post_time"), feedback, now);
  CheckEditTime(violations, field("edit_time"), feedback, now);
  if (feedback.has_rating()) {
    CheckRating(violations, field("rating"), feedback.rating());
  }
}

}  // namespace guestvoice::service
