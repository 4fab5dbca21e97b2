#ifndef GUESTVOICE_STORAGE_KEY_CODEC_H_
#define GUESTVOICE_STORAGE_KEY_CODEC_H_

// The one key codec: order-preserving encodings for every key guestvoice
// stores. Keys are built only through the named functions in storage/keys.h;
// this header owns the byte-level encodings and the map of the keyspace.
//
// THE KEYSPACE
// ============
// Notation: str(x) = AppendString(x): uint16 big-endian length, then the bytes
// (0xFFFF escapes to a uint32 length for the rare longer string); kind = one
// KeyKind byte; u64 = AppendUint64; t-desc = AppendNewestFirst.
//
// Every key outside the "default" family starts with  str(scope) kind.
// The scope is the organization id for tenant data, and the empty string for
// the few global indexes (ids are never empty, so no tenant shares the global
// scope). Consequences: one organization's records of one kind are a single
// contiguous range (listing, export and erasure are prefix scans); keys of
// different organizations cannot interleave, because str() is prefix-free
// ("ab" is never a prefix of "abc" once length-prefixed); and a kind byte
// always says what a key is, whichever family it sits in.
//
// clang-format off
//  family      key                                              value
//  ----------  -----------------------------------------------  --------------
//  default     "schema" (plain bytes, no codec)                 SchemaStamp
//              "secret" (plain bytes, no codec)                 32 random bytes
//  entities    str(org) kOrganization                           Organization
//              str(org) kHotel str(hotel_id)                    Hotel
//              str(org) kApiKey str(key_id)                     ApiKey
//              str(org) kGuest str(guest_id)                    StoredGuest
//              str(org) kStay str(guest_id) i64(arrival day) str(stay_id)
//                                                Stay: a guest's stays by date
//              str(org) kCheckIn str(guest_id) i64(local day)
//                str(check_in_id)                CheckIn: a guest's check-ins
//              str(org) kLoyaltyProgram                          LoyaltyProgram
//              str(org) kOperation str(operation_id)            StoredOperation
//  indexes     str("") kOrganizationIndex str(org)              (empty): lists organizations
//              str("") kApiKeyHashIndex str(sha256(secret))     StoredApiKey
//              str(org) kIdentityIndex u32(kind) u32(source) str(value)
//                                                guest id: LookupGuest
//              str(org) kStayBookingIndex str(booking_reference)
//                                                StayLocator: idempotency
//              str(org) kCheckInSourceIndex u32(source) str(external_id)
//                                                CheckInLocator: idempotency
//              str(org) kHotelGuestIndex str(hotel) str(guest_id)
//                                                (empty): guests by hotel
//              str(org) kLoyaltyLedger str(guest_id) i64(credit day)
//                u32(entry kind) str(record id)  u32 nights, i64 spend units,
//                                                str(currency): status input
//  feedback    (kinds 0x80-0x9F)
//              str(org) kFeedback str(feedback_id)              StoredFeedback
//              str(org) kFeedbackSourceIndex u32(source) str(external_id)
//                                                feedback id: ingest dedupe
//              str(org) kFeedbackTimeIndex t-desc(post) str(feedback_id)
//                                                feedback id: newest first
//              str(org) kFeedbackHotelTimeIndex str(hotel) t-desc(post)
//                str(feedback_id)                feedback id: per hotel
//              str(org) kFeedbackCaseIndex u32(case state) t-desc(post)
//                str(feedback_id)                feedback id: per case state
//                                                other than OPEN (schema 4)
//              str(org) kFeedbackAuthor u32(source) str(handle)
//                                                FeedbackAuthor (personal)
//              str(org) kFeedbackAuthorIndex str(author voice)
//                str(feedback_id)                feedback id: an author's items
//              str(org) kFeedbackRepeatIndex str(author voice)
//                str(sha256(normalised text))    feedback id: repeat detection
//              str(org) kNegativeQuote str(hotel) str(aspect) t-desc(post)
//                str(feedback_id) u32(mention)   AspectMention: recent
//                                                negative clauses (top issues)
//              str(org) kAttentionIndex u32(band rank) i64(day rank)
//                i64(severity rank) t-desc(post) str(feedback_id)
//                                                hotel id: the attention
//                                                queue's items (schema 5;
//                                                low ratings too from 6)
//  aggregates  (kinds 0xA0-0xBF, counter tables: CounterTableMergeOperator)
//              str(org) kVoiceBlock str(hotel) u8(period) i64(first day)
//                voice -> [feedback, sentiment sum, rated, rating sum]
//              str(org) kAspectBlock str(hotel) u8(period) i64(first day)
//                str(aspect) voice -> [mentions, sentiment sum, negative]
//  requests    str(org) kRequest str(method) str(request_id)
//                                                RequestRecord (idempotency)
// clang-format on
//
// Pre-aggregates (service/feedback/aggregates.h has the slot layout and the
// fixed-point scale): blocks of one hotel, one per hotel-local calendar day
// and one per calendar month (period 0 and 1, named by the first day as days
// since 1970-01-01), each a counter table with an entry per voice (or per
// aspect and voice) that posted in it. An interval's figures come from the
// month blocks of the months it covers whole and, at each end, day blocks
// (added, or subtracted from their month): a bounded number of point reads
// per hotel, however long the history.
// Re-attribution subtracts from one voice and adds to another; an entry that
// sums to zero disappears from the table. Repeats contribute nothing.
//
// The API-key hash index is the one global index with tenant data: a request
// is authenticated before its organization is known, so the lookup cannot be
// scoped by organization.
//
// Sort order: integers and times sort numerically; AppendNewestFirst sorts
// the newest time first (for "latest N" scans); strings sort by (length,
// bytes), which is a stable order for pagination but not alphabetical.

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace guestvoice::storage {

// The tag byte of each record kind. Values are persisted: never renumber or
// reuse one. Ranges keep each family's kinds together so a raw dump reads
// well; later issues add their kinds inside their family's range.
enum class KeyKind : uint8_t {
  // entities: 0x01-0x3F
  kOrganization = 0x01,
  kHotel = 0x02,
  kApiKey = 0x03,
  // LoyaltyService: 0x10-0x1F
  kGuest = 0x10,
  kStay = 0x11,
  kCheckIn = 0x12,
  kLoyaltyProgram = 0x13,
  // Long-running operations: 0x20-0x2F
  kOperation = 0x20,
  // indexes: 0x40-0x7F
  kOrganizationIndex = 0x40,
  kApiKeyHashIndex = 0x41,
  // LoyaltyService: 0x50-0x5F
  kIdentityIndex = 0x50,
  kStayBookingIndex = 0x51,
  kCheckInSourceIndex = 0x52,
  kHotelGuestIndex = 0x53,
  kLoyaltyLedger = 0x54,
  // feedback: 0x80-0x9F
  kFeedback = 0x80,
  kFeedbackSourceIndex = 0x81,
  kFeedbackTimeIndex = 0x82,
  kFeedbackHotelTimeIndex = 0x83,
  kFeedbackCaseIndex = 0x84,
  kFeedbackAuthor = 0x85,
  kFeedbackAuthorIndex = 0x86,
  kFeedbackRepeatIndex = 0x87,
  kNegativeQuote = 0x88,
  kAttentionIndex = 0x89,
  // aggregates: 0xA0-0xBF
  // 0xA0 and 0xA1 held one key per (hotel, day, voice) and (hotel, day,
  // aspect, voice) until schema 2 packed them into blocks: retired.
  kVoiceBlock = 0xA2,
  kAspectBlock = 0xA3,
  // requests: 0xC0-0xDF
  kRequest = 0xC0,
};

// Appends order-preserving encodings: for any two values a < b of one type,
// the bytes appended for a compare (memcmp) below those for b.
class KeyBuilder {
 public:
  KeyBuilder() = default;

  KeyBuilder& AppendByte(uint8_t value);
  KeyBuilder& AppendKind(KeyKind kind);
  KeyBuilder& AppendUint32(uint32_t value);
  KeyBuilder& AppendUint64(uint64_t value);
  // Flips the sign bit so negative values sort below positive ones.
  KeyBuilder& AppendInt64(int64_t value);
  // Any length is accepted: lengths below 0xFFFF take two bytes, longer ones
  // are escaped as 0xFFFF followed by a uint32 length. Embedded NULs are fine.
  KeyBuilder& AppendString(std::string_view value);
  // Newest first: the complement of the order-preserving microseconds since
  // the Unix epoch. Sub-microsecond precision is dropped; infinite times
  // saturate to the int64 range.
  KeyBuilder& AppendNewestFirst(absl::Time time);
  // IEEE-754 bits with the sign bit flipped for positives and all bits flipped
  // for negatives: -inf < finite < +inf, and -0.0 sorts just below +0.0.
  // NaNs sort outside the infinities; don't key on NaN.
  KeyBuilder& AppendDouble(double value);

  const std::string& key() const { return key_; }
  std::string Release() { return std::move(key_); }

 private:
  std::string key_;
};

// Decodes what KeyBuilder wrote, front to back. The caller must know the
// layout (the keys.h functions do). Truncated or malformed input yields a
// DATA_LOSS status, because the bytes decoded come from the store; a caller
// decoding untrusted input (e.g. a client's page token) maps it to
// INVALID_ARGUMENT. Reading never goes past the end of the input.
class KeyReader {
 public:
  explicit KeyReader(std::string_view key) : remaining_(key) {}
  // The reader keeps a view of the key: a temporary would dangle.
  explicit KeyReader(std::string&& key) = delete;

  absl::StatusOr<uint8_t> ReadByte();
  absl::StatusOr<KeyKind> ReadKind();
  absl::StatusOr<uint32_t> ReadUint32();
  absl::StatusOr<uint64_t> ReadUint64();
  absl::StatusOr<int64_t> ReadInt64();
  // The view points into the key given to the constructor.
  absl::StatusOr<std::string_view> ReadString();
  absl::StatusOr<absl::Time> ReadNewestFirst();
  absl::StatusOr<double> ReadDouble();

  bool done() const { return remaining_.empty(); }
  std::string_view remaining() const { return remaining_; }

 private:
  absl::StatusOr<std::string_view> Take(size_t size, const char* what);

  std::string_view remaining_;
  size_t consumed_ = 0;
};

// The smallest key greater than every key that starts with `prefix`, for
// ReadOptions::iterate_upper_bound; "" when no such key exists (an empty
// prefix or one of only 0xFF bytes), meaning "no upper bound".
std::string PrefixSuccessor(std::string_view prefix);

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_STORAGE_KEY_CODEC_H_
