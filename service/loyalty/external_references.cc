#include "service/loyalty/external_references.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/absl_view.h"
#include "guestvoice/v1/error_reason.pb.h"

namespace guestvoice::service {

void CheckExternalReference(FieldViolations& violations, std::string_view field,
                            std::string_view value, size_t max_bytes) {
  bool valid = !value.empty() && value.size() <= max_bytes &&
               value.front() != ' ' && value.back() != ' ';
  for (char c : value) valid = valid && absl::ascii_isprint(c);
  if (!valid) {
    violations.Add(std::string(field),
                   absl::StrCat("required: 1 to ", max_bytes,
                                " printable ASCII characters"));
  }
}

absl::Status RecordedForAnotherGuest(std::string_view field) {
  return WithErrorInfo(absl::AlreadyExistsError(absl::StrCat(
                           AbslView(field), ": recorded for another guest")),
                       v1::ERROR_REASON_RESOURCE_ALREADY_EXISTS,
                       {{"field", std::string(field)}});
}

std::string Difference(std::string_view field, std::string_view recorded,
                       std::string_view sent) {
  return absl::StrCat(AbslView(field), ": ", AbslView(recorded), " recorded, ",
                      AbslView(sent), " sent");
}

absl::Status RecordedWithOtherDetails(
    std::string_view field, std::string_view recorded_name,
    const std::vector<std::string>& differences, std::string_view remedy) {
  return ResourceAlreadyExists(
      recorded_name,
      absl::StrCat(AbslView(field), ": recorded already as ",
                   AbslView(recorded_name), ", which differs in ",
                   absl::StrJoin(differences, "; "), ". ", AbslView(remedy)));
}

}  // namespace guestvoice::service
