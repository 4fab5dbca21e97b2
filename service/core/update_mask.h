#ifndef GUESTVOICE_SERVICE_CORE_UPDATE_MASK_H_
#define GUESTVOICE_SERVICE_CORE_UPDATE_MASK_H_

// AIP-134 update masks: which of a resource's mutable fields one Update call
// changes. Every Update method reads its update_mask here, so all of them
// read masks alike and name the same paths when one is wrong.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/types/span.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/message.h"
#include "service/core/errors.h"

namespace guestvoice::service {

// The fields of a resource that an Update method may change.
struct MutableFields {
  // The resource as error messages name it: "hotel", "loyalty program".
  std::string_view resource;
  // Each field as an update_mask path relative to the update message, such as
  // "display_name", or "case.state" for a field of a nested message.
  absl::Span<const std::string_view> paths;
};

// The mutable fields one update changes, each by its path.
class ChangedFields {
 public:
  explicit ChangedFields(std::vector<std::string> paths)
      : paths_(std::move(paths)) {}

  bool Contains(std::string_view path) const;
  bool empty() const { return paths_.empty(); }

 private:
  std::vector<std::string> paths_;
};

// The fields an update changes, by the one rule every Update method follows
// (AIP-134, update_mask OPTIONAL in the protos):
//  - an empty mask: every mutable field set in `update` (a scalar that is
//    not its default, a message that is present, a repeated field that is
//    not empty);
//  - otherwise the paths of `mask`, read in order up to a "*", which stands
//    for every mutable field.
// Each path read that is not mutable adds a violation on "update_mask" that
// names the mutable paths, and is not among the changed fields. An update
// that changes nothing (an empty mask over an update that sets no mutable
// field) adds the violation "update_mask: names no field to change": it is
// always a client's mistake, never a useful no-op.
ChangedFields ResolveUpdateMask(FieldViolations& violations,
                                const google::protobuf::FieldMask& mask,
                                const google::protobuf::Message& update,
                                const MutableFields& fields);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_CORE_UPDATE_MASK_H_
