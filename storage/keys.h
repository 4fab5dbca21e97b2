#ifndef GUESTVOICE_STORAGE_KEYS_H_
#define GUESTVOICE_STORAGE_KEYS_H_

// The only way keys are made: one small function per record kind, laid out as
// drawn in storage/key_codec.h. Ids are taken as given; the service validates
// them (non-empty, bounded) before they reach here. Each comment names the
// column family the key belongs to.
//
// Keys are read back only through one Parse<Kind>Key for each kind that is
// decoded. Its <Kind>KeyParts hold views into the key (which must outlive
// them), the organization id included. Every parser decodes the whole key and
// fails alike, with DATA_LOSS "undecodable <kind> key: <what is wrong>", on a
// key of another kind, a truncated key and bytes after the last part. A caller
// that must know whose key it holds compares org_id itself.

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace guestvoice::storage {

// default: the schema stamp (storage/schema_stamp.h).
std::string SchemaStampKey();
// default: the store's secret (Store::secret).
std::string StoreSecretKey();
// default: cluster mode, how far the state has applied `partition` of the
// command topic (a PartitionProgress record, service/cluster).
std::string AppliedPartitionKey(int32_t partition);
// default: cluster mode, the Kafka cluster the state belongs to (a
// ClusterStamp record, service/cluster/cluster_stamp.h).
std::string ClusterStampKey();

// entities: an organization's own record.
std::string OrganizationKey(std::string_view org_id);
// indexes: one entry per organization, so organizations can be listed.
std::string OrganizationIndexKey(std::string_view org_id);
// indexes: the prefix of every OrganizationIndexKey.
std::string OrganizationIndexPrefix();
struct OrganizationIndexKeyParts {
  std::string_view org_id;
};
absl::StatusOr<OrganizationIndexKeyParts> ParseOrganizationIndexKey(
    std::string_view key);

// entities: a hotel, and the prefix of all hotels of one organization.
std::string HotelKey(std::string_view org_id, std::string_view hotel_id);
std::string HotelPrefix(std::string_view org_id);

// entities: an API key record, and the prefix of one organization's keys.
std::string ApiKeyKey(std::string_view org_id, std::string_view key_id);
std::string ApiKeyPrefix(std::string_view org_id);
// indexes: global (not org-scoped) entry from the SHA-256 digest of an API
// key's secret to its owner; the only way to find the organization of a
// request before it is authenticated.
std::string ApiKeyHashIndexKey(std::string_view sha256_digest);

// entities: a guest, and the prefix of all guests of one organization.
std::string GuestKey(std::string_view org_id, std::string_view guest_id);
std::string GuestPrefix(std::string_view org_id);
struct GuestKeyParts {
  std::string_view org_id;
  std::string_view guest_id;
};
absl::StatusOr<GuestKeyParts> ParseGuestKey(std::string_view key);

// entities: a stay by guest and arrival day (days since 1970-01-01), and the
// prefix of one guest's stays.
std::string StayKey(std::string_view org_id, std::string_view guest_id,
                    int64_t arrival_day, std::string_view stay_id);
std::string StayPrefix(std::string_view org_id, std::string_view guest_id);

// entities: a check-in by guest and hotel-local day, and the prefix of one
// guest's check-ins.
std::string CheckInKey(std::string_view org_id, std::string_view guest_id,
                       int64_t local_day, std::string_view check_in_id);
std::string CheckInPrefix(std::string_view org_id, std::string_view guest_id);
struct CheckInKeyParts {
  std::string_view org_id;
  std::string_view guest_id;
  int64_t local_day = 0;
  std::string_view check_in_id;
};
absl::StatusOr<CheckInKeyParts> ParseCheckInKey(std::string_view key);

// entities: the organization's loyalty program.
std::string LoyaltyProgramKey(std::string_view org_id);

// entities: a long-running operation, and the prefix of one organization's.
// Operation ids sort in creation order (the service makes them so).
std::string OperationKey(std::string_view org_id,
                         std::string_view operation_id);
std::string OperationPrefix(std::string_view org_id);

// indexes: the guest an identity belongs to; `kind` and `source` are the
// IdentityKind and Source enum numbers, `value` the normalised value.
std::string IdentityIndexKey(std::string_view org_id, uint32_t kind,
                             uint32_t source, std::string_view value);
std::string IdentityIndexPrefix(std::string_view org_id, uint32_t kind);
struct IdentityIndexKeyParts {
  std::string_view org_id;
  uint32_t kind = 0;
  uint32_t source = 0;
  std::string_view value;
};
absl::StatusOr<IdentityIndexKeyParts> ParseIdentityIndexKey(
    std::string_view key);
// indexes: the stay recorded under a booking reference.
std::string StayBookingIndexKey(std::string_view org_id,
                                std::string_view booking_reference);
// indexes: the check-in recorded under (source, external id).
std::string CheckInSourceIndexKey(std::string_view org_id, uint32_t source,
                                  std::string_view external_id);
// indexes: a guest with a stay at a hotel, and the prefix of a hotel's
// guests.
std::string HotelGuestIndexKey(std::string_view org_id,
                               std::string_view hotel_id,
                               std::string_view guest_id);
std::string HotelGuestIndexPrefix(std::string_view org_id,
                                  std::string_view hotel_id);
struct HotelGuestIndexKeyParts {
  std::string_view org_id;
  std::string_view hotel_id;
  std::string_view guest_id;
};
absl::StatusOr<HotelGuestIndexKeyParts> ParseHotelGuestIndexKey(
    std::string_view key);

// indexes: one loyalty ledger entry (a stay or check-in as status
// computation reads it) by guest and the day it counts, and the prefix of one
// guest's ledger. `entry_kind` tells stays from check-ins.
std::string LoyaltyLedgerKey(std::string_view org_id, std::string_view guest_id,
                             int64_t credit_day, uint32_t entry_kind,
                             std::string_view record_id);
std::string LoyaltyLedgerPrefix(std::string_view org_id,
                                std::string_view guest_id);
struct LoyaltyLedgerKeyParts {
  std::string_view org_id;
  std::string_view guest_id;
  int64_t credit_day = 0;
  uint32_t entry_kind = 0;
  std::string_view record_id;
};
absl::StatusOr<LoyaltyLedgerKeyParts> ParseLoyaltyLedgerKey(
    std::string_view key);

// requests: the idempotency record of one request_id of one method.
std::string RequestIdKey(std::string_view org_id, std::string_view method,
                         std::string_view request_id);
struct RequestIdKeyParts {
  std::string_view org_id;
  std::string_view method;
  std::string_view request_id;
};
absl::StatusOr<RequestIdKeyParts> ParseRequestIdKey(std::string_view key);

// feedback: a feedback item (StoredFeedback), and the prefix of all of one
// organization's.
std::string FeedbackKey(std::string_view org_id, std::string_view feedback_id);
std::string FeedbackPrefix(std::string_view org_id);
// feedback: (source, external id) -> feedback id, for idempotent ingest.
std::string FeedbackSourceIndexKey(std::string_view org_id, uint32_t source,
                                   std::string_view external_id);
// feedback: newest-first indexes of feedback ids by post time: the whole
// organization, one hotel, one case state. Keys are prefix + t-desc(post
// time) + str(feedback id).
std::string FeedbackTimeIndexPrefix(std::string_view org_id);
std::string FeedbackHotelTimeIndexPrefix(std::string_view org_id,
                                         std::string_view hotel_id);
std::string FeedbackCaseIndexPrefix(std::string_view org_id,
                                    uint32_t case_state);
// One entry of any of the three indexes above.
std::string NewestFirstIndexKey(std::string_view index_prefix,
                                absl::Time post_time,
                                std::string_view feedback_id);
// A Scan start_after for a newest-first index under `index_prefix` that skips
// every entry posted at or after `before` and keeps every earlier one. Keys
// hold whole microseconds (rounded down), so when `before` is not a whole
// microsecond the entries of its own microsecond are kept too, and a caller
// with such a bound checks their exact times.
std::string NewestFirstStartBefore(std::string_view index_prefix,
                                   absl::Time before);
// feedback: the author record of (source, handle) (personal data).
std::string FeedbackAuthorKey(std::string_view org_id, uint32_t source,
                              std::string_view handle);
std::string FeedbackAuthorPrefix(std::string_view org_id);
struct FeedbackAuthorKeyParts {
  std::string_view org_id;
  uint32_t source = 0;
  std::string_view handle;
};
absl::StatusOr<FeedbackAuthorKeyParts> ParseFeedbackAuthorKey(
    std::string_view key);
// feedback: an author's feedback ids, by author voice id.
std::string FeedbackAuthorIndexKey(std::string_view org_id,
                                   std::string_view author_voice,
                                   std::string_view feedback_id);
std::string FeedbackAuthorIndexPrefix(std::string_view org_id,
                                      std::string_view author_voice);
// feedback: (author voice, digest of normalised text) -> first feedback id.
std::string FeedbackRepeatIndexKey(std::string_view org_id,
                                   std::string_view author_voice,
                                   std::string_view text_digest);
std::string FeedbackRepeatIndexPrefix(std::string_view org_id,
                                      std::string_view author_voice);
// feedback: a negative aspect clause, newest first per (hotel, aspect); the
// value is a v1.AspectMention.
std::string NegativeQuoteKey(std::string_view org_id, std::string_view hotel_id,
                             std::string_view aspect, absl::Time post_time,
                             std::string_view feedback_id,
                             uint32_t mention_index);
std::string NegativeQuotePrefix(std::string_view org_id,
                                std::string_view hotel_id,
                                std::string_view aspect);
struct NegativeQuoteKeyParts {
  std::string_view org_id;
  std::string_view hotel_id;
  std::string_view aspect;
  // Whole microseconds, as the key holds them.
  absl::Time post_time;
  std::string_view feedback_id;
  uint32_t mention_index = 0;
};
absl::StatusOr<NegativeQuoteKeyParts> ParseNegativeQuoteKey(
    std::string_view key);
// Whether a feedback-family key is a negative quote's: a look at its head
// only, cheap enough for every key a write holds (ParseNegativeQuoteKey
// builds an error for every other kind).
bool IsNegativeQuoteKey(std::string_view key);
// feedback: the open negative items the attention queue lists, in its
// order as far as an item alone decides it; the value is the item's hotel id.
// The ranks are the queue's (service/feedback/attention_index.h): lower
// ranks come first. Entries of one (band rank, day rank) form a group, the
// unit a queue page sorts by loyalty tier.
std::string AttentionIndexKey(std::string_view org_id, uint32_t band_rank,
                              int64_t day_rank, int64_t severity_rank,
                              absl::Time post_time,
                              std::string_view feedback_id);
std::string AttentionIndexPrefix(std::string_view org_id);
// A Scan start_after that skips the groups before (band rank, day rank) and
// keeps that group and every later one.
std::string AttentionIndexGroupStart(std::string_view org_id,
                                     uint32_t band_rank, int64_t day_rank);
struct AttentionIndexKeyParts {
  std::string_view org_id;
  uint32_t band_rank = 0;
  int64_t day_rank = 0;
  int64_t severity_rank = 0;
  // Whole microseconds, as the key holds them.
  absl::Time post_time;
  std::string_view feedback_id;
};
absl::StatusOr<AttentionIndexKeyParts> ParseAttentionIndexKey(
    std::string_view key);

// aggregates: the counter tables (storage/counter_table.h) of one hotel and
// period; service/feedback/aggregates.h has their entries and slots. Persisted
// numbers: never renumber.
enum class AggregateTable : uint8_t {
  kVoices = 0,   // entry per voice
  kAspects = 1,  // entry per (aspect, voice)
};
enum class AggregatePeriod : uint8_t {
  kDay = 0,    // a hotel-local calendar day
  kMonth = 1,  // a hotel-local calendar month
};
// A period is named by its first day, as days since 1970-01-01.
std::string AggregateBlockKey(std::string_view org_id, AggregateTable table,
                              std::string_view hotel_id, AggregatePeriod period,
                              int64_t first_day);
// The prefix of every block of one table of an organization.
std::string AggregateBlockOrganizationPrefix(std::string_view org_id,
                                             AggregateTable table);
// The prefix of one hotel's blocks of one table and period, which sort by
// first day.
std::string AggregateBlockPrefix(std::string_view org_id, AggregateTable table,
                                 std::string_view hotel_id,
                                 AggregatePeriod period);
struct AggregateBlockKeyParts {
  std::string_view org_id;
  AggregateTable table = AggregateTable::kVoices;
  std::string_view hotel_id;
  AggregatePeriod period = AggregatePeriod::kDay;
  int64_t first_day = 0;
};
absl::StatusOr<AggregateBlockKeyParts> ParseAggregateBlockKey(
    std::string_view key);

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_STORAGE_KEYS_H_
