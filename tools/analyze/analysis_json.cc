#include "tools/analyze/analysis_json.h"

#include <charconv>
#include <cstdio>
#include <string_view>

#include "analysis/language.h"
#include "analysis/score_rounding.h"

namespace guestvoice::tools {
namespace {

// A score as nlohmann::json prints a double: the shortest digits that read
// back as the same double, in fixed notation (what it uses for magnitudes
// from 1e-4 up to 1e15, rounded scores included), and ".0" after a whole
// number ("0.0", "-0.0", "1.0").
void AppendScore(double score, std::string* out) {
  char buffer[32];
  const std::to_chars_result result = std::to_chars(
      buffer, buffer + sizeof buffer, score, std::chars_format::fixed);
  const std::string_view digits(buffer,
                                static_cast<std::size_t>(result.ptr - buffer));
  out->append(digits);
  if (digits.find('.') == std::string_view::npos) out->append(".0");
}

// The escape nlohmann::json writes for `byte`, or nullptr when it writes the
// byte itself (every byte from 0x20 up but '"' and '\\': UTF-8 passes
// through).
const char* EscapeFor(unsigned char byte, char (&scratch)[8]) {
  switch (byte) {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case '\b':
      return "\\b";
    case '\f':
      return "\\f";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    default:
      if (byte >= 0x20) return nullptr;
      std::snprintf(scratch, sizeof scratch, "\\u%04x", byte);
      return scratch;
  }
}

// A JSON string; `text` is valid UTF-8. Runs that need no escape are copied
// at once.
void AppendString(std::string_view text, std::string* out) {
  out->push_back('"');
  std::size_t run_begin = 0;
  char scratch[8];
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char* escape =
        EscapeFor(static_cast<unsigned char>(text[i]), scratch);
    if (escape == nullptr) continue;
    out->append(text.substr(run_begin, i - run_begin));
    out->append(escape);
    run_begin = i + 1;
  }
  out->append(text.substr(run_begin));
  out->push_back('"');
}

}  // namespace

void AppendAnalysisJson(const analysis::Analysis& analysis, std::string* out) {
  const analysis::SentimentScores scores =
      analysis::RoundLikeReference(analysis.scores);
  out->append("{\"language\":");
  AppendString(analysis.language, out);
  out->append(",\"language_source\":");
  AppendString(analysis::LanguageSourceName(analysis.language_source), out);
  out->append(",\"scoring\":");
  AppendString(analysis::ScoringStateName(analysis.scoring), out);
  out->append(",\"neg\":");
  AppendScore(scores.neg, out);
  out->append(",\"neu\":");
  AppendScore(scores.neu, out);
  out->append(",\"pos\":");
  AppendScore(scores.pos, out);
  out->append(",\"compound\":");
  AppendScore(scores.compound, out);
  out->append(",\"aspects\":[");
  for (std::size_t i = 0; i < analysis.aspects.size(); ++i) {
    const analysis::AspectMention& mention = analysis.aspects[i];
    if (i > 0) out->push_back(',');
    out->append("{\"aspect\":");
    AppendString(mention.aspect, out);
    out->append(",\"sentiment\":");
    AppendScore(analysis::RoundLikePython(mention.sentiment, 4), out);
    out->append(",\"text\":");
    AppendString(mention.text, out);
    out->push_back('}');
  }
  out->append("]}");
}

void AppendInvalidUtf8Json(long line_number, std::string* out) {
  out->append("{\"error\":\"invalid UTF-8\",\"line\":");
  out->append(std::to_string(line_number));
  out->push_back('}');
}

}  // namespace guestvoice::tools
