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

}  // namespace
}  // namespace guestvoice::analysis
