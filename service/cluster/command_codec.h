#ifndef GUESTVOICE_SERVICE_CLUSTER_COMMAND_CODEC_H_
#define GUESTVOICE_SERVICE_CLUSTER_COMMAND_CODEC_H_

// Command records (proto/guestvoice/internal/v1/commands.proto) to and from
// the bytes of the command topic, and the caller they carry to and from a
// Principal. Decoding is strict: a record a node cannot read stops its
// partition (docs/cluster.md) instead of being skipped, so the error says
// which and why.

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "guestvoice/internal/v1/commands.pb.h"
#include "service/core/principal.h"

namespace guestvoice::service::cluster {

// The format this build writes and the newest it reads. Bump it when a
// record of the new format must not be applied by an older node (a field
// whose absence would change the outcome), and keep reading the old ones.
inline constexpr uint32_t kCommandFormat = 1;

// The record's bytes, stamped with kCommandFormat.
std::string EncodeCommand(internal::v1::Command command);

// The command in `payload`: DATA_LOSS when it is not a Command, or lacks
// its method, organization, receive time or id seed; FAILED_PRECONDITION
// when its format is newer than kCommandFormat (upgrade this node first).
absl::StatusOr<internal::v1::Command> DecodeCommand(std::string_view payload);

internal::v1::CommandCaller CallerRecord(const Principal& caller);
Principal CallerOf(const internal::v1::CommandCaller& record);

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_COMMAND_CODEC_H_
