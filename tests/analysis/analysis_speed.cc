// guestvoice_analysis_speed: what one realistic review costs in process.
// Prints CPU microseconds per text for plain VADER and for the full analysis
// (language identification + VADER + clauses + aspects) over
// data/benchmark_reviews.txt: ~600-byte hotel reviews, one per line, with 3-4
// aspects each (in 5-10 clauses); then the full analysis of each other scored
// language's reviews (data/benchmark_reviews_<lang>.txt, ~600 bytes each) and
// its cost relative to English. Run by hand; it prints figures and asserts
// nothing (ctest only runs it once as a smoke test, with --passes=1).
//
// Time on a shared machine is noisy even as CPU time, so under callgrind the
// program instead runs exactly one pass of each kind, each in its own dump,
// for counting instructions per text (analysis_speed.sh does this and
// divides).
//
//   guestvoice_analysis_speed [--passes=N] [english_reviews_file]

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/feedback_analyzer.h"
#include "analysis/sentiment_analyzer.h"

// Debian's valgrind package ships the header; without it the program only
// times.
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define RUNNING_ON_VALGRIND 0
#define CALLGRIND_ZERO_STATS
#define CALLGRIND_DUMP_STATS_AT(name)
#endif

namespace guestvoice::analysis {
namespace {

constexpr int kTrials = 5;
constexpr double kTrialSeconds = 0.3;

std::vector<std::string> ReadLines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

void DescribeCorpus(const std::vector<std::string>& texts) {
  std::size_t bytes = 0;
  std::size_t mentions = 0;
  std::size_t aspects = 0;
  for (const std::string& text : texts) {
    bytes += text.size();
    std::set<std::string> distinct;
    for (const AspectMention& mention :
         FeedbackAnalyzer::Default().Analyze(text).aspects) {
      distinct.insert(mention.aspect);
      ++mentions;
    }
    aspects += distinct.size();
  }
  const double count = static_cast<double>(texts.size());
  std::printf(
      "%zu texts; per text %.0f bytes, %.1f aspects, %.1f aspect mentions\n",
      texts.size(), bytes / count, aspects / count, mentions / count);
}

// One pass of `work` over every text.
template <typename Work>
void Pass(const std::vector<std::string>& texts, Work work) {
  for (const std::string& text : texts) work(text);
}

// This thread's CPU time: unlike wall-clock time it does not count the
// time other processes on a shared machine hold the core.
double ThreadCpuSeconds() {
  timespec now;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + now.tv_nsec * 1e-9;
}

// CPU microseconds per text: the median and range of kTrials trials, each
// of `passes` passes, or of as many as fill kTrialSeconds when passes is 0.
template <typename Work>
double Time(const std::string& name, const std::vector<std::string>& texts,
            int passes, Work work) {
  std::vector<double> us_per_text;
  for (int trial = 0; trial < kTrials; ++trial) {
    const double start = ThreadCpuSeconds();
    long texts_done = 0;
    double seconds = 0;
    do {
      Pass(texts, work);
      texts_done += static_cast<long>(texts.size());
      seconds = ThreadCpuSeconds() - start;
    } while (passes > 0 ? texts_done < passes * static_cast<long>(texts.size())
                        : seconds < kTrialSeconds);
    us_per_text.push_back(seconds * 1e6 / texts_done);
  }
  std::sort(us_per_text.begin(), us_per_text.end());
  std::printf("%-18s %7.2f CPU us/text (min %.2f, max %.2f, %d trials)",
              name.c_str(), us_per_text[kTrials / 2], us_per_text.front(),
              us_per_text.back(), kTrials);
  return us_per_text[kTrials / 2];
}

// Each kind of work in its own callgrind dump, so its instruction count is
// the dump's total.
template <typename Work>
void CountOnePass(const char* name, const std::vector<std::string>& texts,
                  Work work) {
  CALLGRIND_ZERO_STATS;
  Pass(texts, work);
  CALLGRIND_DUMP_STATS_AT(name);
}

}  // namespace
}  // namespace guestvoice::analysis

int main(int argc, char** argv) {
  using guestvoice::analysis::FeedbackAnalyzer;
  using guestvoice::analysis::SentimentAnalyzer;
  int passes = 0;
  std::string path = GUESTVOICE_ANALYSIS_TEST_DATA_DIR "/benchmark_reviews.txt";
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.rfind("--passes=", 0) == 0) {
      passes = std::atoi(argv[i] + 9);
    } else {
      path = arg;
    }
  }
  const std::vector<std::string> texts = guestvoice::analysis::ReadLines(path);
  if (texts.empty()) {
    std::fprintf(stderr, "no texts in %s\n", path.c_str());
    return 2;
  }
  auto vader = [](const std::string& text) {
    volatile double compound =
        SentimentAnalyzer::Default().PolarityScores(text).compound;
    (void)compound;
  };
  auto analyze = [](const std::string& text) {
    volatile std::size_t mentions =
        FeedbackAnalyzer::Default().Analyze(text).aspects.size();
    (void)mentions;
  };
  // Also the warm-up: lexicons loaded, per-thread buffers grown.
  guestvoice::analysis::DescribeCorpus(texts);

  if (RUNNING_ON_VALGRIND) {
    guestvoice::analysis::CountOnePass("vader", texts, vader);
    guestvoice::analysis::CountOnePass("analyze", texts, analyze);
    std::printf("callgrind: one pass of %zu texts per dump\n", texts.size());
    return 0;
  }
  guestvoice::analysis::Time("vader", texts, passes, vader);
  std::printf("\n");
  const double english =
      guestvoice::analysis::Time("full analysis en", texts, passes, analyze);
  std::printf("\n");
  for (const char* language : {"fr", "nl", "it", "pt", "de", "es"}) {
    const std::vector<std::string> reviews = guestvoice::analysis::ReadLines(
        std::string(GUESTVOICE_ANALYSIS_TEST_DATA_DIR "/benchmark_reviews_") +
        language + ".txt");
    if (reviews.empty()) {
      std::fprintf(stderr, "no %s reviews\n", language);
      return 2;
    }
    guestvoice::analysis::Pass(
        reviews, analyze);  // warm-up: the language's lexicons loaded
    const double cost = guestvoice::analysis::Time(
        std::string("full analysis ") + language, reviews, passes, analyze);
    std::printf(", %.2fx English\n", cost / english);
  }
  return 0;
}
