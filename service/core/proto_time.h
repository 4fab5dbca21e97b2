#ifndef GUESTVOICE_SERVICE_CORE_PROTO_TIME_H_
#define GUESTVOICE_SERVICE_CORE_PROTO_TIME_H_

#include "absl/time/time.h"
#include "google/protobuf/duration.pb.h"
#include "google/protobuf/timestamp.pb.h"

namespace guestvoice::service {

google::protobuf::Timestamp ToProtoTimestamp(absl::Time time);
absl::Time FromProtoTimestamp(const google::protobuf::Timestamp& timestamp);
// Whether `timestamp` is one google.protobuf.Timestamp allows: from
// 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z, nanos in
// 0..999,999,999. Every timestamp a caller sends is checked with it.
bool IsValidTimestamp(const google::protobuf::Timestamp& timestamp);
// Durations up to about 292 years (what int64 nanoseconds hold).
google::protobuf::Duration ToProtoDuration(absl::Duration duration);
absl::Duration FromProtoDuration(const google::protobuf::Duration& duration);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_CORE_PROTO_TIME_H_
