#include "analysis/internal/diacritics.h"

#include <string>

#include "gtest/gtest.h"

namespace guestvoice::analysis {
namespace {

std::string Fold(std::string_view word) {
  std::string buffer;
  return std::string(FoldDiacritics(word, &buffer));
}

TEST(FoldDiacriticsTest, RemovesTheDiacriticsOfLatin1Letters) {
  EXPECT_EQ(Fold("não"), "nao");
  EXPECT_EQ(Fold("péssimo"), "pessimo");
  EXPECT_EQ(Fold("açúcar"), "acucar");
  EXPECT_EQ(Fold("àâäåèêëìîïñòôöùûüýÿ"), "aaaaeeeiiinooouuuyy");
}

TEST(FoldDiacriticsTest, KeepsEverythingElse) {
  std::string buffer;
  const std::string_view plain = "limpo";
  // Nothing to fold: the word itself, not a copy.
  EXPECT_EQ(FoldDiacritics(plain, &buffer).data(), plain.data());
  // Letters without a base letter, other scripts, and uppercase (callers
  // lowercase first) stay as they are.
  EXPECT_EQ(Fold("æøðþ÷"), "æøðþ÷");
  EXPECT_EQ(Fold("ÉTÉ"), "ÉTÉ");
  EXPECT_EQ(Fold("été ß ł ж"), "ete ß ł ж");
  EXPECT_EQ(Fold("café\xC3"), "cafe\xC3");  // a cut sequence at the end
}

std::string Typed(std::string_view word, bool umlauts_as_digraphs) {
  std::string buffer;
  return std::string(
      TypedWithoutDiacritics(word, umlauts_as_digraphs, &buffer));
}

TEST(TypedWithoutDiacriticsTest, DropsTheMarksAndWritesOeForTheLigature) {
  EXPECT_EQ(Typed("très", false), "tres");
  EXPECT_EQ(Typed("déçu", false), "decu");
  EXPECT_EQ(Typed("habitación", false), "habitacion");
  EXPECT_EQ(Typed("œufs", false), "oeufs");
  EXPECT_EQ(Typed("cœur", true), "coeur");
  // Umlauts dropped where the language does not write them as digraphs.
  EXPECT_EQ(Typed("hygiëne", false), "hygiene");
  EXPECT_EQ(Typed("schön", false), "schon");
}

TEST(TypedWithoutDiacriticsTest, GermanWritesUmlautsAndEszettAsDigraphs) {
  EXPECT_EQ(Typed("frühstück", true), "fruehstueck");
  EXPECT_EQ(Typed("schön", true), "schoen");
  EXPECT_EQ(Typed("häßlich", true), "haesslich");
  EXPECT_EQ(Typed("größe", true), "groesse");
  // Other letters as in every language.
  EXPECT_EQ(Typed("café", true), "cafe");
}

TEST(TypedWithoutDiacriticsTest, KeepsAWordWithNothingToChange) {
  std::string buffer;
  const std::string_view plain = "fruehstueck";
  EXPECT_EQ(TypedWithoutDiacritics(plain, true, &buffer).data(), plain.data());
  EXPECT_EQ(Typed("ß", false), "ß");  // no base letter, no digraphs asked
  EXPECT_EQ(Typed("ł ж", true), "ł ж");
}

TEST(HasDiacriticsTest, TellsATextTypedWithoutThem) {
  EXPECT_FALSE(HasDiacritics("tres decu par le sejour", false));
  EXPECT_TRUE(HasDiacritics("tres decu par le séjour", false));
  EXPECT_TRUE(HasDiacritics("cœur", false));
  EXPECT_FALSE(HasDiacritics("strasse", true));
  EXPECT_TRUE(HasDiacritics("straße", true));
  EXPECT_FALSE(HasDiacritics("", true));
}

}  // namespace
}  // namespace guestvoice::analysis
