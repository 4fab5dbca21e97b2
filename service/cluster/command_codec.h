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

// The newest format this build writes and reads. Bump it when a record of
// the new format must not be applied by an older node (a field whose
// absence would change the outcome), and keep reading the old ones.
//   1: the first.
//   2: a prepared feedback item with an edit_time (Feedback.edit_time),
//      which a node of format 1 would store as a duplicate where the others
//      edit the item, leaving its state apart from theirs for good.
//   3: a CreateOrganization whose id the receiving node decided (the
//      command's organization) and whose request id is remembered in the
//      organization created: a node of format 2 would draw another id when
//      the request names none, and remember the request id in the caller's
//      organization, in another partition.
//   4: a prepared feedback item with words, whose repeat a node of format 3
//      would judge by the words alone (or by the fingerprint the record
//      then carried), where the others judge it by its hotel, rating and
//      words too (service/feedback/text_fingerprint.h).
//   5: a MergeGuests, which makes the recorded CreateGuest responses of the
//      merged guest name the survivor, where a node of format 4 deletes
//      them and would create the guest again on a retry.
//   6: a CreateGuest with a first stay (CreateGuestRequest.stay), which a
//      node of format 5 would create without its stay.
//   7: an UpdateStay, which changes nothing when the stay has its values
//      already, where a node of format 6 rewrites it with a new update_time.
//   8: a feedback item or a handle identity (CreateGuest, LinkIdentity,
//      UnlinkIdentity) whose handle a node of format 7 would spell
//      otherwise (service/core/handle_spelling.h): it would file the item
//      under another author, or refuse the identity, where the others do
//      not.
//   9: an UpdateFeedback, which changes nothing when the case has its values
//      already, where a node of format 8 rewrites it with a new update_time.
inline constexpr uint32_t kCommandFormat = 9;
inline constexpr uint32_t kOrganizationIdDecidedOnReceipt = 3;
inline constexpr uint32_t kRepeatsByHotelAndRating = 4;
inline constexpr uint32_t kMergeKeepsCreateRequests = 5;
inline constexpr uint32_t kGuestCreatedWithAStay = 6;
inline constexpr uint32_t kUnchangedStaysKept = 7;
inline constexpr uint32_t kHandlesSpelledByUnicode = 8;
inline constexpr uint32_t kUnchangedCasesKept = 9;

// The oldest format that can carry `command`: 9 for an UpdateFeedback, 8
// for one with a handle spelled otherwise before, 7 for an UpdateStay, 6 for
// a CreateGuest with a stay, 5 for a MergeGuests, 3 for a CreateOrganization
// that names no id or carries a request id, 4 for an item with words, 2 for
// one without words but with an edit_time, 1 otherwise. Each record is
// written in it, so that nodes not yet upgraded apply what they can apply
// alike, and stop their partition (DecodeCommand) at the first record they
// cannot.
uint32_t FormatOf(const internal::v1::Command& command);

// The record's bytes, stamped with FormatOf(command).
std::string EncodeCommand(internal::v1::Command command);

// The command in `payload`: DATA_LOSS when it is not a Command, or lacks
// its method, organization, receive time or id seed; FAILED_PRECONDITION
// when its format is newer than kCommandFormat (upgrade this node first).
absl::StatusOr<internal::v1::Command> DecodeCommand(std::string_view payload);

internal::v1::CommandCaller CallerRecord(const Principal& caller);
Principal CallerOf(const internal::v1::CommandCaller& record);

}  // namespace guestvoice::service::cluster

#endif  // GUESTVOICE_SERVICE_CLUSTER_COMMAND_CODEC_H_
