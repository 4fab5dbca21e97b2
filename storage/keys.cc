#include "storage/keys.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/absl_view.h"
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

// Reads one key of a known kind front to back, as Scoped and the Append calls
// after it wrote it: the head str(scope) kind, then the parts in layout order,
// then nothing. Every Parse*Key goes through it, so they all fail alike. The
// first failure sticks: later reads leave their outputs alone and End returns
// it.
class KeyParser {
 public:
  // Reads the head and checks the kind; `what` names the kind in errors.
  KeyParser(std::string_view key, KeyKind kind, std::string_view what)
      : reader_(key), what_(what) {
    Read(&KeyReader::ReadString, scope_);
    KeyKind read_kind = kind;
    Read(&KeyReader::ReadKind, read_kind);
    if (read_kind != kind) {
      Fail(absl::StrFormat("kind 0x%02x, expected 0x%02x",
                           static_cast<int>(read_kind),
                           static_cast<int>(kind)));
    }
  }

  // A tenant key's scope is its organization.
  KeyParser& Organization(std::string_view& org_id) {
    org_id = scope_;
    return *this;
  }
  // A global key's scope is empty.
  KeyParser& Global() {
    if (scope_ != kGlobalScope) Fail("an organization scope on a global key");
    return *this;
  }

  KeyParser& String(std::string_view& value) {
    return Read(&KeyReader::ReadString, value);
  }
  KeyParser& Byte(uint8_t& value) { return Read(&KeyReader::ReadByte, value); }
  KeyParser& Int64(int64_t& value) {
    return Read(&KeyReader::ReadInt64, value);
  }
  KeyParser& Uint32(uint32_t& value) {
    return Read(&KeyReader::ReadUint32, value);
  }
  KeyParser& NewestFirst(absl::Time& value) {
    return Read(&KeyReader::ReadNewestFirst, value);
  }

  // OK when every part decoded and the last one ended the key.
  absl::Status End() {
    if (!reader_.done()) {
      const size_t trailing = reader_.remaining().size();
      Fail(absl::StrCat(trailing, trailing == 1 ? " byte" : " bytes",
                        " after the last part"));
    }
    return status_;
  }

 private:
  template <typename T>
  KeyParser& Read(absl::StatusOr<T> (KeyReader::*read)(), T& value) {
    if (!status_.ok()) return *this;
    absl::StatusOr<T> read_value = (reader_.*read)();
    if (read_value.ok()) {
      value = *read_value;
    } else {
      Fail(read_value.status().message());
    }
    return *this;
  }

  void Fail(absl::string_view problem) {
    if (!status_.ok()) return;
    status_ = absl::DataLossError(
        absl::StrCat("undecodable ", AbslView(what_), " key: ", problem));
  }

  KeyReader reader_;
  std::string_view what_;
  std::string_view scope_;
  absl::Status status_;
};

}  // namespace

std::string SchemaStampKey() { return "schema"; }
std::string StoreSecretKey() { return "secret"; }
std::string AppliedPartitionKey(int32_t partition) {
  return absl::StrCat("applied/", partition);
}
std::string ClusterStampKey() { return "cluster"; }

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

absl::StatusOr<OrganizationIndexKeyParts> ParseOrganizationIndexKey(
    std::string_view key) {
  OrganizationIndexKeyParts parts;
  RETURN_IF_ERROR(
      KeyParser(key, KeyKind::kOrganizationIndex, "organization index")
          .Global()
          .String(parts.org_id)
          .End());
  return parts;
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

absl::StatusOr<GuestKeyParts> ParseGuestKey(std::string_view key) {
  GuestKeyParts parts;
  RETURN_IF_ERROR(KeyParser(key, KeyKind::kGuest, "guest")
                      .Organization(parts.org_id)
                      .String(parts.guest_id)
                      .End());
  return parts;
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

absl::StatusOr<CheckInKeyParts> ParseCheckInKey(std::string_view key) {
  CheckInKeyParts parts;
  RETURN_IF_ERROR(KeyParser(key, KeyKind::kCheckIn, "check-in")
                      .Organization(parts.org_id)
                      .String(parts.guest_id)
                      .Int64(parts.local_day)
                      .String(parts.check_in_id)
                      .End());
  return parts;
}

std::string LoyaltyProgramKey(std::string_view org_id) {
  return Scoped(org_id, KeyKind::kLoyaltyProgram).Release();
}

std::string OperationKey(std::string_view org_id,
                         std::string_view operation_id) {
  return Scoped(org_id, KeyKind::kOperation)
      .AppendString(operation_id)
      .Release();
}

std::string OperationPrefix(std::string_view org_id) {
  return Scoped(org_id, KeyKind::kOperation).Release();
}

std::string IdentityIndexKey(std::string_view org_id, uint32_t kind,
                             uint32_t source, std::string_view value) {
  return Scoped(org_id, KeyKind::kIdentityIndex)
      .AppendUint32(kind)
      .AppendUint32(source)
      .AppendString(value)
      .Release();
}

std::string IdentityIndexPrefix(std::string_view org_id, uint32_t kind) {
  return Scoped(org_id, KeyKind::kIdentityIndex).AppendUint32(kind).Release();
}

absl::StatusOr<IdentityIndexKeyParts> ParseIdentityIndexKey(
    std::string_view key) {
  IdentityIndexKeyParts parts;
  RETURN_IF_ERROR(KeyParser(key, KeyKind::kIdentityIndex, "identity index")
                      .Organization(parts.org_id)
                      .Uint32(parts.kind)
                      .Uint32(parts.source)
                      .String(parts.value)
                      .End());
  return parts;
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

absl::StatusOr<HotelGuestIndexKeyParts> ParseHotelGuestIndexKey(
    std::string_view key) {
  HotelGuestIndexKeyParts parts;
  RETURN_IF_ERROR(KeyParser(key, KeyKind::kHotelGuestIndex, "hotel guest index")
                      .Organization(parts.org_id)
                      .String(parts.hotel_id)
                      .String(parts.guest_id)
                      .End());
  return parts;
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

absl::StatusOr<LoyaltyLedgerKeyParts> ParseLoyaltyLedgerKey(
    std::string_view key) {
  LoyaltyLedgerKeyParts parts;
  RETURN_IF_ERROR(KeyParser(key, KeyKind::kLoyaltyLedger, "loyalty ledger")
                      .Organization(parts.org_id)
                      .String(parts.guest_id)
                      .Int64(parts.credit_day)
                      .Uint32(parts.entry_kind)
                      .String(parts.record_id)
                      .End());
  return parts;
}

std::string RequestIdKey(std::string_view org_id, std::string_view method,
                         std::string_view request_id) {
  return Scoped(org_id, KeyKind::kRequest)
      .AppendString(method)
      .AppendString(request_id)
      .Release();
}

absl::StatusOr<RequestIdKeyParts> ParseRequestIdKey(std::string_view key) {
  RequestIdKeyParts parts;
  RETURN_IF_ERROR(KeyParser(key, KeyKind::kRequest, "request id")
                      .Organization(parts.org_id)
                      .String(parts.method)
                      .String(parts.request_id)
                      .End());
  return parts;
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
  // Keys hold whole microseconds (rounded down): an entry may be older than
  // `before` exactly when its key time is earlier than `before` rounded up to
  // a whole microsecond, and every such key extends this position and so
  // sorts after it.
  const absl::Time whole_before =
      absl::UnixEpoch() +
      absl::Ceil(before - absl::UnixEpoch(), absl::Microseconds(1));
  KeyBuilder suffix;
  suffix.AppendNewestFirst(whole_before - absl::Microseconds(1));
  return std::string(index_prefix) + suffix.key();
}

std::string FeedbackAuthorKey(std::string_view org_id, uint32_t source,
                              std::string_view handle) {
  return Scoped(org_id, KeyKind::kFeedbackAuthor)
      .AppendUint32(source)
      .AppendString(handle)
      .Release();
}

std::string FeedbackAuthorPrefix(std::string_view org_id) {
  return Scoped(org_id, KeyKind::kFeedbackAuthor).Release();
}

absl::StatusOr<FeedbackAuthorKeyParts> ParseFeedbackAuthorKey(
    std::string_view key) {
  FeedbackAuthorKeyParts parts;
  RETURN_IF_ERROR(KeyParser(key, KeyKind::kFeedbackAuthor, "feedback author")
                      .Organization(parts.org_id)
                      .Uint32(parts.source)
                      .String(parts.handle)
                      .End());
  return parts;
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

absl::StatusOr<NegativeQuoteKeyParts> ParseNegativeQuoteKey(
    std::string_view key) {
  NegativeQuoteKeyParts parts;
  RETURN_IF_ERROR(KeyParser(key, KeyKind::kNegativeQuote, "negative quote")
                      .Organization(parts.org_id)
                      .String(parts.hotel_id)
                      .String(parts.aspect)
                      .NewestFirst(parts.post_time)
                      .String(parts.feedback_id)
                      .Uint32(parts.mention_index)
                      .End());
  return parts;
}

bool IsNegativeQuoteKey(std::string_view key) {
  KeyReader reader(key);
  if (!reader.ReadString().ok()) return false;
  const absl::StatusOr<KeyKind> kind = reader.ReadKind();
  return kind.ok() && *kind == KeyKind::kNegativeQuote;
}

std::string AttentionIndexKey(std::string_view org_id, uint32_t band_rank,
                              int64_t day_rank, int64_t severity_rank,
                              absl::Time post_time,
                              std::string_view feedback_id) {
  return Scoped(org_id, KeyKind::kAttentionIndex)
      .AppendUint32(band_rank)
      .AppendInt64(day_rank)
      .AppendInt64(severity_rank)
      .AppendNewestFirst(post_time)
      .AppendString(feedback_id)
      .Release();
}

std::string AttentionIndexPrefix(std::string_view org_id) {
  return Scoped(org_id, KeyKind::kAttentionIndex).Release();
}

std::string AttentionIndexGroupStart(std::string_view org_id,
                                     uint32_t band_rank, int64_t day_rank) {
  // Every entry of the group extends these bytes, so sorts after them.
  return Scoped(org_id, KeyKind::kAttentionIndex)
      .AppendUint32(band_rank)
      .AppendInt64(day_rank)
      .Release();
}

absl::StatusOr<AttentionIndexKeyParts> ParseAttentionIndexKey(
    std::string_view key) {
  AttentionIndexKeyParts parts;
  RETURN_IF_ERROR(KeyParser(key, KeyKind::kAttentionIndex, "attention index")
                      .Organization(parts.org_id)
                      .Uint32(parts.band_rank)
                      .Int64(parts.day_rank)
                      .Int64(parts.severity_rank)
                      .NewestFirst(parts.post_time)
                      .String(parts.feedback_id)
                      .End());
  return parts;
}

namespace {

KeyKind BlockKind(AggregateTable table) {
  return table == AggregateTable::kVoices ? KeyKind::kVoiceBlock
                                          : KeyKind::kAspectBlock;
}

}  // namespace

std::string AggregateBlockKey(std::string_view org_id, AggregateTable table,
                              std::string_view hotel_id, AggregatePeriod period,
                              int64_t first_day) {
  return Scoped(org_id, BlockKind(table))
      .AppendString(hotel_id)
      .AppendByte(static_cast<uint8_t>(period))
      .AppendInt64(first_day)
      .Release();
}

std::string AggregateBlockOrganizationPrefix(std::string_view org_id,
                                             AggregateTable table) {
  return Scoped(org_id, BlockKind(table)).Release();
}

std::string AggregateBlockPrefix(std::string_view org_id, AggregateTable table,
                                 std::string_view hotel_id,
                                 AggregatePeriod period) {
  return Scoped(org_id, BlockKind(table))
      .AppendString(hotel_id)
      .AppendByte(static_cast<uint8_t>(period))
      .Release();
}

absl::StatusOr<AggregateBlockKeyParts> ParseAggregateBlockKey(
    std::string_view key) {
  AggregateBlockKeyParts parts;
  // The kind byte says which table; the parser then checks it like any kind.
  KeyReader head(key);
  const bool aspects =
      head.ReadString().ok() &&
      head.ReadKind().value_or(KeyKind::kVoiceBlock) == KeyKind::kAspectBlock;
  parts.table = aspects ? AggregateTable::kAspects : AggregateTable::kVoices;
  uint8_t period = 0;
  RETURN_IF_ERROR(KeyParser(key, BlockKind(parts.table), "aggregate block")
                      .Organization(parts.org_id)
                      .String(parts.hotel_id)
                      .Byte(period)
                      .Int64(parts.first_day)
                      .End());
  if (period > static_cast<uint8_t>(AggregatePeriod::kMonth)) {
    return absl::DataLossError(
        absl::StrCat("undecodable aggregate block key: period ", period));
  }
  parts.period = static_cast<AggregatePeriod>(period);
  return parts;
}

}  // namespace guestvoice::storage
