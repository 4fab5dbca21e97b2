#include "service/core/update_mask.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/absl_view.h"

namespace guestvoice::service {
namespace {

using ::google::protobuf::FieldDescriptor;
using ::google::protobuf::Message;
using ::google::protobuf::Reflection;

// Whether the field at `path` ("a" or "a.b") is set in `message`: every
// message on the way is present and the field itself holds a value. A path
// that names no field is never set.
bool IsSet(const Message& message, std::string_view path) {
  const Message* current = &message;
  while (true) {
    const size_t dot = path.find('.');
    const FieldDescriptor* field = current->GetDescriptor()->FindFieldByName(
        std::string(path.substr(0, dot)));
    if (field == nullptr) return false;
    const Reflection& reflection = *current->GetReflection();
    if (field->is_repeated()) {
      return dot == std::string_view::npos &&
             reflection.FieldSize(*current, field) > 0;
    }
    if (!reflection.HasField(*current, field)) return false;
    if (dot == std::string_view::npos) return true;
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) return false;
    current = &reflection.GetMessage(*current, field);
    path.remove_prefix(dot + 1);
  }
}

}  // namespace

bool ChangedFields::Contains(std::string_view path) const {
  return std::find(paths_.begin(), paths_.end(), path) != paths_.end();
}

ChangedFields ResolveUpdateMask(FieldViolations& violations,
                                const google::protobuf::FieldMask& mask,
                                const google::protobuf::Message& update,
                                const MutableFields& fields) {
  std::vector<std::string> changed;
  if (mask.paths().empty()) {
    for (std::string_view path : fields.paths) {
      if (IsSet(update, path)) changed.emplace_back(path);
    }
    if (changed.empty())
      violations.Add("update_mask", "names no field to change");
    return ChangedFields(std::move(changed));
  }
  const std::vector<std::string> mutable_paths(fields.paths.begin(),
                                               fields.paths.end());
  for (const std::string& path : mask.paths()) {
    if (path == "*") return ChangedFields(mutable_paths);
    if (std::find(mutable_paths.begin(), mutable_paths.end(), path) !=
        mutable_paths.end()) {
      changed.push_back(path);
    } else {
      violations.Add(
          "update_mask",
          absl::StrCat("\"", path, "\" is not a mutable ",
                       AbslView(fields.resource), " field (use ",
                       absl::StrJoin(mutable_paths, ", "), " or *)"));
    }
  }
  return ChangedFields(std::move(changed));
}

}  // namespace guestvoice::service
