// Microseconds per text for plain VADER and for the full analysis (VADER +
// clauses + aspects), on fixed texts: a ~600-byte hotel review, the whole
// labelled aspect set, and adversarial 16 KiB inputs that must stay linear.
// Built by the main build; run by hand (not registered with ctest):
//   build/.../tests/analysis/guestvoice_analysis_benchmark

#include <fstream>
#include <string>
#include <vector>

#include "analysis/feedback_analyzer.h"
#include "analysis/sentiment_analyzer.h"
#include "analysis/text_limits.h"
#include "benchmark/benchmark.h"
#include "nlohmann/json.hpp"

namespace guestvoice::analysis {
namespace {

// 600 bytes: a typical long review with several aspects and rules at work.
constexpr char kReview[] =
    "We stayed four nights in a deluxe room and overall it was a good trip. "
    "The location is unbeatable, five minutes from the old town and right by "
    "the metro. Check-in was quick and the receptionist was really friendly, "
    "but the room itself was cramped and the bathroom was not very clean, "
    "there was hair in the shower!!! The bed was comfy though. Breakfast was "
    "decent, lots of fresh fruit and good coffee, but overpriced at 25 euros. "
    "Wifi kept dropping in the evenings and the walls are paper thin, we "
    "could hear the neighbours until 2am. The pool and gym were great :) "
    "Would we come back? Probably, if they fix the noise.";

std::vector<std::string> LabelledTexts() {
  std::ifstream in(GUESTVOICE_ANALYSIS_TEST_DATA_DIR "/aspect_labelled.jsonl");
  std::vector<std::string> texts;
  std::string line;
  while (std::getline(in, line)) {
    texts.push_back(nlohmann::json::parse(line).at("text").get<std::string>());
  }
  return texts;
}

std::string Repeat(std::string_view unit) {
  std::string text;
  while (text.size() + unit.size() <= kMaxTextBytes) text += unit;
  return text;
}

void BM_VaderReview(benchmark::State& state) {
  const SentimentAnalyzer& analyzer = SentimentAnalyzer::Default();
  for (auto _ : state) {
    benchmark::DoNotOptimize(analyzer.PolarityScores(kReview));
  }
  state.SetBytesProcessed(state.iterations() * (sizeof kReview - 1));
}
BENCHMARK(BM_VaderReview)->Unit(benchmark::kMicrosecond);

void BM_AnalyzeReview(benchmark::State& state) {
  const FeedbackAnalyzer& analyzer = FeedbackAnalyzer::Default();
  for (auto _ : state) {
    benchmark::DoNotOptimize(analyzer.Analyze(kReview));
  }
  state.SetBytesProcessed(state.iterations() * (sizeof kReview - 1));
}
BENCHMARK(BM_AnalyzeReview)->Unit(benchmark::kMicrosecond);

void BM_AnalyzeLabelledSet(benchmark::State& state) {
  const FeedbackAnalyzer& analyzer = FeedbackAnalyzer::Default();
  const std::vector<std::string> texts = LabelledTexts();
  for (auto _ : state) {
    for (const std::string& text : texts) {
      benchmark::DoNotOptimize(analyzer.Analyze(text));
    }
  }
  state.counters["texts"] = static_cast<double>(texts.size());
  state.SetItemsProcessed(state.iterations() * texts.size());
}
BENCHMARK(BM_AnalyzeLabelledSet)->Unit(benchmark::kMicrosecond);

// 16 KiB inputs that are quadratic in the reference implementation.
void BM_AnalyzeAdversarial(benchmark::State& state, std::string_view unit) {
  const FeedbackAnalyzer& analyzer = FeedbackAnalyzer::Default();
  const std::string text = Repeat(unit);
  for (auto _ : state) {
    benchmark::DoNotOptimize(analyzer.Analyze(text));
  }
  state.SetBytesProcessed(state.iterations() * text.size());
}
BENCHMARK_CAPTURE(BM_AnalyzeAdversarial, emoticons, ":) ")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_AnalyzeAdversarial, exclamations, "!!! ")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_AnalyzeAdversarial, booster, "very ")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_AnalyzeAdversarial, but_and_values,
                  "good great nice bad but ")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_AnalyzeAdversarial, emoji, "😀")
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace guestvoice::analysis

BENCHMARK_MAIN();
