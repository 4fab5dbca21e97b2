// guestvoice-analyze: reads UTF-8 texts, one per line, on stdin and writes
// one JSON object per line on stdout with the language, VADER scores and
// hotel aspect mentions (see analysis_json.h for the format). Lines that are
// not valid UTF-8 produce {"error":"invalid UTF-8","line":N} instead, so the
// N-th output line always answers the N-th input line; the exit status is
// then 1.

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/flags/usage_config.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "analysis/aspect_taxonomy.h"
#include "analysis/feedback_analyzer.h"
#include "common/utf8.h"
#include "tools/analyze/analysis_json.h"

ABSL_FLAG(std::string, aspects_file, "",
          "Aspect taxonomy to use instead of the built-in one (the format of "
          "analysis/data/aspects.tsv).");
ABSL_FLAG(std::string, language, "",
          "BCP-47 code declared for every text (e.g. es, pt-BR): used when a "
          "text is too short or ambiguous to tell its language (the rule: "
          "analysis/README.md).");

namespace {

using guestvoice::analysis::AspectTaxonomy;
using guestvoice::analysis::FeedbackAnalyzer;

absl::StatusOr<AspectTaxonomy> LoadTaxonomy(const std::string& path) {
  if (path.empty()) return AspectTaxonomy::Default();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError("cannot read --aspects_file " + path);
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  return AspectTaxonomy::Parse(contents.str());
}

}  // namespace

int main(int argc, char** argv) {
  // --help lists the flags of this file (absl would look for a file named
  // after the binary).
  absl::FlagsUsageConfig usage_config;
  usage_config.contains_help_flags = [](absl::string_view file) {
    return absl::EndsWith(file, "analyze_main.cc");
  };
  usage_config.contains_helpshort_flags = usage_config.contains_help_flags;
  absl::SetFlagsUsageConfig(usage_config);
  absl::SetProgramUsageMessage(
      "Reads UTF-8 texts, one per line, from stdin; writes one JSON object "
      "per line to stdout:\n"
      "  {\"language\":\"en\",\"language_source\":\"detected\","
      "\"scoring\":\"scored\",\"neg\":0.0,\"neu\":0.0,\"pos\":0.0,\"compound\":"
      "0.0,\"aspects\":"
      "[{\"aspect\":\"cleanliness\",\"sentiment\":-0.5,\"text\":\"...\"}]}\n"
      "Scores are VADER's (vaderSentiment 3.3.2's rules; English over its "
      "lexicon plus a hotel-domain supplement), rounded as it prints them; "
      "language_source is detected, declared or undetermined; a text whose "
      "language has no analyser (scoring no_analyzer_for_language) or cannot "
      "be told (language_undetermined) is not scored: zeros, no aspects; "
      "one all in words several analysed languages share (\"Top!\") is "
      "scored, as und, when they all read the same praise or blame in it. A "
      "line that is not valid UTF-8 gives {\"error\":\"invalid UTF-8\","
      "\"line\":N} and makes the exit status 1. Texts over 16 KiB are "
      "analysed up to 16 KiB; a trailing carriage return is dropped.");
  absl::ParseCommandLine(argc, argv);

  absl::StatusOr<AspectTaxonomy> taxonomy =
      LoadTaxonomy(absl::GetFlag(FLAGS_aspects_file));
  if (!taxonomy.ok()) {
    std::fprintf(stderr, "guestvoice-analyze: %s\n",
                 std::string(taxonomy.status().message()).c_str());
    return 2;
  }
  const FeedbackAnalyzer analyzer(*std::move(taxonomy));
  const std::string declared_language = absl::GetFlag(FLAGS_language);

  // Lines are read through a buffered stream and written in large blocks; a
  // terminal gets each line as soon as it is ready.
  std::ios::sync_with_stdio(false);
  const bool interactive = isatty(STDOUT_FILENO) != 0;
  constexpr std::size_t kWriteBlockBytes = 64 * 1024;
  std::string output;
  auto write_output = [&output] {
    std::fwrite(output.data(), 1, output.size(), stdout);
    output.clear();
  };

  int exit_status = 0;
  long line_number = 0;
  std::string line;
  while (std::getline(std::cin, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (guestvoice::utf8::IsValid(line)) {
      guestvoice::tools::AppendAnalysisJson(
          analyzer.Analyze(line, declared_language), &output);
    } else {
      guestvoice::tools::AppendInvalidUtf8Json(line_number, &output);
      exit_status = 1;
    }
    output.push_back('\n');
    if (interactive || output.size() >= kWriteBlockBytes) {
      write_output();
      if (interactive) std::fflush(stdout);
    }
  }
  write_output();
  return exit_status;
}
