#ifndef GUESTVOICE_TOOLS_ANALYZE_ANALYSIS_JSON_H_
#define GUESTVOICE_TOOLS_ANALYZE_ANALYSIS_JSON_H_

#include <string>

#include "analysis/feedback_analyzer.h"

namespace guestvoice::tools {

// The output lines of guestvoice-analyze, without their line feed, appended
// to `out` so that the tool can write many lines per system call. The bytes
// are those nlohmann::json's dump() would print for the same object (the
// tool's format predates this writer; analysis_json_test holds them equal).

// {"language":"en","language_source":"detected","scoring":"scored",
// "neg":..,"neu":..,"pos":..,"compound":..,"aspects":[{"aspect":..,
// "sentiment":..,"text":..}]}, every score rounded as vaderSentiment prints
// it (neg/neu/pos to 3 decimals; compound and aspect sentiment to 4). The
// names of language_source and scoring are those of analysis/language.h;
// unless scoring is "scored" the scores are zero and mean nothing.
void AppendAnalysisJson(const analysis::Analysis& analysis, std::string* out);

// {"error":"invalid UTF-8","line":N}: the output line for an input line that
// is not UTF-8, so output lines stay aligned with input lines.
void AppendInvalidUtf8Json(long line_number, std::string* out);

}  // namespace guestvoice::tools

#endif  // GUESTVOICE_TOOLS_ANALYZE_ANALYSIS_JSON_H_
