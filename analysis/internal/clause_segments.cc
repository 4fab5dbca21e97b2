#include "analysis/internal/clause_segments.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "analysis/internal/clause_aspects.h"

namespace guestvoice::analysis {
namespace {

// A run of the clause's words between two joins.
struct Part {
  std::size_t begin_word;
  std::size_t end_word;
  // After "and": it may share the subject of the part before ("The clerk
  // was rude and refused to give us the late checkout").
  bool after_conjunction;
  AspectSet aspects;  // named by the terms starting in it
  // The aspects the part is about: all it names, but after "and" only those
  // named among its first kSubjectWords words, where a subject stands ("and
  // the staff were rude"), not "the late checkout" the clerk refused.
  AspectSet subjects;
};

// Parts [first_part, last_part] judged together.
struct Group {
  std::size_t first_part;
  std::size_t last_part;
  std::optional<double> sentiment;  // known when it is one part's
  AspectSet aspects;
};

// Whether a comma followed by more than the next word stands between two
// neighbouring words: "location, terrible", not "3,5".
bool CommaBetween(std::string_view clause, const TextWord& left,
                  const TextWord& right) {
  const std::string_view between =
      clause.substr(left.end, right.begin - left.end);
  const std::size_t comma = between.find(',');
  return comma != std::string_view::npos && comma + 1 < between.size();
}

// Sets `parts` to the runs of `words` between commas and conjunctions (the
// conjunctions left out), never inside a term. False when an aspect's index
// does not fit an AspectSet (a taxonomy of more than 64 aspects): then the
// clause is not split.
bool SplitParts(std::string_view clause, const std::vector<TextWord>& words,
                const std::vector<AspectMatcher::TermMatch>& matches,
                const std::vector<std::string_view>& conjunctions,
                std::vector<Part>* parts) {
  thread_local std::vector<int> term_of;  // the match a word is in, or -1
  term_of.assign(words.size(), -1);
  for (std::size_t m = 0; m < matches.size(); ++m) {
    std::fill(term_of.begin() + matches[m].begin,
              term_of.begin() + matches[m].end, static_cast<int>(m));
  }
  parts->clear();
  std::size_t start = 0;
  bool after_conjunction = false;
  auto close_part = [&](std::size_t end) {
    if (end > start) parts->push_back({start, end, after_conjunction, 0, 0});
  };
  for (std::size_t k = 1; k < words.size(); ++k) {
    if (term_of[k] >= 0 && term_of[k] == term_of[k - 1]) continue;
    if (CommaBetween(clause, words[k - 1], words[k])) {
      close_part(k);
      start = k;
      after_conjunction = false;
    }
    const bool conjunction =
        term_of[k] < 0 && std::find(conjunctions.begin(), conjunctions.end(),
                                    words[k].lower) != conjunctions.end();
    if (conjunction && k + 1 < words.size()) {
      close_part(k);
      start = k + 1;
      after_conjunction = true;
    }
  }
  close_part(words.size());
  // Both in text order: one pass, whatever the clause's length.
  std::size_t p = 0;
  for (const AspectMatcher::TermMatch& match : matches) {
    while (p < parts->size() && (*parts)[p].end_word <= match.begin) ++p;
    if (p == parts->size()) break;
    Part& part = (*parts)[p];
    for (const AspectTaxonomy::AspectRef& ref : *match.aspects) {
      if (ref.index < 0 || ref.index >= kMaxSegmentedAspects) return false;
      part.aspects |= AspectSet{1} << ref.index;
      if (!part.after_conjunction ||
          match.begin < part.begin_word + kSubjectWords) {
        part.subjects |= AspectSet{1} << ref.index;
      }
    }
  }
  return true;
}

}  // namespace

void SegmentClause(std::string_view clause, const std::vector<TextWord>& words,
                   const std::vector<AspectMatcher::TermMatch>& matches,
                   const std::vector<std::string_view>& conjunctions,
                   absl::FunctionRef<double(std::string_view)> score,
                   std::vector<ClauseSegment>* segments) {
  segments->clear();
  if (matches.size() < 2) return;
  // Per-thread scratch, reused between calls.
  thread_local std::vector<Part> parts;
  thread_local std::vector<Group> groups;
  if (!SplitParts(clause, words, matches, conjunctions, &parts)) return;
  // Only parts naming different aspects can judge them differently; the
  // common clause names one aspect, or the same in each part, and is
  // scored no more.
  AspectSet first_named = 0;
  bool differ = false;
  for (const Part& part : parts) {
    if (part.subjects == 0) continue;
    differ = first_named != 0 && part.subjects != first_named;
    if (differ) break;
    first_named = part.subjects;
  }
  if (!differ) return;

  // The text of parts [first, last]: from the clause's start for the first
  // part, to its end (its closing punctuation) for the last.
  auto text_of = [&](std::size_t first, std::size_t last) {
    const std::size_t begin =
        first == 0 ? 0 : words[parts[first].begin_word].begin;
    const std::size_t end = last + 1 == parts.size()
                                ? clause.size()
                                : words[parts[last].end_word - 1].end;
    return clause.substr(begin, end - begin);
  };
  auto extend_last_group = [&](std::size_t from, std::size_t to) {
    Group& last = groups.back();
    last.last_part = to;
    last.sentiment.reset();
    for (std::size_t q = from; q <= to; ++q) last.aspects |= parts[q].aspects;
  };
  groups.clear();
  // Parts before the first that names an aspect, which join it.
  std::optional<std::size_t> leading;
  for (std::size_t p = 0; p < parts.size(); ++p) {
    if (parts[p].subjects == 0) {
      if (!groups.empty()) {
        extend_last_group(p, p);
      } else if (!leading.has_value()) {
        leading = p;
      }
      continue;
    }
    const double sentiment = score(text_of(p, p));
    // A part that names an aspect without judging it leaves the judgement
    // to the rest of the clause ("The room and the bathroom were spotless",
    // "the room, the staff, the noise and the wifi were awful", where "the
    // noise" alone would be a complaint that is not the staff's): the
    // clause stays whole.
    if (std::fabs(sentiment) < kNeutralBand) return;
    Group group{leading.value_or(p), p, std::nullopt, 0};
    if (!leading.has_value()) group.sentiment = sentiment;
    for (std::size_t q = group.first_part; q <= p; ++q) {
      group.aspects |= parts[q].aspects;
    }
    leading.reset();
    if (!groups.empty() && groups.back().aspects == group.aspects) {
      extend_last_group(group.first_part, p);
    } else {
      groups.push_back(group);
    }
  }
  if (groups.size() < 2) return;
  // Parts that agree are judged best together: the clause's words weigh
  // each other (a negation, a booster) as they were written, where a short
  // part alone is easily misread ("no fuss" reads as a fuss). Only parts
  // that disagree are told apart.
  bool praise = false;
  bool blame = false;
  for (Group& group : groups) {
    if (!group.sentiment.has_value()) {
      group.sentiment = score(text_of(group.first_part, group.last_part));
    }
    praise = praise || *group.sentiment >= kNeutralBand;
    blame = blame || *group.sentiment <= -kNeutralBand;
  }
  if (!praise || !blame) return;
  for (const Group& group : groups) {
    segments->push_back({text_of(group.first_part, group.last_part),
                         *group.sentiment, group.aspects});
  }
}

}  // namespace guestvoice::analysis
