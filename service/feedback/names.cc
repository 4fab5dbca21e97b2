#include "service/feedback/names.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "service/core/errors.h"
#include "service/core/resource_names.h"

namespace guestvoice::service {
namespace {

constexpr size_t kMaxNameBytes = 512;
constexpr char kPattern[] = "organizations/{id}/feedback/{id}";

}  // namespace

std::string FormatFeedbackName(std::string_view organization,
                               std::string_view feedback) {
  return absl::StrCat("organizations/", AbslView(organization), "/feedback/",
                      AbslView(feedback));
}

absl::StatusOr<FeedbackName> ParseFeedbackName(std::string_view field,
                                               std::string_view name) {
  if (name.empty()) {
    return InvalidField(std::string(field),
                        absl::StrCat("required; expected ", kPattern));
  }
  if (name.size() > kMaxNameBytes) {
    return InvalidField(std::string(field),
                        absl::StrCat("longer than ", kMaxNameBytes, " bytes"));
  }
  const std::vector<std::string_view> segments = SplitOn(name, '/');
  auto valid_id = [](std::string_view id) { return IsValidResourceId(id); };
  if (segments.size() != 4 || segments[0] != "organizations" ||
      segments[2] != "feedback" || !valid_id(segments[1]) ||
      !valid_id(segments[3])) {
    return InvalidField(std::string(field),
                        absl::StrCat("expected ", kPattern,
                                     " with ids of 1-63 lower-case letters, "
                                     "digits or hyphens"));
  }
  return FeedbackName{std::string(segments[1]), std::string(segments[3])};
}

}  // namespace guestvoice::service
