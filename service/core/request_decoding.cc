#include "service/core/request_decoding.h"

#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/utf8.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/unknown_field_set.h"
#include "service/core/errors.h"

namespace guestvoice::service {
namespace {

using ::google::protobuf::Descriptor;
using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::UnknownField;
using ::google::protobuf::UnknownFieldSet;

// Messages nested deeper than this are not searched; protobuf's own parser
// refuses them (its default recursion limit is 100) before this matters.
constexpr int kMaxDepth = 100;

// The path of the first string field of `fields` (the wire form of a `type`
// message) whose value is not UTF-8, below `prefix`; nullopt when every
// string is valid or the bytes do not parse as wire format at all.
std::optional<std::string> FindInvalidUtf8(const Descriptor& type,
                                           const UnknownFieldSet& fields,
                                           const std::string& prefix,
                                           int depth) {
  // How many values of each repeated field came before, for "[i]" paths.
  absl::flat_hash_map<int, int> seen;
  for (int i = 0; i < fields.field_count(); ++i) {
    const UnknownField& wire = fields.field(i);
    const FieldDescriptor* field = type.FindFieldByNumber(wire.number());
    const int index = seen[wire.number()]++;
    if (field == nullptr ||
        wire.type() != UnknownField::TYPE_LENGTH_DELIMITED) {
      continue;
    }
    std::string path = absl::StrCat(prefix, field->name());
    if (field->is_repeated()) absl::StrAppend(&path, "[", index, "]");
    if (field->type() == FieldDescriptor::TYPE_STRING) {
      if (!utf8::CodePointCount(wire.length_delimited()).has_value()) {
        return path;
      }
    } else if (field->type() == FieldDescriptor::TYPE_MESSAGE &&
               depth < kMaxDepth) {
      UnknownFieldSet nested;
      if (!nested.ParseFromString(wire.length_delimited())) continue;
      std::optional<std::string> found = FindInvalidUtf8(
          *field->message_type(), nested, absl::StrCat(path, "."), depth + 1);
      if (found.has_value()) return found;
    }
  }
  return std::nullopt;
}

}  // namespace

absl::Status DecodeRequest(std::string_view bytes,
                           google::protobuf::Message& request) {
  if (request.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::OkStatus();
  }
  request.Clear();
  UnknownFieldSet fields;
  if (fields.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    std::optional<std::string> invalid =
        FindInvalidUtf8(*request.GetDescriptor(), fields, "", 0);
    if (invalid.has_value()) {
      return InvalidField(*std::move(invalid), "not valid UTF-8");
    }
  }
  return WithErrorInfo(absl::InvalidArgumentError(absl::StrCat(
                           "the request is not a valid ",
                           request.GetDescriptor()->full_name(), " message")),
                       v1::ERROR_REASON_REQUEST_MALFORMED);
}

}  // namespace guestvoice::service
