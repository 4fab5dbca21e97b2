#ifndef GUESTVOICE_SERVICE_FEEDBACK_ANALYSIS_RECORD_H_
#define GUESTVOICE_SERVICE_FEEDBACK_ANALYSIS_RECORD_H_

#include <string_view>

#include "analysis/feedback_analyzer.h"
#include "guestvoice/v1/feedback.pb.h"

namespace guestvoice::service {

// The FeedbackAnalysis stored with a feedback item and returned by the API:
// `analyzer`'s analysis of `text`, whose caller declared `declared_language`
// (Feedback.language_code, may be empty), scores rounded as the reference
// prints them (3 decimals, compound 4) so that stored and exported numbers
// match guestvoice-analyze and vaderSentiment. A text the analyser could not
// score gets SENTIMENT_STATE_NOT_SCORED and its reason, with no sentiment,
// band or aspects. Ingest and re-analysis both make it here, so an item
// re-analysed with an unchanged analyser is unchanged.
v1::FeedbackAnalysis AnalyzeFeedbackText(
    const analysis::FeedbackAnalyzer& analyzer, std::string_view text,
    std::string_view declared_language);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_FEEDBACK_ANALYSIS_RECORD_H_
