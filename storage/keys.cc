#include "storage/keys.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "storage/key_codec.h"

namespace guestvoice::storage {
namespace {

// Global indexes use the empty scope; see the keyspace in key_codec.h.
constexpr std::string_view kGlobalScope = "";

KeyBuilder Scoped(std::string_view scope, KeyKind kind) {
  KeyBuilder builder;
  builder.AppendString(scope).AppendKind(kind);
  return builder;
}

}  // namespace

std::string SchemaStampKey() { return "schema"; }

std::string OrganizationKey(std::string_view org_id) {
  return Scoped(org_id, KeyKind::kOrganization).Release();
}

std::string OrganizationIndexKey(std::string_view org_id) {
  return Scoped(kGlobalScope, KeyKind::kOrganizationIndex)
      .AppendString(org_id)
      .Release();
}

std::string OrganizationIndexPrefix() {
  return Scoped(kGlobalScope, KeyKind::kOrganizationIndex).Release();
}

absl::StatusOr<std::string_view> OrganizationIdFromIndexKey(
    std::string_view key) {
  const std::string prefix = OrganizationIndexPrefix();
  if (key.substr(0, prefix.size()) != prefix) {
    return absl::DataLossError("not an organization index key");
  }
  KeyReader reader(key.substr(prefix.size()));
  absl::StatusOr<std::string_view> org_id = reader.ReadString();
  if (org_id.ok() && !reader.done()) {
    return absl::DataLossError(absl::StrCat("organization index key has ",
                                            reader.remaining().size(),
                                            " trailing bytes"));
  }
  return org_id;
}

std::string HotelKey(std::string_view org_id, std::string_view hotel_id) {
  return Scoped(org_id, KeyKind::kHotel).AppendString(hotel_id).Release();
}

std::string HotelPrefix(std::string_view org_id) {
  return Scoped(org_id, KeyKind::kHotel).Release();
}

std::string ApiKeyKey(std::string_view org_id, std::string_view key_id) {
  return Scoped(org_id, KeyKind::kApiKey).AppendString(key_id).Release();
}

std::string ApiKeyPrefix(std::string_view org_id) {
  return Scoped(org_id, KeyKind::kApiKey).Release();
}

std::string ApiKeyHashIndexKey(std::string_view sha256_digest) {
  return Scoped(kGlobalScope, KeyKind::kApiKeyHashIndex)
      .AppendString(sha256_digest)
      .Release();
}

std::string GuestKey(std::string_view org_id, std::string_view guest_id) {
  return Scoped(org_id, KeyKind::kGuest).AppendString(guest_id).Release();
}

std::string GuestPrefix(std::string_view org_id) {
  return Scoped(org_id, KeyKind::kGuest).Release();
}

absl::StatusOr<std::string_view> GuestIdFromKey(std::string_view key) {
  KeyReader reader(key);
  RETURN_IF_ERROR(reader.ReadString().status());
  ASSIGN_OR_RETURN(KeyKind kind, reader.ReadKind());
  ASSIGN_OR_RETURN(std::string_view guest_id, reader.ReadString());
  if (kind != KeyKind::kGuest || !reader.done()) {
    return absl::DataLossError("not a guest key");
  }
  return guest_id;
}

std::string StayKey(std::string_view org_id, std::string_view guest_id,
                    int64_t arrival_day, std::string_view stay_id) {
  return Scoped(org_id, KeyKind::kStay)
      .AppendString(guest_id)
      .AppendInt64(arrival_day)
      .AppendString(stay_id)
      .Release();
}

std::string StayPrefix(std::string_view org_id, std::string_view guest_id) {
  return Scoped(org_id, KeyKind::kStay).AppendString(guest_id).Release();
}

std::string CheckInKey(std::string_view org_id, std::string_view guest_id,
                       int64_t local_day, std::string_view check_in_id) {
  return Scoped(org_id, KeyKind::kCheckIn)
      .AppendString(guest_id)
      .AppendInt64(local_day)
      .AppendString(check_in_id)
      .Release();
}

std::string CheckInPrefix(std::string_view org_id, std::string_view guest_id) {
  return Scoped(org_id, KeyKind::kCheckIn).AppendString(guest_id).Release();
}

absl::StatusOr<int64_t> CheckInDayFromKey(std::string_view key) {
  KeyReader reader(key);
  RETURN_IF_ERROR(reader.ReadString().status());
  ASSIGN_OR_RETURN(KeyKind kind, reader.ReadKind());
  RETURN_IF_ERROR(reader.ReadString().status());
  ASSIGN_OR_RETURN(int64_t day, reader.ReadInt64());
  if (kind != KeyKind::kCheckIn)
    return absl::DataLossError("not a check-in key");
  return day;
}

std::string LoyaltyProgramKey(std::string_view org_id) {
  return Scoped(org_id, KeyKind::kLoyaltyProgram).Release();
}

std::string IdentityIndexKey(std::string_view org_id, uint32_t kind,
                             uint32_t source, std::string_view value) {
  return Scoped(org_id, KeyKind::kIdentityIndex)
      .AppendUint32(kind)
      .AppendUint32(source)
      .AppendString(value)
      .Release();
}

std::string StayBookingIndexKey(std::string_view org_id,
                                std::string_view booking_reference) {
  return Scoped(org_id, KeyKind::kStayBookingIndex)
      .AppendString(booking_reference)
      .Release();
}

std::string CheckInSourceIndexKey(std::string_view org_id, uint32_t source,
                                  std::string_view external_id) {
  return Scoped(org_id, KeyKind::kCheckInSourceIndex)
      .AppendUint32(source)
      .AppendString(external_id)
      .Release();
}

std::string HotelGuestIndexKey(std::string_view org_id,
                               std::string_view hotel_id,
                               std::string_view guest_id) {
  return Scoped(org_id, KeyKind::kHotelGuestIndex)
      .AppendString(hotel_id)
      .AppendString(guest_id)
      .Release();
}

std::string HotelGuestIndexPrefix(std::string_view org_id,
                                  std::string_view hotel_id) {
  return Scoped(org_id, KeyKind::kHotelGuestIndex)
      .AppendString(hotel_id)
      .Release();
}

absl::StatusOr<std::string_view> GuestIdFromHotelGuestIndexKey(
    std::string_view key, std::string_view org_id, std::string_view hotel_id) {
  const std::string prefix = HotelGuestIndexPrefix(org_id, hotel_id);
  if (key.substr(0, prefix.size()) != prefix) {
    return absl::DataLossError("not a hotel guest index key of this hotel");
  }
  KeyReader reader(key.substr(prefix.size()));
  ASSIGN_OR_RETURN(std::string_view guest_id, reader.ReadString());
  if (!reader.done()) {
    return absl::DataLossError("hotel guest index key has trailing bytes");
  }
  return guest_id;
}

std::string LoyaltyLedgerKey(std::string_view org_id, std::string_view guest_id,
                             int64_t credit_day, uint32_t entry_kind,
                             std::string_view record_id) {
  return Scoped(org_id, KeyKind::kLoyaltyLedger)
      .AppendString(guest_id)
      .AppendInt64(credit_day)
      .AppendUint32(entry_kind)
      .AppendString(record_id)
      .Release();
}

std::string LoyaltyLedgerPrefix(std::string_view org_id,
                                std::string_view guest_id) {
  return Scoped(org_id, KeyKind::kLoyaltyLedger)
      .AppendString(guest_id)
      .Release();
}

absl::StatusOr<LoyaltyLedgerKeyParts> DecodeLoyaltyLedgerKeySuffix(
    std::string_view suffix) {
  KeyReader reader(suffix);
  LoyaltyLedgerKeyParts parts;
  ASSIGN_OR_RETURN(parts.credit_day, reader.ReadInt64());
  ASSIGN_OR_RETURN(parts.entry_kind, reader.ReadUint32());
  ASSIGN_OR_RETURN(parts.record_id, reader.ReadString());
  if (!reader.done()) {
    return absl::DataLossError("loyalty ledger key has trailing bytes");
  }
  return parts;
}

std::string RequestIdKey(std::string_view org_id, std::string_view method,
                         std::string_view request_id) {
  return Scoped(org_id, KeyKind::kRequest)
      .AppendString(method)
      .AppendString(request_id)
      .Release();
}

std::string FeedbackKey(std::string_view org_id, std::string_view feedback_id) {
  return Scoped(org_id, KeyKind::kFeedback).AppendString(feedback_id).Release();
}

std::string FeedbackPrefix(std::string_view org_id) {
  return Scoped(org_id, KeyKind::kFeedback).Release();
}

std::string FeedbackSourceIndexKey(std::string_view org_id, uint32_t source,
                                   std::string_view external_id) {
  return Scoped(org_id, KeyKind::kFeedbackSourceIndex)
      .AppendUint32(source)
      .AppendString(external_id)
      .Release();
}

std::string FeedbackTimeIndexPrefix(std::string_view org_id) {
  return Scoped(org_id, KeyKind::kFeedbackTimeIndex).Release();
}

std::string FeedbackHotelTimeIndexPrefix(std::string_view org_id,
                                         std::string_view hotel_id) {
  return Scoped(org_id, KeyKind::kFeedbackHotelTimeIndex)
      .AppendString(hotel_id)
      .Release();
}

std::string FeedbackCaseIndexPrefix(std::string_view org_id,
                                    uint32_t case_state) {
  return Scoped(org_id, KeyKind::kFeedbackCaseIndex)
      .AppendUint32(case_state)
      .Release();
}

std::string NewestFirstIndexKey(std::string_view index_prefix,
                                absl::Time post_time,
                                std::string_view feedback_id) {
  std::string key(index_prefix);
  KeyBuilder suffix;
  suffix.AppendNewestFirst(post_time).AppendString(feedback_id);
  return key + suffix.key();
}

std::string NewestFirstStartBefore(std::string_view index_prefix,
                                   absl::Time before) {
  // Keys hold whole microseconds (rounded down), so an entry is older than
  // `before` exactly when its key time is at most one microsecond earlier;
  // every such key extends this position and so sorts after it.
  KeyBuilder suffix;
  suffix.AppendNewestFirst(before - absl::Microseconds(1));
  return std::string(index_prefix) + suffix.key();
}

std::string FeedbackAuthorKey(std::string_view org_id, uint32_t source,
                              std::string_view handle) {
  return Scoped(org_id, KeyKind::kFeedbackAuthor)
      .AppendUint32(source)
      .AppendString(handle)
      .Release();
}

std::string FeedbackAuthorIndexKey(std::string_view org_id,
                                   std::string_view author_voice,
                                   std::string_view feedback_id) {
  return Scoped(org_id, KeyKind::kFeedbackAuthorIndex)
      .AppendString(author_voice)
      .AppendString(feedback_id)
      .Release();
}

std::string FeedbackAuthorIndexPrefix(std::string_view org_id,
                                      std::string_view author_voice) {
  return Scoped(org_id, KeyKind::kFeedbackAuthorIndex)
      .AppendString(author_voice)
      .Release();
}

std::string FeedbackRepeatIndexKey(std::string_view org_id,
                                   std::string_view author_voice,
                                   std::string_view text_digest) {
  return Scoped(org_id, KeyKind::kFeedbackRepeatIndex)
      .AppendString(author_voice)
      .AppendString(text_digest)
      .Release();
}

std::string FeedbackRepeatIndexPrefix(std::string_view org_id,
                                      std::string_view author_voice) {
  return Scoped(org_id, KeyKind::kFeedbackRepeatIndex)
      .AppendString(author_voice)
      .Release();
}

std::string NegativeQuoteKey(std::string_view org_id, std::string_view hotel_id,
                             std::string_view aspect, absl::Time post_time,
                             std::string_view feedback_id,
                             uint32_t mention_index) {
  return Scoped(org_id, KeyKind::kNegativeQuote)
      .AppendString(hotel_id)
      .AppendString(aspect)
      .AppendNewestFirst(post_time)
      .AppendString(feedback_id)
      .AppendUint32(mention_index)
      .Release();
}

std::string NegativeQuotePrefix(std::string_view org_id,
                                std::string_view hotel_id,
                                std::string_view aspect) {
  return Scoped(org_id, KeyKind::kNegativeQuote)
      .AppendString(hotel_id)
      .AppendString(aspect)
      .Release();
}

std::string VoiceDayAggregateKey(std::string_view org_id,
                                 std::string_view hotel_id, int64_t day,
                                 std::string_view voice) {
  return Scoped(org_id, KeyKind::kVoiceDayAggregate)
      .AppendString(hotel_id)
      .AppendInt64(day)
      .AppendString(voice)
      .Release();
}

std::string VoiceDayAggregatePrefix(std::string_view org_id) {
  return Scoped(org_id, KeyKind::kVoiceDayAggregate).Release();
}

std::string VoiceDayAggregateHotelPrefix(std::string_view org_id,
                                         std::string_view hotel_id) {
  return Scoped(org_id, KeyKind::kVoiceDayAggregate)
      .AppendString(hotel_id)
      .Release();
}

std::string VoiceDayAggregateDayPrefix(std::string_view org_id,
                                       std::string_view hotel_id, int64_t day) {
  return Scoped(org_id, KeyKind::kVoiceDayAggregate)
      .AppendString(hotel_id)
      .AppendInt64(day)
      .Release();
}

namespace {

// Checks that `key` starts with `prefix` and returns a reader of the rest.
absl::StatusOr<KeyReader> ReaderAfter(std::string_view key,
                                      const std::string& prefix,
                                      const char* what) {
  if (key.substr(0, prefix.size()) != prefix) {
    return absl::DataLossError(absl::StrCat("not a ", what, " key"));
  }
  return KeyReader(key.substr(prefix.size()));
}

absl::Status ExpectDone(const KeyReader& reader, const char* what) {
  if (reader.done()) return absl::OkStatus();
  return absl::DataLossError(absl::StrCat(
      what, " key has ", reader.remaining().size(), " trailing bytes"));
}

}  // namespace

absl::StatusOr<VoiceDayAggregateId> ParseVoiceDayAggregateKey(
    std::string_view org_id, std::string_view key) {
  constexpr char kWhat[] = "voice-day aggregate";
  absl::StatusOr<KeyReader> reader =
      ReaderAfter(key, VoiceDayAggregatePrefix(org_id), kWhat);
  if (!reader.ok()) return reader.status();
  absl::StatusOr<std::string_view> hotel = reader->ReadString();
  if (!hotel.ok()) return hotel.status();
  absl::StatusOr<int64_t> day = reader->ReadInt64();
  if (!day.ok()) return day.status();
  absl::StatusOr<std::string_view> voice = reader->ReadString();
  if (!voice.ok()) return voice.status();
  if (absl::Status done = ExpectDone(*reader, kWhat); !done.ok()) return done;
  return VoiceDayAggregateId{*hotel, *day, *voice};
}

std::string AspectDayAggregateKey(std::string_view org_id,
                                  std::string_view hotel_id, int64_t day,
                                  std::string_view aspect,
                                  std::string_view voice) {
  return Scoped(org_id, KeyKind::kAspectDayAggregate)
      .AppendString(hotel_id)
      .AppendInt64(day)
      .AppendString(aspect)
      .AppendString(voice)
      .Release();
}

std::string AspectDayAggregatePrefix(std::string_view org_id) {
  return Scoped(org_id, KeyKind::kAspectDayAggregate).Release();
}

std::string AspectDayAggregateHotelPrefix(std::string_view org_id,
                                          std::string_view hotel_id) {
  return Scoped(org_id, KeyKind::kAspectDayAggregate)
      .AppendString(hotel_id)
      .Release();
}

std::string AspectDayAggregateDayPrefix(std::string_view org_id,
                                        std::string_view hotel_id,
                                        int64_t day) {
  return Scoped(org_id, KeyKind::kAspectDayAggregate)
      .AppendString(hotel_id)
      .AppendInt64(day)
      .Release();
}

absl::StatusOr<AspectDayAggregateId> ParseAspectDayAggregateKey(
    std::string_view org_id, std::string_view key) {
  constexpr char kWhat[] = "aspect-day aggregate";
  absl::StatusOr<KeyReader> reader =
      ReaderAfter(key, AspectDayAggregatePrefix(org_id), kWhat);
  if (!reader.ok()) return reader.status();
  absl::StatusOr<std::string_view> hotel = reader->ReadString();
  if (!hotel.ok()) return hotel.status();
  absl::StatusOr<int64_t> day = reader->ReadInt64();
  if (!day.ok()) return day.status();
  absl::StatusOr<std::string_view> aspect = reader->ReadString();
  if (!aspect.ok()) return aspect.status();
  absl::StatusOr<std::string_view> voice = reader->ReadString();
  if (!voice.ok()) return voice.status();
  if (absl::Status done = ExpectDone(*reader, kWhat); !done.ok()) return done;
  return AspectDayAggregateId{*hotel, *day, *aspect, *voice};
}

}  // namespace guestvoice::storage
