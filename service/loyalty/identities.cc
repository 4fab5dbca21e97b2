#include "service/loyalty/identities.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/absl_view.h"
#include "common/utf8.h"
#include "service/core/handle_spelling.h"
#include "service/loyalty/phone_numbers.h"

namespace guestvoice::service {
namespace {

constexpr size_t kMaxEmailChars = 254;
constexpr size_t kMaxEmailLocalChars = 64;
constexpr size_t kMaxDisplayHandleChars = 128;

std::string Lower(absl::string_view value) {
  return absl::AsciiStrToLower(value);
}

bool IsLdhLabel(absl::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' ||
      label.back() == '-') {
    return false;
  }
  for (char c : label) {
    if (!absl::ascii_isalnum(c) && c != '-') return false;
  }
  return true;
}

bool IsEmailAtom(char c) {
  return absl::ascii_isalnum(c) ||
         std::string_view("!#$%&'*+/=?^_`{|}~-").find(c) !=
             std::string_view::npos;
}

// A lower-cased address, RFC 5321 dot-atom local part (no quoted forms).
bool IsEmail(std::string_view email) {
  if (email.size() > kMaxEmailChars) return false;
  const size_t at = email.find('@');
  if (at == std::string_view::npos || email.find('@', at + 1) != email.npos) {
    return false;
  }
  const std::string_view local = email.substr(0, at);
  const std::string_view domain = email.substr(at + 1);
  if (local.empty() || local.size() > kMaxEmailLocalChars ||
      local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos) {
    return false;
  }
  for (char c : local) {
    if (!IsEmailAtom(c) && c != '.') return false;
  }
  std::vector<absl::string_view> labels = absl::StrSplit(AbslView(domain), '.');
  if (labels.size() < 2) return false;
  for (absl::string_view label : labels) {
    if (!IsLdhLabel(label)) return false;
  }
  const absl::string_view top = labels.back();
  if (absl::StartsWith(top, "xn--")) return true;
  if (top.size() < 2) return false;
  for (char c : top) {
    if (!absl::ascii_isalpha(c)) return false;
  }
  return true;
}

// Names are one line: no ASCII control character at all (unlike text, where
// tabs and line breaks are fine).
bool HasControlCharacter(std::string_view value) {
  for (char c : value) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) return true;
  }
  return false;
}

std::string WithoutAny(std::string_view value, std::string_view drop) {
  std::string result;
  for (char c : value) {
    if (drop.find(c) == std::string_view::npos) result.push_back(c);
  }
  return result;
}

// Handle syntax of the sources that have one: allowed characters besides
// lower-case letters and digits, and the maximum length.
struct HandleSyntax {
  std::string_view extra_chars;
  size_t max_chars;
};

std::optional<HandleSyntax> SyntaxOf(v1::Source source) {
  switch (source) {
    case v1::SOURCE_TWITTER:
      return HandleSyntax{"_", 15};
    case v1::SOURCE_INSTAGRAM:
      return HandleSyntax{"._", 30};
    case v1::SOURCE_FACEBOOK:
      return HandleSyntax{".", 50};
    case v1::SOURCE_FOURSQUARE:
      return HandleSyntax{"._-", 64};
    default:
      return std::nullopt;
  }
}

std::optional<std::string> NormalizeHandle(FieldViolations& violations,
                                           const std::string& value_field,
                                           v1::Source source,
                                           std::string_view value) {
  const std::string handle = HandleSpelling(value, LeadingAt::kDropped);
  if (const std::optional<HandleSyntax> syntax = SyntaxOf(source)) {
    bool valid = !handle.empty() && handle.size() <= syntax->max_chars;
    for (char c : handle) {
      valid = valid && (absl::ascii_islower(c) || absl::ascii_isdigit(c) ||
                        syntax->extra_chars.find(c) != std::string_view::npos);
    }
    if (!valid) {
      violations.Add(
          value_field,
          absl::StrCat("not a ", v1::Source_Name(source), " handle: 1 to ",
                       syntax->max_chars, " letters, digits or \"",
                       AbslView(syntax->extra_chars),
                       "\", after an optional @"));
      return std::nullopt;
    }
    return handle;
  }
  const std::optional<size_t> chars = utf8::CodePointCount(handle);
  // A control character inside is refused, not spelled as white space:
  // feedback refuses a handle that is not one line (CheckOneLine).
  if (handle.empty() || !chars.has_value() || *chars > kMaxDisplayHandleChars ||
      HasControlCharacter(StripAsciiWhitespace(value))) {
    violations.Add(value_field,
                   absl::StrCat("must be 1 to ", kMaxDisplayHandleChars,
                                " characters of UTF-8 without control "
                                "characters"));
    return std::nullopt;
  }
  return handle;
}

}  // namespace

std::optional<v1::Identity> NormalizeIdentity(FieldViolations& violations,
                                              std::string_view field,
                                              const v1::Identity& identity,
                                              std::string_view phone_region) {
  const std::string value_field = absl::StrCat(AbslView(field), ".value");
  const std::string source_field = absl::StrCat(AbslView(field), ".source");
  v1::Identity normal;
  normal.set_kind(identity.kind());
  if (identity.kind() != v1::IDENTITY_KIND_HANDLE &&
      identity.source() != v1::SOURCE_UNSPECIFIED) {
    violations.Add(source_field, "only handles have a source");
    return std::nullopt;
  }
  switch (identity.kind()) {
    case v1::IDENTITY_KIND_EMAIL: {
      std::string email =
          Lower(absl::StripAsciiWhitespace(AbslView(identity.value())));
      if (!IsEmail(email)) {
        violations.Add(value_field, "not an email address");
        return std::nullopt;
      }
      normal.set_value(std::move(email));
      return normal;
    }
    case v1::IDENTITY_KIND_PHONE: {
      std::optional<std::string> phone =
          PhoneNumberToE164(identity.value(), phone_region);
      if (!phone.has_value()) {
        violations.Add(
            value_field,
            phone_region.empty()
                ? "not a phone number with its country code, such as "
                  "+351912345678 (name a hotel with a region_code to give "
                  "national numbers)"
                : absl::StrCat("not a phone number of ", AbslView(phone_region),
                               ", nor one written with its country code "
                               "(\"+\" and the country's code first)"));
        return std::nullopt;
      }
      normal.set_value(*std::move(phone));
      return normal;
    }
    case v1::IDENTITY_KIND_LOYALTY_NUMBER: {
      std::string number =
          absl::AsciiStrToUpper(WithoutAny(identity.value(), " -"));
      bool valid = number.size() >= 3 && number.size() <= 32;
      for (char c : number) valid = valid && absl::ascii_isalnum(c);
      if (!valid) {
        violations.Add(value_field,
                       "a loyalty number is 3 to 32 letters and digits");
        return std::nullopt;
      }
      normal.set_value(std::move(number));
      return normal;
    }
    case v1::IDENTITY_KIND_HANDLE: {
      if (identity.source() == v1::SOURCE_UNSPECIFIED) {
        violations.Add(source_field, "required for a handle");
        return std::nullopt;
      }
      if (!v1::Source_IsValid(identity.source())) {
        violations.Add(source_field,
                       absl::StrCat("unknown source ", identity.source()));
        return std::nullopt;
      }
      if (identity.source() == v1::SOURCE_EMAIL) {
        violations.Add(source_field,
                       "an email author is an IDENTITY_KIND_EMAIL identity");
        return std::nullopt;
      }
      std::optional<std::string> handle = NormalizeHandle(
          violations, value_field, identity.source(), identity.value());
      if (!handle.has_value()) return std::nullopt;
      normal.set_source(identity.source());
      normal.set_value(*std::move(handle));
      return normal;
    }
    default:
      violations.Add(absl::StrCat(AbslView(field), ".kind"),
                     "required: EMAIL, PHONE, LOYALTY_NUMBER or HANDLE");
      return std::nullopt;
  }
}

bool SameIdentity(const v1::Identity& a, const v1::Identity& b) {
  return a.kind() == b.kind() && a.source() == b.source() &&
         a.value() == b.value();
}

std::optional<AuthorRef> AuthorOfIdentity(const v1::Identity& identity) {
  switch (identity.kind()) {
    case v1::IDENTITY_KIND_HANDLE:
      return AuthorRef{identity.source(), identity.value()};
    case v1::IDENTITY_KIND_EMAIL:
      return AuthorRef{v1::SOURCE_EMAIL, identity.value()};
    default:
      return std::nullopt;
  }
}

}  // namespace guestvoice::service
