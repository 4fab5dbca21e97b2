#ifndef GUESTVOICE_ANALYSIS_INTERNAL_TEXT_RATINGS_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_TEXT_RATINGS_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace guestvoice::analysis {

// A score a guest writes into the text: "10/10", "8,5/10", "4 out of 5",
// "3 von 5 Sternen", "5 stars", "una estrella", "★★★★☆", "⭐⭐⭐⭐⭐". No
// lexicon has a word for these, so "5 stars!" and "1/10." scored 0.
struct TextRating {
  // Bytes of the text: whole runs of non-whitespace, from the rating's
  // first to its last.
  std::size_t begin;
  std::size_t end;
  // What it weighs as a word of the lexicon would (VADER's scale): +3.0 for
  // full marks, 0 for three of five (a middling stay), -3.0 for one of five,
  // down to -3.4 for nothing. A word of the text negating a rating of praise
  // ("doesn't deserve 5 stars") negates it; one of blame stays blame ("I
  // wouldn't even give it one star").
  double valence;
};

// The ratings of `valid_text` (UTF-8), in text order, into `ratings`
// (cleared first). The words around a number decide whether it is one:
//   - "A/B" with B one of 5, 10, 20, 100 and A at most B;
//   - a number (digits, or a word from zero to five in the seven languages
//     scored) before a word for stars: plural ("5 stars", "fünf Sterne"),
//     or singular for zero and one ("1 star", "zéro étoile"), but not where
//     it names a hotel's class ("a 5 star hotel", "un hôtel 5 étoiles",
//     "ein 5 Sterne Hotel", "un 5 stelle");
//   - "A out of B" ("4 out of 5"), and "A von/sur/su/op/de/sobre/em B" where
//     the clause ends after B or stars or points follow it;
//   - a run of star symbols: filled of all when it has empty ones
//     ("★★★☆☆" is 3 of 5), else filled of five.
// Articles ("une", "ein", "een") are a one only before a singular word for
// star, and not after a copula: "sie war ein Stern" praises a person, and
// "a" is no number at all ("she was a star"). Linear in the size of the
// text; allocates nothing once warmed up.
void FindTextRatings(std::string_view valid_text,
                     std::vector<TextRating>* ratings);

// Whether `word` may be where a rating is found: it starts with a digit or
// a star symbol, or is a word for stars. Lets a caller that has the words
// already skip FindTextRatings for the many texts without one.
bool MayAnchorRating(std::string_view word);

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_TEXT_RATINGS_H_
