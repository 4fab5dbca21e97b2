#ifndef GUESTVOICE_ANALYSIS_INTERNAL_CLAUSE_SEGMENTS_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_CLAUSE_SEGMENTS_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "analysis/internal/aspect_matcher.h"
#include "analysis/internal/text_words.h"

namespace guestvoice::analysis {

// A set of aspects (AspectTaxonomy indices): bit i holds index i.
using AspectSet = std::uint64_t;
// Clauses are split only where every aspect index is below this: a taxonomy
// has ten aspects; one an operator grew past 64 keeps its clauses whole.
inline constexpr int kMaxSegmentedAspects = 64;

// A part of a clause that judges its own aspects.
struct ClauseSegment {
  std::string_view text;  // a view into the clause
  double sentiment;       // its compound
  AspectSet aspects;      // those its terms name
};

// Where one clause judges different aspects in opposite ways, in parts
// joined by a comma or by "and" ("Great location, terrible breakfast", "The
// room was clean and the staff rude"), sets `segments` to those parts, each
// scored on its own by `score` (a text's compound), so that each aspect
// takes the judgement next to its own term rather than the sum of the
// clause, which said both were mildly one thing. A part that names no
// aspect belongs with the part before it ("The pool was great and so much
// fun"), or with the first that names one; a part after "and" names only
// the aspects among its first kSubjectWords words, where its subject
// stands ("and the staff were rude"; not the checkout of "The clerk was
// rude and refused us a late checkout"). Neighbouring parts that name the
// same aspects are one ("The staff were friendly and helpful"). A term is
// never split ("bed and breakfast"). Clears `segments`, leaving the clause
// whole as before:
//  - when fewer than two parts name different aspects;
//  - when a part names an aspect without judging it: the judgement is then
//    elsewhere in the clause ("The room and the bathroom were spotless",
//    "Breakfast, which was included, was cold", "the room, the staff, the
//    noise and the wifi were awful");
//  - when the parts agree (no praise against blame): the clause's words
//    then weigh each other as written, where a short part alone is easily
//    misread ("no fuss" reads as a fuss), and every aspect has the right
//    polarity from the clause already.
//
// `words` and `matches` are the clause's (offsets into `clause`);
// `conjunctions` the language's words for "and" and "or" (lowercase).
void SegmentClause(std::string_view clause, const std::vector<TextWord>& words,
                   const std::vector<AspectMatcher::TermMatch>& matches,
                   const std::vector<std::string_view>& conjunctions,
                   absl::FunctionRef<double(std::string_view)> score,
                   std::vector<ClauseSegment>* segments);

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_CLAUSE_SEGMENTS_H_
