#ifndef GUESTVOICE_SERVICE_FEEDBACK_ATTENTION_INDEX_H_
#define GUESTVOICE_SERVICE_FEEDBACK_ATTENTION_INDEX_H_

// The attention index: one entry per item the attention queue lists (open,
// negative as JudgedSentiment tells, not a repeat, its author not erased),
// keyed in the queue's order as far as the item alone decides it
// (storage/keys.h AttentionIndexKey): severity band, hotel-local day, exact
// severity, post time, id. The
// author's loyalty tier, which the queue ranks between day and severity,
// changes with the guest's stays, so it is read when a page is listed
// (service/insights/attention.h).
//
// The index holds only the queue, so a page reads its own entries and the
// groups they sit in, not the organization's history. Whatever changes what
// an item's entry depends on (its case state, its analysis, its rating,
// which an edit at the source changes, its author's handle, which erasure
// clears) deletes the entry
// first and puts it again after the change; a put or delete of an item that
// does not need attention writes nothing.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "guestvoice/internal/v1/records.pb.h"
#include "storage/write_batch.h"

namespace guestvoice::service {

// How the item's guest felt, on the compound scale (-1..1), as the attention
// queue and the guests at risk judge it: the text's compound when it was
// scored; else its rating mapped onto that scale (2 * normalized_value - 1:
// 1 of 1..5 is -1, 2 of 5 is -0.5, the middle of the scale 0), so that a low
// rating is heard when no words could be read (a rating without words, a
// language without an analyser); nullopt when there is neither.
std::optional<double> JudgedSentiment(const v1::Feedback& feedback);

// Whether JudgedSentiment is negative (<= kNegativeThreshold).
bool IsJudgedNegative(const v1::Feedback& feedback);

// Whether the queue lists the item.
bool NeedsAttention(const internal::v1::StoredFeedback& item);

// How severe a negative item is: -JudgedSentiment, clamped to 0..1.
double AttentionSeverity(const internal::v1::StoredFeedback& item);

// The item's place in the queue as far as it alone decides it: lower ranks
// come first.
struct AttentionRanks {
  // The severity band in tenths, most severe first: items within one band
  // count as equally severe, so recency and loyalty decide among them.
  uint32_t band_rank = 0;
  // The hotel-local day, newest first.
  int64_t day_rank = 0;
  // The exact severity (fixed point), most severe first.
  int64_t severity_rank = 0;
};
AttentionRanks AttentionRanksOf(const internal::v1::StoredFeedback& item);

// The item's entry, whether or not it needs attention.
std::string AttentionEntryKey(std::string_view organization,
                              const internal::v1::StoredFeedback& item);

// Puts, or deletes, the item's entry if it needs attention; otherwise does
// nothing.
void PutAttentionEntry(storage::WriteBatch& batch,
                       std::string_view organization,
                       const internal::v1::StoredFeedback& item);
void DeleteAttentionEntry(storage::WriteBatch& batch,
                          std::string_view organization,
                          const internal::v1::StoredFeedback& item);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_FEEDBACK_ATTENTION_INDEX_H_
