#include "tools/analyze/analysis_json.h"

#include "analysis/score_rounding.h"

namespace guestvoice::tools {

nlohmann::ordered_json AnalysisToJson(const analysis::Analysis& analysis) {
  const analysis::SentimentScores scores =
      analysis::RoundLikeReference(analysis.scores);
  nlohmann::ordered_json json = {{"neg", scores.neg},
                                 {"neu", scores.neu},
                                 {"pos", scores.pos},
                                 {"compound", scores.compound}};
  nlohmann::ordered_json aspects = nlohmann::ordered_json::array();
  for (const analysis::AspectMention& mention : analysis.aspects) {
    aspects.push_back(
        {{"aspect", mention.aspect},
         {"sentiment", analysis::RoundLikePython(mention.sentiment, 4)},
         {"text", mention.text}});
  }
  json["aspects"] = std::move(aspects);
  return json;
}

nlohmann::ordered_json InvalidUtf8Json(long line_number) {
  return {{"error", "invalid UTF-8"}, {"line", line_number}};
}

}  // namespace guestvoice::tools
