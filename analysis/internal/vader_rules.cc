#include "analysis/internal/vader_rules.h"

#include <array>
#include <string>

#include "absl/container/flat_hash_set.h"

namespace guestvoice::analysis::vader {

const std::vector<std::string_view>& NegationWords() {
  static const auto* const kWords = new std::vector<std::string_view>{
      "aint",    "arent",    "cannot",  "cant",     "couldnt",  "darent",
      "didnt",   "doesnt",   "ain't",   "aren't",   "can't",    "couldn't",
      "daren't", "didn't",   "doesn't", "dont",     "hadnt",    "hasnt",
      "havent",  "isnt",     "mightnt", "mustnt",   "neither",  "don't",
      "hadn't",  "hasn't",   "haven't", "isn't",    "mightn't", "mustn't",
      "neednt",  "needn't",  "never",   "none",     "nope",     "nor",
      "not",     "nothing",  "nowhere", "oughtnt",  "shant",    "shouldnt",
      "uhuh",    "wasnt",    "werent",  "oughtn't", "shan't",   "shouldn't",
      "uh-uh",   "wasn't",   "weren't", "without",  "wont",     "wouldnt",
      "won't",   "wouldn't", "rarely",  "seldom",   "despite"};
  return *kWords;
}

const std::vector<Booster>& OneWordBoosters() {
  constexpr double kIncr = kBoosterIncrement;
  constexpr double kDecr = kBoosterDecrement;
  static const auto* const kBoosters = new std::vector<Booster>{
      {"absolutely", kIncr},    {"amazingly", kIncr},
      {"awfully", kIncr},       {"completely", kIncr},
      {"considerable", kIncr},  {"considerably", kIncr},
      {"decidedly", kIncr},     {"deeply", kIncr},
      {"effing", kIncr},        {"enormous", kIncr},
      {"enormously", kIncr},    {"entirely", kIncr},
      {"especially", kIncr},    {"exceptional", kIncr},
      {"exceptionally", kIncr}, {"extreme", kIncr},
      {"extremely", kIncr},     {"fabulously", kIncr},
      {"flipping", kIncr},      {"flippin", kIncr},
      {"frackin", kIncr},       {"fracking", kIncr},
      {"fricking", kIncr},      {"frickin", kIncr},
      {"frigging", kIncr},      {"friggin", kIncr},
      {"fully", kIncr},         {"fuckin", kIncr},
      {"fucking", kIncr},       {"fuggin", kIncr},
      {"fugging", kIncr},       {"greatly", kIncr},
      {"hella", kIncr},         {"highly", kIncr},
      {"hugely", kIncr},        {"incredible", kIncr},
      {"incredibly", kIncr},    {"intensely", kIncr},
      {"major", kIncr},         {"majorly", kIncr},
      {"more", kIncr},          {"most", kIncr},
      {"particularly", kIncr},  {"purely", kIncr},
      {"quite", kIncr},         {"really", kIncr},
      {"remarkably", kIncr},    {"so", kIncr},
      {"substantially", kIncr}, {"thoroughly", kIncr},
      {"total", kIncr},         {"totally", kIncr},
      {"tremendous", kIncr},    {"tremendously", kIncr},
      {"uber", kIncr},          {"unbelievably", kIncr},
      {"unusually", kIncr},     {"utter", kIncr},
      {"utterly", kIncr},       {"very", kIncr},
      {"almost", kDecr},        {"barely", kDecr},
      {"hardly", kDecr},        {"kinda", kDecr},
      {"kindof", kDecr},        {"kind-of", kDecr},
      {"less", kDecr},          {"little", kDecr},
      {"marginal", kDecr},      {"marginally", kDecr},
      {"occasional", kDecr},    {"occasionally", kDecr},
      {"partly", kDecr},        {"scarce", kDecr},
      {"scarcely", kDecr},      {"slight", kDecr},
      {"slightly", kDecr},      {"somewhat", kDecr},
      {"sorta", kDecr},         {"sortof", kDecr},
      {"sort-of", kDecr}};
  return *kBoosters;
}

namespace {

struct Bigram {
  std::string_view first;
  std::string_view second;
  double value;
};

constexpr std::array<Bigram, 3> kBigramBoosters = {{
    {"just", "enough", kBoosterDecrement},
    {"kind", "of", kBoosterDecrement},
    {"sort", "of", kBoosterDecrement},
}};

struct SpecialCase {
  std::string_view first;
  std::string_view second;
  std::string_view third;  // empty for bigrams
  double value;
};

// SPECIAL_CASES minus "badass": a one-word entry can never equal the 2- and
// 3-word sequences the reference builds.
constexpr std::array<SpecialCase, 8> kSpecialCases = {{
    {"the", "shit", "", 3},
    {"the", "bomb", "", 3},
    {"bad", "ass", "", 1.5},
    {"bus", "stop", "", 0.0},
    {"yeah", "right", "", -2},
    {"kiss", "of", "death", -1.5},
    {"to", "die", "for", 3},
    {"beating", "heart", "", 3.5},
}};

}  // namespace

bool IsNegated(std::string_view lower_word) {
  static const auto* const kNegations =
      new absl::flat_hash_set<std::string_view>(NegationWords().begin(),
                                                NegationWords().end());
  return kNegations->contains(lower_word) || ContainsNt(lower_word);
}

std::optional<double> BigramBoosterValue(std::string_view first,
                                         std::string_view second) {
  for (const Bigram& bigram : kBigramBoosters) {
    if (bigram.first == first && bigram.second == second) return bigram.value;
  }
  return std::nullopt;
}

std::optional<double> SpecialCaseValue(std::string_view first,
                                       std::string_view second,
                                       std::string_view third) {
  // Quick rejection: every entry starts with one of these letters.
  if (first.empty() || (first[0] != 't' && first[0] != 'b' && first[0] != 'y' &&
                        first[0] != 'k')) {
    return std::nullopt;
  }
  for (const SpecialCase& special : kSpecialCases) {
    if (special.first == first && special.second == second &&
        special.third == third) {
      return special.value;
    }
  }
  return std::nullopt;
}

}  // namespace guestvoice::analysis::vader
