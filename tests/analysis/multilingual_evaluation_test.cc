// English, French, Dutch, Italian, Portuguese, German and Spanish against the
// labelled sets of data/multilingual/<lang>.tsv (guideline:
// data/multilingual/GUIDELINE.md): per language, the polarity band of the whole
// text, aspect presence (precision and recall per aspect, and over all aspects)
// and language identification (texts of 40+ characters, nothing declared);
// also, printed only, polarity with each text's language declared. Odd
// rows are the development half, even rows the held-out half; both are printed,
// and the floors below hold for the whole set, a little under what it reaches.
// The second held-out sets (data/multilingual/held_out/<lang>.tsv) were written
// before the rules were tuned on the first sets' errors and are never tuned
// on; they are printed and checked apart, and so are the blind sets
// (data/multilingual/blind/<lang>.tsv), committed before the third pass, and
// the second blind sets (data/multilingual/blind2/<lang>.tsv), committed
// before the fourth pass, and the third blind sets
// (data/multilingual/blind3/<lang>.tsv), committed before the fifth pass,
// which tuned on all the others, and the fourth blind sets
// (data/multilingual/blind4/<lang>.tsv, English too), written by someone who
// had not seen the lexicons, before the translations of VADER's entries, and
// the fifth (data/multilingual/blind5/<lang>.tsv), likewise, before the
// twelfth pass, which looked at the fourth text by text, and the sixth
// (data/multilingual/blind6/<lang>.tsv), run once before the thirteenth pass
// tuned on it.

#include <cstdio>
#include <fstream>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "analysis/feedback_analyzer.h"
#include "common/utf8.h"
#include "gtest/gtest.h"
#include "tests/analysis/evaluation_metrics.h"

namespace guestvoice::analysis {
namespace {

struct Labelled {
  std::string text;
  std::string band;
  std::set<std::string> aspects;
};

// `file`: a path under data/multilingual, without ".tsv".
std::vector<Labelled> Load(const std::string& file) {
  std::ifstream in(std::string(GUESTVOICE_ANALYSIS_TEST_DATA_DIR) +
                   "/multilingual/" + file + ".tsv");
  std::vector<Labelled> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> fields = absl::StrSplit(line, '\t');
    EXPECT_EQ(fields.size(), 3u) << line;
    if (fields.size() != 3) continue;
    Labelled row{fields[0], fields[1], {}};
    if (fields[2] != "-") {
      row.aspects = absl::StrSplit(fields[2], ',');
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

struct Figures {
  int texts = 0, polarity_right = 0;
  // With the text's language declared, as a channel that knows it passes
  // it (FeedbackInput.language_code): printed, not asserted.
  int declared_polarity_right = 0;
  int long_texts = 0, language_right = 0;
  MatchCounts all_aspects;
  std::map<std::string, MatchCounts> by_aspect;
  double Polarity() const {
    return static_cast<double>(polarity_right) / texts;
  }
  double DeclaredPolarity() const {
    return static_cast<double>(declared_polarity_right) / texts;
  }
  double LanguageId() const {
    return long_texts == 0 ? 1.0
                           : static_cast<double>(language_right) / long_texts;
  }
};

// Whether `analysis` scored the text in `language`, or in every language it
// could be in alike (an undetermined short post: "Top! 👍"), with `band`. A
// band read in another language is no right answer.
bool PolarityRight(const Analysis& analysis, const std::string& language,
                   const std::string& band) {
  const bool read_as_language = analysis.language == language ||
                                (analysis.language == kUndeterminedLanguage &&
                                 analysis.scoring == ScoringState::kScored);
  return read_as_language && PolarityBand(analysis.scores.compound) == band;
}

void Count(const std::string& language, const Labelled& row, Figures* f) {
  const Analysis analysis = FeedbackAnalyzer::Default().Analyze(row.text);
  ++f->texts;
  if (PolarityRight(analysis, language, row.band)) ++f->polarity_right;
  const Analysis declared =
      FeedbackAnalyzer::Default().Analyze(row.text, language);
  if (PolarityRight(declared, language, row.band)) {
    ++f->declared_polarity_right;
  }
  if (utf8::CodePointCount(row.text).value_or(0) >= 40) {
    ++f->long_texts;
    if (analysis.language == language) ++f->language_right;
  }
  std::set<std::string> found;
  for (const AspectMention& mention : analysis.aspects) {
    found.insert(mention.aspect);
  }
  for (const std::string& aspect : AspectTaxonomy::Default().aspects()) {
    const bool expected = row.aspects.count(aspect) > 0;
    const bool got = found.count(aspect) > 0;
    for (MatchCounts* tally : {&f->all_aspects, &f->by_aspect[aspect]}) {
      tally->true_positives += expected && got;
      tally->false_positives += !expected && got;
      tally->false_negatives += expected && !got;
    }
  }
}

void Print(const char* name, const Figures& f) {
  std::printf(
      "  %-9s polarity %.3f (%d/%d)  aspects P %.3f R %.3f  language id "
      "%.3f (%d/%d of 40+ chars)  polarity, language declared %.3f\n",
      name, f.Polarity(), f.polarity_right, f.texts, f.all_aspects.Precision(),
      f.all_aspects.Recall(), f.LanguageId(), f.language_right, f.long_texts,
      f.DeclaredPolarity());
}

void PrintAspects(const Figures& f) {
  std::printf("  %-17s precision  recall   tp  fp  fn\n", "aspect");
  for (const auto& [aspect, tally] : f.by_aspect) {
    std::printf("  %-17s %9.3f %7.3f %4d %3d %3d\n", aspect.c_str(),
                tally.Precision(), tally.Recall(), tally.true_positives,
                tally.false_positives, tally.false_negatives);
  }
}

struct Floors {
  const char* language;
  double polarity;
  double aspect_precision;
  double aspect_recall;
};

// The floors both evaluations assert, and the language-id accuracy the
// issue asks of texts of 40+ characters.
void ExpectReaches(const Figures& figures, const Floors& floors) {
  EXPECT_GE(figures.Polarity(), floors.polarity);
  EXPECT_GE(figures.all_aspects.Precision(), floors.aspect_precision);
  EXPECT_GE(figures.all_aspects.Recall(), floors.aspect_recall);
  EXPECT_GE(figures.LanguageId(), 0.97);
}

std::string LanguageOf(const ::testing::TestParamInfo<Floors>& info) {
  return info.param.language;
}

class MultilingualEvaluationTest : public ::testing::TestWithParam<Floors> {};

TEST_P(MultilingualEvaluationTest, ReachesTheFloors) {
  const Floors& floors = GetParam();
  const std::vector<Labelled> rows = Load(floors.language);
  ASSERT_GE(rows.size(), 100u);
  Figures all, development, held_out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Count(floors.language, rows[i], &all);
    Count(floors.language, rows[i], i % 2 == 0 ? &development : &held_out);
  }
  std::printf("%s, %zu texts:\n", floors.language, rows.size());
  Print("all", all);
  Print("dev", development);
  Print("held-out", held_out);
  PrintAspects(all);
  ExpectReaches(all, floors);
}

INSTANTIATE_TEST_SUITE_P(Languages, MultilingualEvaluationTest,
                         // Reached (2026-12-03, fourth pass: fr, nl, it,
                         // pt, de, es tuned on these whole sets): en 0.61 /
                         // 0.957 / 0.875, fr 0.98 / 0.961 / 0.953, nl 0.96 /
                         // 0.951 / 0.907, it 0.95 / 0.992 / 0.915, pt 0.96 /
                         // 0.967 / 0.915, de 0.98 / 0.960 / 0.930, es (110
                         // texts) 0.991 / 0.976 / 0.879. Fifth pass
                         // (2026-12-03): fr 0.98 / 0.953 / 0.953, nl 0.96 /
                         // 0.944 / 0.907, it 0.95 / 0.983 / 0.915, pt 0.99 /
                         // 0.959 / 0.915, de 0.98 / 0.952 / 0.930, es as
                         // before. English (2026-12-05), scored with VADER
                         // plus the hotel supplement instead of plain VADER:
                         // 0.77, then 0.85 / 0.958 / 0.883 after the
                         // supplement's 2026-12-05.1 entries, tuned on this
                         // set, and 0.86 with each word counted once against
                         // CLD2's English.
                         ::testing::Values(Floors{"en", 0.84, 0.94, 0.86},
                                           Floors{"fr", 0.96, 0.94, 0.93},
                                           Floors{"nl", 0.94, 0.93, 0.88},
                                           Floors{"it", 0.93, 0.97, 0.89},
                                           Floors{"pt", 0.97, 0.95, 0.89},
                                           Floors{"de", 0.96, 0.94, 0.91},
                                           Floors{"es", 0.97, 0.95, 0.85}),
                         LanguageOf);

// A set evaluated whole: at least `minimum_rows` texts of
// data/multilingual/<directory>/<language>.tsv, printed under `title`.
void EvaluateWhole(const std::string& directory, const char* title,
                   std::size_t minimum_rows, const Floors& floors) {
  const std::vector<Labelled> rows = Load(directory + "/" + floors.language);
  ASSERT_GE(rows.size(), minimum_rows);
  Figures figures;
  for (const Labelled& row : rows) Count(floors.language, row, &figures);
  std::printf("%s, %s, %zu texts:\n", floors.language, title, rows.size());
  Print(title, figures);
  PrintAspects(figures);
  ExpectReaches(figures, floors);
}

// A set evaluated whole (EvaluateWhole), with its floors.
struct WholeSet {
  const char* directory;  // under data/multilingual
  const char* title;
  std::size_t minimum_rows;
  Floors floors;
};

void PrintTo(const WholeSet& set, std::ostream* out) {
  *out << set.directory << "/" << set.floors.language;
}

std::string SetAndLanguageOf(const ::testing::TestParamInfo<WholeSet>& info) {
  std::string name =
      absl::StrCat(info.param.directory, "_", info.param.floors.language);
  for (char& c : name) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

class WholeSetEvaluationTest : public ::testing::TestWithParam<WholeSet> {};

TEST_P(WholeSetEvaluationTest, ReachesTheFloors) {
  const WholeSet& set = GetParam();
  EvaluateWhole(set.directory, set.title, set.minimum_rows, set.floors);
}

INSTANTIATE_TEST_SUITE_P(
    Sets, WholeSetEvaluationTest,
    ::testing::Values(
        // held_out/: Reached (2026-12-02): before the second pass fr 0.705 /
        // 0.869 / 0.736, nl 0.590 / 0.911 / 0.708, it 0.639 / 0.929 / 0.712, pt
        // 0.721 / 0.934 / 0.781, de 0.590 / 0.897 / 0.722; after it fr 0.721 /
        // 0.868 / 0.819, nl 0.689 / 0.917 / 0.764, it 0.689 / 0.932 / 0.753, pt
        // 0.803 / 0.923 / 0.822, de 0.721 / 0.905 / 0.792. The third pass tuned
        // on these sets too (they are held out no longer): fr 0.869 / 0.864 /
        // 0.792, nl 0.967 / 0.903 / 0.778, it 0.951 / 0.918 / 0.767, pt 0.902 /
        // 0.908 / 0.808, de 0.934 / 0.891 / 0.792; after the fourth pass
        // (2026-12-03) fr 0.951, nl 0.984, it 1.000, pt 0.934, de 0.984
        // polarity, aspects as after the third; after the fifth fr 0.967, nl
        // 1.000, it 1.000, pt 0.967, de 1.000.
        WholeSet{"held_out", "held-out", 50, {"fr", 0.95, 0.85, 0.78}},
        WholeSet{"held_out", "held-out", 50, {"nl", 0.98, 0.88, 0.76}},
        WholeSet{"held_out", "held-out", 50, {"it", 0.98, 0.90, 0.75}},
        WholeSet{"held_out", "held-out", 50, {"pt", 0.95, 0.89, 0.79}},
        WholeSet{"held_out", "held-out", 50, {"de", 0.98, 0.87, 0.78}},
        // blind/: Reached (2026-12-02), polarity / aspect P / R: before the
        // third pass fr 0.783 / 0.902 / 0.797, nl 0.633 / 0.912 / 0.754, it
        // 0.700 / 0.950 / 0.826, pt 0.783 / 0.950 / 0.826, de 0.700 / 0.931 /
        // 0.783, es 0.783 / 0.938 / 0.870 (language id 0.947); after it fr
        // 0.867 / 0.902 / 0.797, nl 0.750 / 0.914 / 0.768, it 0.850 / 0.950 /
        // 0.826, pt 0.867 / 0.951 / 0.841, de 0.783 / 0.932 / 0.797, es 0.833 /
        // 0.938 / 0.870 (0.974). The fourth pass tuned on these sets (blind no
        // longer): fr 0.917 / 0.887 / 0.797, nl 0.900 / 0.917 / 0.797, it 0.933
        // / 0.949 / 0.812, pt 0.967 / 0.951 / 0.841, de 0.950 / 0.935 / 0.841,
        // es 0.950 / 0.938 / 0.884. After the fifth pass: fr 0.967 / 0.899 /
        // 0.899, nl 0.917 / 0.925 / 0.899, it 0.950 / 0.953 / 0.884, pt 0.967 /
        // 0.969 / 0.913, de 0.983 / 0.957 / 0.957, es 0.950 / 0.957 / 0.957.
        WholeSet{"blind", "blind", 60, {"fr", 0.95, 0.87, 0.78}},
        WholeSet{"blind", "blind", 60, {"nl", 0.90, 0.90, 0.77}},
        WholeSet{"blind", "blind", 60, {"it", 0.93, 0.93, 0.79}},
        WholeSet{"blind", "blind", 60, {"pt", 0.95, 0.93, 0.82}},
        WholeSet{"blind", "blind", 60, {"de", 0.96, 0.91, 0.82}},
        WholeSet{"blind", "blind", 60, {"es", 0.93, 0.92, 0.86}},
        // blind2/: Reached (2026-12-03), polarity / aspect P / R, before the
        // fourth pass (run once, aggregate only): fr 0.679 / 0.891 / 0.742, nl
        // 0.755 / 0.912 / 0.788, it 0.792 / 0.925 / 0.742, pt 0.698 / 0.932 /
        // 0.833 (language id 0.974), de 0.736 / 0.929 / 0.788, es 0.717 / 0.943
        // / 0.758 (language id 0.977); after it (aggregate only) fr 0.717 /
        // 0.891 / 0.742, nl 0.811 / 0.912 / 0.788, it 0.811 / 0.926 / 0.758, pt
        // 0.717 / 0.932 / 0.833, de 0.811 / 0.931 / 0.818, es 0.755 / 0.944 /
        // 0.773. The fifth pass tuned on these sets (blind no longer): fr 0.925
        // / 0.911 / 0.773, nl 0.981 / 0.898 / 0.803, it 0.962 / 0.912 / 0.788,
        // pt 0.887 / 0.919 / 0.864, de 1.000 / 0.919 / 0.864, es 0.962 / 0.945
        // / 0.788.
        WholeSet{"blind2", "blind2", 50, {"fr", 0.90, 0.89, 0.75}},
        WholeSet{"blind2", "blind2", 50, {"nl", 0.96, 0.88, 0.78}},
        WholeSet{"blind2", "blind2", 50, {"it", 0.94, 0.89, 0.77}},
        WholeSet{"blind2", "blind2", 50, {"pt", 0.87, 0.90, 0.84}},
        WholeSet{"blind2", "blind2", 50, {"de", 0.98, 0.90, 0.84}},
        WholeSet{"blind2", "blind2", 50, {"es", 0.94, 0.92, 0.77}},
        // blind3/: Reached (2026-12-03), polarity / aspect P / R, before the
        // fifth pass (the first run on these sets, aggregate only; main
        // 203eb71's rules): fr 0.500 / 0.823 / 0.654, nl 0.567 / 0.852 / 0.590
        // (language id 0.978), it 0.517 / 0.869 / 0.679 (0.978), pt 0.633 /
        // 0.852 / 0.667, de 0.533 / 0.873 / 0.615, es 0.583 / 0.946 / 0.679.
        // After the fifth pass (read once, aggregate only): fr 0.517 / 0.825 /
        // 0.667, nl 0.567 / 0.857 / 0.615, it 0.533 / 0.867 / 0.667, pt 0.650 /
        // 0.869 / 0.679, de 0.533 / 0.875 / 0.628, es as before. With our
        // translations of VADER's entries (aggregate only): fr 0.533 / 0.825
        // / 0.667, nl 0.617 / 0.860 / 0.628, it 0.567 / 0.867 / 0.667, pt
        // 0.650 / 0.869 / 0.679, de 0.600 / 0.875 / 0.628, es 0.600 / 0.947 /
        // 0.692. After the seventh pass's incident words (2026-12-06, read
        // four times in aggregate: words, two trap words removed, taxonomy
        // terms, words of another sense removed after a review): fr 0.517 /
        // 0.815 / 0.679 (one text lost), nl 0.633 / 0.862 / 0.641, it 0.600 /
        // 0.885 / 0.692, pt 0.667 / 0.871 / 0.692, de 0.617 / 0.877 / 0.641,
        // es 0.633 / 0.948 / 0.705. After the eighth pass's everyday
        // complaints (2026-12-06, written from the domain, read in aggregate
        // once per language): nl 0.650 / 0.867 / 0.667 (language id 1.000),
        // de 0.633 / 0.877 / 0.641, es 0.650 / 0.948 / 0.705, then fr 0.533
        // / 0.815 / 0.679 (French events), de 0.650 / 0.877 / 0.641 (events
        // in the other languages) and de 0.667 (social posts), fr 0.550
        // after a review of the entries, the others unchanged. After the
        // ninth pass (2026-12-06: what guests had to do, "changed" counted
        // only negated; written from the domain, read twice in aggregate):
        // nl 0.667, de 0.683, it 0.600 / 0.883 / 0.679 (one aspect lost),
        // then it 0.617 (sleep counted only negated). Tenth pass (2026-12-06,
        // a helper's probe texts; aggregate only): fr 0.567 ("not even a" as a
        // missing thing), nl 0.683 (Dutch comparatives), it 0.617 / 0.885 /
        // 0.692.
        WholeSet{"blind3", "blind3", 60, {"fr", 0.58, 0.81, 0.66}},
        WholeSet{"blind3", "blind3", 60, {"nl", 0.68, 0.85, 0.65}},
        WholeSet{"blind3", "blind3", 60, {"it", 0.61, 0.86, 0.67}},
        WholeSet{"blind3", "blind3", 60, {"pt", 0.68, 0.85, 0.67}},
        WholeSet{"blind3", "blind3", 60, {"de", 0.67, 0.86, 0.62}},
        WholeSet{"blind3", "blind3", 60, {"es", 0.64, 0.93, 0.69}},
        // blind4/: Reached (2026-12-03), polarity / aspect P / R, the first run
        // on these sets (the analyser of 22ffaf0: main's rules and supplements,
        // three translated VADER words per language): en 0.562 / 0.920 / 0.920,
        // fr 0.775 / 0.887 / 0.860, nl 0.787 / 0.875 / 0.840, it 0.825 / 0.927
        // / 0.890, pt 0.762 / 0.907 / 0.880, de 0.750 / 0.904 / 0.850, es 0.750
        // / 0.915 / 0.860; language id 1.000 in every language. English is
        // plain VADER. With our translations of VADER's entries, written
        // without seeing these texts (aggregate only): fr 0.812 / 0.887 /
        // 0.860, nl 0.838 / 0.875 / 0.840, it 0.812 / 0.927 / 0.890, pt 0.800 /
        // 0.907 / 0.880, de 0.800 / 0.895 / 0.850, es 0.787 / 0.916 / 0.870.
        // English (2026-12-05, aggregate only), scored with VADER plus the
        // hotel supplement: 0.750, then 0.762 / 0.920 / 0.920 after the
        // supplement's 2026-12-05.1 entries (tuned on the first set only);
        // 0.787 / 0.921 / 0.930 with the supplement's phrases (2026-12-06.4,
        // written from the domain; aggregate only); 0.800 / 0.921 / 0.930 with
        // hotel idioms and things that fail (2026-12-06.6, likewise). The
        // eighth pass in the other languages (2026-12-06, aggregate only): de
        // 0.800 / 0.895 / 0.850 -> 0.812 / 0.887 / 0.860 (one more aspect
        // found right and one wrong), es 0.787 -> 0.800, the others
        // unchanged; after a review of the entries de 0.800, fr 0.800, pt
        // 0.812. Ninth pass (2026-12-06, sleep counted only negated, written
        // from a helper's probe texts; aggregate only): fr 0.812, it 0.825,
        // es 0.812. Tenth pass (likewise): it 0.838; pt 0.825 / 0.899 and es
        // 0.825 / 0.907 (one more text right, one aspect more found where the
        // labels have none: "fizeram de tudo", "se desvivió"); nl 0.825 (one
        // text lost to "beter", which the same pass gains on blind3/); en
        // 0.812 (sleep counted only negated). Eleventh pass (2026-12-06,
        // aggregate only): de 0.812; "but" weighs its own sentence (and,
        // opening one, the sentence before) instead of the whole text: nl
        // 0.825 -> 0.812, where a helper's 75 reviews of 3-6 sentences in
        // Italian, Portuguese and Dutch gained one text in each language;
        // French "peu" negating as Spanish "poco" does: fr 0.812 -> 0.825.
        // Twelfth pass (2026-12-07: undetermined short posts scored where
        // their languages agree, "Top! 👍"; emoticons in every language):
        // en 0.825, fr 0.838, nl 0.825, it 0.863 / 0.928 / 0.900, pt 0.838,
        // de 0.838 / 0.888 / 0.870, es 0.838; with more faint-praise phrases
        // nl 0.850, de 0.850, es 0.850; with photos better than reality as a
        // complaint and "offen"/"open" neutral: en 0.838, fr 0.850, nl
        // 0.875, it 0.875, pt 0.850, de 0.863, es 0.863; out of service and
        // loud music: nl 0.887, it 0.887, es 0.875 / 0.898 / 0.880; the
        // review's conditions on undetermined posts: it 0.875 / 0.927 /
        // 0.890, de 0.850 / 0.887 / 0.860; "a joke" as a complaint: pt
        // 0.863, de 0.887; entries narrowed after a second review: en 0.825,
        // fr 0.838, pt 0.850, es 0.863.
        WholeSet{"blind4", "blind4", 80, {"en", 0.81, 0.91, 0.91}},
        WholeSet{"blind4", "blind4", 80, {"fr", 0.82, 0.88, 0.85}},
        WholeSet{"blind4", "blind4", 80, {"nl", 0.81, 0.87, 0.83}},
        WholeSet{"blind4", "blind4", 80, {"it", 0.83, 0.92, 0.88}},
        WholeSet{"blind4", "blind4", 80, {"pt", 0.82, 0.89, 0.87}},
        WholeSet{"blind4", "blind4", 80, {"de", 0.81, 0.88, 0.85}},
        WholeSet{"blind4", "blind4", 80, {"es", 0.82, 0.89, 0.86}},
        // blind5/: the fifth blind sets (2026-12-07), written by a helper who
        // had not seen the lexicons, rules or earlier sets' texts and
        // committed before the analyser was run on them. First run (the
        // analyser of 7af2491), polarity / aspect P / R: en 0.637 / 0.867 /
        // 0.850, fr 0.613 / 0.782 / 0.860, nl 0.675 / 0.809 / 0.760, it
        // 0.750 / 0.833 / 0.800, pt 0.650 / 0.837 / 0.820, de 0.700 / 0.849
        // / 0.790, es 0.713 / 0.891 / 0.820; language id 1.000 but fr and nl
        // 0.986. After undetermined short posts were scored where their
        // languages agree, and emoticons in every language (aggregate only):
        // nl 0.688, it 0.762 / 0.835 / 0.810, pt 0.662 / 0.838 / 0.830, es
        // 0.725 / 0.892 / 0.830, the others unchanged. Then (twelfth pass,
        // aggregate only) faint praise, photos and "offen"/"open" moved
        // nothing; out of service and loud music: it 0.775. The review's
        // conditions on undetermined posts: nl 0.675, it 0.762 / 0.833 /
        // 0.800 (the pass as merged: GUIDELINE.md). Thirteenth pass
        // (2026-12-07, tuned on blind6/'s errors): nl 0.662, as "goedkoop"
        // now reads cheap as barato, billig and economico do, which loses
        // "Goedkoop, ja, maar dat merk je ook: ..." (its complaint after
        // "maar" is in words without sentiment).
        WholeSet{"blind5", "blind5", 80, {"en", 0.63, 0.86, 0.84}},
        WholeSet{"blind5", "blind5", 80, {"fr", 0.61, 0.78, 0.85}},
        WholeSet{"blind5", "blind5", 80, {"nl", 0.66, 0.80, 0.75}},
        WholeSet{"blind5", "blind5", 80, {"it", 0.76, 0.83, 0.79}},
        WholeSet{"blind5", "blind5", 80, {"pt", 0.66, 0.83, 0.82}},
        WholeSet{"blind5", "blind5", 80, {"de", 0.70, 0.84, 0.78}},
        WholeSet{"blind5", "blind5", 80, {"es", 0.72, 0.89, 0.82}},
        // blind6/: the sixth blind sets (2026-12-07; 40 texts a language, 20
        // in English), written by a helper who had not seen the repository's
        // labelled sets, and run once (the analyser of afe25ce), polarity /
        // aspect P / R: en 0.750 / 0.897 / 0.867, fr 0.900 / 0.980 / 0.847, nl
        // 0.950 / 0.959 / 0.797, it 0.850 / 0.900 / 0.900, pt 0.900 / 0.956 /
        // 0.860, de 0.900 / 0.902 / 0.754, es 0.950 / 0.979 / 0.839; language
        // id 0.996 over all texts (one short Portuguese text read as Spanish).
        // The thirteenth pass then tuned on the helper's account of its
        // errors (GUIDELINE.md): en 0.900, nl 1.000, it 0.900, pt 0.925, de
        // 0.925, the others and every aspect figure unchanged.
        WholeSet{"blind6", "blind6", 20, {"en", 0.89, 0.89, 0.86}},
        WholeSet{"blind6", "blind6", 40, {"fr", 0.89, 0.97, 0.84}},
        WholeSet{"blind6", "blind6", 40, {"nl", 0.99, 0.95, 0.79}},
        WholeSet{"blind6", "blind6", 40, {"it", 0.89, 0.89, 0.89}},
        WholeSet{"blind6", "blind6", 40, {"pt", 0.92, 0.95, 0.85}},
        WholeSet{"blind6", "blind6", 40, {"de", 0.92, 0.90, 0.75}},
        WholeSet{"blind6", "blind6", 40, {"es", 0.94, 0.97, 0.83}}),
    SetAndLanguageOf);

}  // namespace
}  // namespace guestvoice::analysis
