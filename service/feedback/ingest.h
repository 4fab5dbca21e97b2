#ifndef GUESTVOICE_SERVICE_FEEDBACK_INGEST_H_
#define GUESTVOICE_SERVICE_FEEDBACK_INGEST_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
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
  // stored first, and nothing was counted again.
  bool duplicate = false;
};

// The ingest path shared by IngestFeedback and ImportFeedback: validate,
// analyse, then store the item, its indexes and its pre-aggregates in one
// WriteBatch, idempotently by (organization, source, external_id). Returns
// only once the batch is durable (Store::Write), then tells the publisher.
class FeedbackIngester {
 public:
  // `analysis_times`, when given, gets the time the analyser took for each
  // item it analysed (every valid item of a known hotel, duplicates too):
  // one steady-clock read pair and a lock-free histogram add per item. It
  // must outlive this.
  FeedbackIngester(DomainContext deps, FeedbackPublisher& publisher,
                   const analysis::FeedbackAnalyzer& analyzer,
                   DurationHistogram* analysis_times = nullptr)
      : deps_(deps),
        publisher_(publisher),
        analyzer_(analyzer),
        analysis_times_(analysis_times) {}

  // IngestFeedback: CheckParent, then Ingest into that organization; a
  // duplicate answers with the item as stored first.
  absl::Status Ingest(const Principal& caller,
                      const v1::IngestFeedbackRequest& request,
                      v1::Feedback& response) const;

  // The organization `parent` names, which must be the caller's:
  // INVALID_ARGUMENT (FIELD_INVALID) naming "parent" when malformed,
  // NOT_FOUND for another tenant's. ImportFeedback checks its stream's parent
  // here once, then ingests each item into the organization.
  static absl::StatusOr<std::string> CheckParent(const Principal& caller,
                                                 std::string_view parent);

  // Ingests `input` into `organization`, which CheckParent has returned.
  // Errors name fields under "feedback.": INVALID_ARGUMENT (FIELD_INVALID)
  // for bad input, NOT_FOUND for an unknown hotel.
  absl::StatusOr<IngestOutcome> Ingest(std::string_view organization,
                                       const v1::Feedback& input) const;

 private:
  DomainContext deps_;
  FeedbackPublisher& publisher_;
  const analysis::FeedbackAnalyzer& analyzer_;
  DurationHistogram* const analysis_times_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_FEEDBACK_INGEST_H_
