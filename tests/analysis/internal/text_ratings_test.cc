#include "analysis/internal/text_ratings.h"

#include <cmath>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"

namespace guestvoice::analysis {
namespace {

// A rating of a text: the text it covers, and its valence (to a rounding
// error).
struct Found {
  std::string covers;
  double valence;
  bool operator==(const Found& other) const {
    return covers == other.covers && std::fabs(valence - other.valence) < 1e-9;
  }
};

std::ostream& operator<<(std::ostream& out, const Found& found) {
  return out << "{\"" << found.covers << "\", " << found.valence << "}";
}

std::vector<Found> Ratings(std::string_view text) {
  std::vector<TextRating> ratings;
  FindTextRatings(text, &ratings);
  std::vector<Found> found;
  for (const TextRating& rating : ratings) {
    found.push_back(
        {std::string(text.substr(rating.begin, rating.end - rating.begin)),
         rating.valence});
  }
  return found;
}

TEST(TextRatingsTest, ScoresOutOfAScaleWeighAsWordsOfTheLexicon) {
  EXPECT_EQ(Ratings("10/10 would stay again"),
            (std::vector<Found>{{"10/10", 3.0}}));
  EXPECT_EQ(Ratings("Rated it 2/5."), (std::vector<Found>{{"2/5.", -1.5}}));
  EXPECT_EQ(Ratings("8,5/10 petit déjeuner top"),
            (std::vector<Found>{{"8,5/10", 1.875}}));
  EXPECT_EQ(Ratings("3/5"), (std::vector<Found>{{"3/5", 0.0}}));
  // Nothing at all weighs a little more than one of five.
  EXPECT_EQ(Ratings("0/10"), (std::vector<Found>{{"0/10", -3.4}}));
  EXPECT_EQ(Ratings("I would give it 4 out of 5 stars."),
            (std::vector<Found>{{"4 out of 5 stars.", 1.5}}));
  EXPECT_EQ(Ratings("Ich gebe 3 von 5 Sternen, mehr nicht"),
            (std::vector<Found>{{"3 von 5 Sternen,", 0.0}}));
  EXPECT_EQ(Ratings("Note : 4 sur 5."),
            (std::vector<Found>{{"4 sur 5.", 1.5}}));
  EXPECT_EQ(Ratings("8 uit 10"), (std::vector<Found>{{"8 uit 10", 1.5}}));
}

TEST(TextRatingsTest, StarsInTheSevenLanguages) {
  EXPECT_EQ(Ratings("5 stars!"), (std::vector<Found>{{"5 stars!", 3.0}}));
  EXPECT_EQ(Ratings("One star. The room was tiny."),
            (std::vector<Found>{{"One star.", -3.0}}));
  EXPECT_EQ(Ratings("Ich gebe einen Stern."),
            (std::vector<Found>{{"einen Stern.", -3.0}}));
  EXPECT_EQ(Ratings("Cinq étoiles !"),
            (std::vector<Found>{{"Cinq étoiles", 3.0}}));
  EXPECT_EQ(Ratings("zéro étoile"),
            (std::vector<Found>{{"zéro étoile", -3.4}}));
  EXPECT_EQ(Ratings("Le doy una estrella."),
            (std::vector<Found>{{"una estrella.", -3.0}}));
  EXPECT_EQ(Ratings("Cinque stelle!"),
            (std::vector<Found>{{"Cinque stelle!", 3.0}}));
  EXPECT_EQ(Ratings("Duas estrelas"),
            (std::vector<Found>{{"Duas estrelas", -1.5}}));
  EXPECT_EQ(Ratings("Eén ster."), (std::vector<Found>{{"Eén ster.", -3.0}}));
  EXPECT_EQ(Ratings("Hotel: 4 Sterne"),
            (std::vector<Found>{{"4 Sterne", 1.5}}));
}

TEST(TextRatingsTest, StarSymbols) {
  EXPECT_EQ(Ratings("★★★★★"), (std::vector<Found>{{"★★★★★", 3.0}}));
  EXPECT_EQ(Ratings("⭐️⭐️⭐️⭐️"),
            (std::vector<Found>{{"⭐️⭐️⭐️⭐️", 1.5}}));
  EXPECT_EQ(Ratings("★☆☆☆☆ dirty room"), (std::vector<Found>{{"★☆☆☆☆", -3.0}}));
  EXPECT_EQ(Ratings("5⭐"), (std::vector<Found>{{"5⭐", 3.0}}));
  EXPECT_EQ(Ratings("2 ⭐"), (std::vector<Found>{{"2 ⭐", -1.5}}));
  // One or two stars without empty ones decorate.
  EXPECT_EQ(Ratings("Great stay ⭐"), std::vector<Found>());
  EXPECT_EQ(Ratings("⭐⭐ breakfast"), std::vector<Found>());
}

TEST(TextRatingsTest, NumbersThatRateNothing) {
  for (std::string_view text : {
           "Reception open 24/7.",
           "We arrived on 10/10 and left on 12/10.",
           "The room was 1/2 the size.",
           "Only 2 out of 4 lifts worked.",
           "Solo 2 de 5 ascensores funcionaban.",
           "Nur 2 von 5 Aufzügen funktionierten.",
           "A 5 star hotel with a dirty room.",
           "a 5 stars hotel",
           "Ein 5 Sterne Hotel mit schmutzigem Bad.",
           "Un hôtel 5 étoiles, chambre sale.",
           "Un hotel de 5 estrellas.",
           "Un 5 stelle deludente.",
           "Een 5 sterren hotel.",
           "She was a star.",
           "Sie war ein Stern an der Rezeption.",
           "It doesn't deserve its 5 stars.",
           "We stayed 5 nights, 10 minutes from the beach.",
           "12/10/2026",
           "5-star service",
       }) {
    EXPECT_EQ(Ratings(text), std::vector<Found>()) << text;
  }
  // The first rates; "a 2 star price" is a class.
  EXPECT_EQ(Ratings("3 stars for a 2 star price"),
            (std::vector<Found>{{"3 stars", 0.0}}));
}

}  // namespace
}  // namespace guestvoice::analysis
