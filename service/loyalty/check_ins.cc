#include "service/loyalty/check_ins.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "google/protobuf/util/message_differencer.h"
#include "guestvoice/v1/hotel.pb.h"
#include "service/core/errors.h"
#include "service/core/pagination.h"
#include "service/core/proto_date.h"
#include "service/core/proto_records.h"
#include "service/core/proto_time.h"
#include "service/core/resource_names.h"
#include "service/loyalty/external_references.h"
#include "service/loyalty/records.h"
#include "service/tenancy/hotels.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

using storage::ColumnFamily;

constexpr size_t kMaxExternalIdBytes = 256;
// Adapters' clocks drift: a check-in slightly "in the future" is not bad
// input.
constexpr absl::Duration kClockSkew = absl::Minutes(5);

// How `sent` differs from `recorded`, the check-in stored under the same
// (source, external_id): empty for a retry.
std::vector<std::string> CheckInDifferences(const v1::CheckIn& recorded,
                                            const v1::CheckIn& sent) {
  auto utc_text = [](const google::protobuf::Timestamp& time) {
    return absl::FormatTime(absl::RFC3339_full, FromProtoTimestamp(time),
                            absl::UTCTimeZone());
  };
  std::vector<std::string> differences;
  if (recorded.hotel() != sent.hotel()) {
    differences.push_back(Difference("hotel", recorded.hotel(), sent.hotel()));
  }
  if (recorded.outlet() != sent.outlet()) {
    differences.push_back(Difference("outlet",
                                     v1::Outlet_Name(recorded.outlet()),
                                     v1::Outlet_Name(sent.outlet())));
  }
  if (!google::protobuf::util::MessageDifferencer::Equals(
          recorded.check_in_time(), sent.check_in_time())) {
    differences.push_back(Difference("check_in_time",
                                     utc_text(recorded.check_in_time()),
                                     utc_text(sent.check_in_time())));
  }
  return differences;
}

// A source's check-in, and whose it is.
struct SeenCheckIn {
  std::string guest_id;
  v1::CheckIn check_in;
};

// The check-in recorded under `source_key` (CheckInSourceIndexKey),
// whoever's it is; nullopt when the source's id is unknown.
absl::StatusOr<std::optional<SeenCheckIn>> ReadSeenCheckIn(
    const storage::Store& store, std::string_view organization,
    std::string_view source_key) {
  ASSIGN_OR_RETURN(
      std::optional<internal::v1::CheckInLocator> seen,
      ReadProto<internal::v1::CheckInLocator>(store, ColumnFamily::kIndexes,
                                              source_key, "a check-in"));
  if (!seen.has_value()) return std::nullopt;
  ASSIGN_OR_RETURN(
      std::optional<v1::CheckIn> check_in,
      ReadProto<v1::CheckIn>(
          store, ColumnFamily::kEntities,
          storage::CheckInKey(organization, seen->guest_id(), seen->local_day(),
                              seen->check_in_id()),
          "a check-in"));
  if (!check_in.has_value()) {
    return absl::DataLossError("a check-in index points at nothing");
  }
  return SeenCheckIn{seen->guest_id(), *std::move(check_in)};
}

}  // namespace

absl::Status CheckIns::Record(const Principal& caller,
                              const v1::RecordCheckInRequest& request,
                              v1::CheckIn& response) const {
  const v1::CheckIn& check_in = request.check_in();
  const absl::Time now = deps_.clock.Now();
  FieldViolations violations;
  auto guest_name = ParseGuestName("parent", request.parent());
  violations.AddAll(guest_name.status());
  auto hotel_name = ParseHotelName("check_in.hotel", check_in.hotel());
  violations.AddAll(hotel_name.status());
  if (!v1::Outlet_IsValid(check_in.outlet())) {
    violations.Add("check_in.outlet", "unknown outlet");
  }
  if (check_in.source() == v1::SOURCE_UNSPECIFIED ||
      !v1::Source_IsValid(check_in.source())) {
    violations.Add("check_in.source", "required");
  }
  CheckExternalReference(violations, "check_in.external_id",
                         check_in.external_id(), kMaxExternalIdBytes);
  if (!check_in.has_check_in_time()) {
    violations.Add("check_in.check_in_time", "required");
  } else if (!IsValidTimestamp(check_in.check_in_time())) {
    violations.Add("check_in.check_in_time", "not a valid timestamp");
  } else if (FromProtoTimestamp(check_in.check_in_time()) > now + kClockSkew) {
    violations.Add("check_in.check_in_time", "in the future");
  } else if (FromProtoTimestamp(check_in.check_in_time()) <
             EarliestCalendarTime()) {
    violations.Add("check_in.check_in_time", "before 1900-01-01T00:00:00Z");
  }
  RETURN_IF_ERROR(violations.ToStatus());
  RETURN_IF_ERROR(
      caller.RequireTenant(guest_name->organization, request.parent()));
  RETURN_IF_ERROR(
      caller.RequireTenant(hotel_name->organization, check_in.hotel()));
  const std::string& organization = guest_name->organization;
  const std::string& guest_id = guest_name->guest;
  // Under the organization's lock, as ingest reads it (domain_context.h).
  auto organization_guard = deps_.organization_locks.LockShared(organization);
  ASSIGN_OR_RETURN(v1::Hotel hotel,
                   ReadHotel(deps_.store, *hotel_name, check_in.hotel()));
  absl::TimeZone zone;
  if (!absl::LoadTimeZone(hotel.time_zone(), &zone)) {
    zone = absl::UTCTimeZone();
  }
  const int64_t local_day = DayNumber(
      absl::ToCivilDay(FromProtoTimestamp(check_in.check_in_time()), zone));

  const std::string source_key = storage::CheckInSourceIndexKey(
      organization, static_cast<uint32_t>(check_in.source()),
      check_in.external_id());
  auto guard =
      deps_.locks.Lock(storage::GuestKey(organization, guest_id), source_key);
  ASSIGN_OR_RETURN(std::optional<SeenCheckIn> seen,
                   ReadSeenCheckIn(deps_.store, organization, source_key));
  if (seen.has_value()) {
    if (seen->guest_id != guest_id) {
      // A retry under a guest merged away since: the guest is what is gone.
      RETURN_IF_ERROR(ReadExistingGuest(deps_.store, organization, guest_id,
                                        request.parent())
                          .status());
      return RecordedForAnotherGuest("check_in.external_id");
    }
    const std::vector<std::string> differences =
        CheckInDifferences(seen->check_in, check_in);
    if (!differences.empty()) {
      return RecordedWithOtherDetails(
          "check_in.external_id", seen->check_in.name(), differences,
          "A check-in is recorded once per (source, external_id): send "
          "another check-in under an external_id of its own");
    }
    response = std::move(seen->check_in);
    return absl::OkStatus();
  }
  RETURN_IF_ERROR(
      ReadExistingGuest(deps_.store, organization, guest_id, request.parent())
          .status());

  const std::string check_in_id = deps_.ids.NewResourceId();
  v1::CheckIn recorded = check_in;
  recorded.set_name(FormatCheckInName(organization, guest_id, check_in_id));
  storage::WriteBatch batch;
  PutNewCheckIn(batch, organization, guest_id, check_in_id, local_day,
                recorded);
  RETURN_IF_ERROR(deps_.store.Write(std::move(batch)));
  response = std::move(recorded);
  return absl::OkStatus();
}

absl::Status CheckIns::List(const Principal& caller,
                            const v1::ListCheckInsRequest& request,
                            v1::ListCheckInsResponse& response) const {
  FieldViolations violations;
  auto name = ParseGuestName("parent", request.parent());
  violations.AddAll(name.status());
  const bool one = request.source() != v1::SOURCE_UNSPECIFIED ||
                   !request.external_id().empty();
  if (one) {
    if (request.source() == v1::SOURCE_UNSPECIFIED) {
      violations.Add("source", "required with external_id");
    } else if (!v1::Source_IsValid(request.source())) {
      violations.Add("source",
                     absl::StrCat(request.source(), " is not a known source"));
    }
    CheckExternalReference(violations, "external_id", request.external_id(),
                           kMaxExternalIdBytes);
  }
  violations.AddAll(ResolvePageSize(request.page_size()).status());
  RETURN_IF_ERROR(violations.ToStatus());
  RETURN_IF_ERROR(caller.RequireTenant(name->organization, request.parent()));
  RETURN_IF_ERROR(ReadExistingGuest(deps_.store, name->organization,
                                    name->guest, request.parent())
                      .status());

  if (one) {
    // A lookup is one page and gives no token: any token is another
    // request's.
    if (!request.page_token().empty()) return PageTokenInvalid();
    ASSIGN_OR_RETURN(
        std::optional<SeenCheckIn> seen,
        ReadSeenCheckIn(
            deps_.store, name->organization,
            storage::CheckInSourceIndexKey(
                name->organization, static_cast<uint32_t>(request.source()),
                request.external_id())));
    if (seen.has_value() && seen->guest_id == name->guest) {
      *response.add_check_ins() = std::move(seen->check_in);
    }
    return absl::OkStatus();
  }

  PageQuery query{
      .family = ColumnFamily::kEntities,
      .prefix = storage::CheckInPrefix(name->organization, name->guest),
      .request_identity = absl::StrCat("ListCheckIns|", request.parent()),
      .page_size = request.page_size(),
      .page_token = request.page_token(),
  };
  ASSIGN_OR_RETURN(*response.mutable_next_page_token(),
                   VisitPage(deps_.store, query,
                             [&](std::string_view, std::string_view value) {
                               return ParseStoredInto(value,
                                                      *response.add_check_ins(),
                                                      "a check-in");
                             }));
  return absl::OkStatus();
}

}  // namespace guestvoice::service
