#ifndef GUESTVOICE_TOOLS_ANALYZE_ANALYSIS_JSON_H_
#define GUESTVOICE_TOOLS_ANALYZE_ANALYSIS_JSON_H_

#include "analysis/feedback_analyzer.h"
#include "nlohmann/json.hpp"

namespace guestvoice::tools {

// {"neg":..,"neu":..,"pos":..,"compound":..,"aspects":[{"aspect":..,
// "sentiment":..,"text":..}]}, every score rounded as vaderSentiment prints
// it (neg/neu/pos to 3 decimals; compound and aspect sentiment to 4).
nlohmann::ordered_json AnalysisToJson(const analysis::Analysis& analysis);

// {"error":"invalid UTF-8","line":N}: the output line for an input line that
// is not UTF-8, so output lines stay aligned with input lines.
nlohmann::ordered_json InvalidUtf8Json(long line_number);

}  // namespace guestvoice::tools

#endif  // GUESTVOICE_TOOLS_ANALYZE_ANALYSIS_JSON_H_
