#ifndef GUESTVOICE_SERVICE_FEEDBACK_INGEST_H_
#define GUESTVOICE_SERVICE_FEEDBACK_INGEST_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "analysis/feedback_analyzer.h"
#include "common/duration_histogram.h"
#include "guestvoice/v1/feedback.pb.h"
#include "guestvoice/v1/feedback_service.pb.h"
#include "service/core/domain_context.h"
#include "service/core/principal.h"
#include "service/feedback/publisher.h"

namespace guestvoice::service {

struct IngestOutcome {
  v1::Feedback feedback;
  // True when the item had been ingested before: `feedback` is the item as
  // stored (its latest edit, if any), and nothing was counted again.
  bool duplicate = false;
  // True when the item had been ingested before and this was a later edit
  // of it (source_edit.h): `feedback` is the item as edited.
  bool edited = false;
};

// A feedback item as Prepare leaves it: checked, analysed and fingerprinted,
// with everything about it that no stored state decides. What is left to
// Apply reads state: whether the item is a duplicate, the hotel's time zone
// (its aggregate day), the author's voice and guest, whether it is a repeat,
// and its id.
struct PreparedFeedback {
  std::string organization;
  std::string hotel_id;
  // The item as it will be stored, but for what Apply sets: name, guest,
  // repeat. Its receive_time, case state change time and update_time are the
  // receive time Prepare read.
  v1::Feedback feedback;
};

// The ingest path shared by IngestFeedback and ImportFeedback, in two steps
// (docs/cluster.md): Prepare validates and analyses, reading no state, so it
// can run anywhere and takes no lock; Apply decides everything that depends
// on state and stores the item, its indexes and its pre-aggregates in one
// WriteBatch, idempotently by (organization, source, external_id). Apply's
// outcome is a function of the store's state, the prepared item and the ids
// it draws from DomainContext::ids: it reads no clock.
class FeedbackIngester {
 public:
  // `analysis_times`, when given, gets the time the analyser took for each
  // item it analysed (every valid item, duplicates and items of unknown
  // hotels too, which are found only later): one steady-clock read pair and
  // a lock-free histogram add per item. It must outlive this.
  FeedbackIngester(DomainContext deps, FeedbackPublisher& publisher,
                   const analysis::FeedbackAnalyzer& analyzer,
                   DurationHistogram* analysis_times = nullptr)
      : deps_(deps),
        publisher_(publisher),
        analyzer_(analyzer),
        analysis_times_(analysis_times) {}

  // IngestFeedback: CheckParent, then Ingest into that organization; a
  // duplicate answers with the item as stored.
  absl::Status Ingest(const Principal& caller,
                      const v1::IngestFeedbackRequest& request,
                      v1::Feedback& response) const;

  // The organization `parent` names, which must be the caller's:
  // INVALID_ARGUMENT (FIELD_INVALID) naming "parent" when malformed,
  // NOT_FOUND for another tenant's. ImportFeedback checks its stream's parent
  // here once, then ingests each item into the organization.
  static absl::StatusOr<std::string> CheckParent(const Principal& caller,
                                                 std::string_view parent);

  // Prepare, then Apply: ingests `input` into `organization`, which
  // CheckParent has returned.
  absl::StatusOr<IngestOutcome> Ingest(std::string_view organization,
                                       const v1::Feedback& input) const;

  // Checks `input` for `organization`, analyses its text and fingerprints it,
  // stamped with the clock's reading as its receive time; no store access.
  // Errors name fields under "feedback.": INVALID_ARGUMENT (FIELD_INVALID)
  // for bad input, NOT_FOUND for a hotel of another organization.
  absl::StatusOr<PreparedFeedback> Prepare(std::string_view organization,
                                           const v1::Feedback& input) const;

  // Stores `prepared` unless an item with its (source, external_id) is stored
  // already, which it then returns as a duplicate, or edits when `prepared`
  // is a later edit of it (source_edit.h); durable (Store::Write) before it
  // returns, and then told to the publisher. NOT_FOUND (naming the hotel)
  // for a hotel that does not exist.
  absl::StatusOr<IngestOutcome> Apply(PreparedFeedback prepared) const;

 private:
  // Apply's new item, under the stripes of its dedupe key and author;
  // `text_digest` is its RepeatFingerprint.
  absl::StatusOr<IngestOutcome> StoreNew(PreparedFeedback prepared,
                                         const absl::TimeZone& zone,
                                         const std::string& author_key,
                                         const std::string& text_digest) const;

  DomainContext deps_;
  FeedbackPublisher& publisher_;
  const analysis::FeedbackAnalyzer& analyzer_;
  DurationHistogram* const analysis_times_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_FEEDBACK_INGEST_H_
