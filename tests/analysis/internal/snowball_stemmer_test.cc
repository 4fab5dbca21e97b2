#include "analysis/internal/snowball_stemmer.h"

#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace guestvoice::analysis {
namespace {

// Words of several languages' inflections, stemmed on a thread of their own:
// its cache starts empty, so these are Snowball's own answers.
std::vector<std::string> StemsOnAFreshThread(
    const char* algorithm, const std::vector<std::string>& words) {
  std::vector<std::string> stems;
  std::thread([&] {
    for (const std::string& word : words) {
      stems.emplace_back(SnowballStem(algorithm, word));
    }
  }).join();
  return stems;
}

const std::vector<std::string>& ItalianWords() {
  static const std::vector<std::string> kWords = {
      "camere",    "camera",   "pulitissime", "sporchi",  "gentilissimo",
      "colazione", "rumorosa", "personale",   "scortesi", "camere"};
  return kWords;
}

TEST(SnowballStemTest, StemsInflectedWords) {
  EXPECT_EQ(SnowballStem("french", "impolies"), "impol");
  EXPECT_EQ(SnowballStem("french", "impoli"), "impol");
  EXPECT_EQ(SnowballStem("english", "rooms"), "room");
  // An unknown algorithm gives the word itself.
  EXPECT_EQ(SnowballStem("klingon", "qapla"), "qapla");
}

TEST(SnowballStemTest, RememberedStemsAreSnowballs) {
  const std::vector<std::string> expected =
      StemsOnAFreshThread("italian", ItalianWords());
  // Twice on this thread: the second time every stem comes from the cache.
  for (int round = 0; round < 2; ++round) {
    for (std::size_t i = 0; i < ItalianWords().size(); ++i) {
      EXPECT_EQ(SnowballStem("italian", ItalianWords()[i]), expected[i])
          << ItalianWords()[i] << ", round " << round;
    }
  }
}

TEST(SnowballStemTest, StemOnceGivesTheSameStems) {
  const std::vector<std::string> expected =
      StemsOnAFreshThread("italian", ItalianWords());
  for (std::size_t i = 0; i < ItalianWords().size(); ++i) {
    EXPECT_EQ(SnowballStemOnce("italian", ItalianWords()[i]), expected[i]);
    EXPECT_EQ(SnowballStem("italian", ItalianWords()[i]), expected[i]);
  }
}

TEST(SnowballStemTest, AFullCacheStartsAgainAndStaysRight) {
  const std::vector<std::string> expected =
      StemsOnAFreshThread("italian", ItalianWords());
  std::thread([&] {
    for (const std::string& word : ItalianWords()) {
      SnowballStem("italian", word);
    }
    // More distinct words than the cache holds: it is emptied at least once.
    for (std::size_t i = 0; i < kMaxCachedStems + 100; ++i) {
      const std::string word = "parola" + std::to_string(i);
      EXPECT_EQ(SnowballStem("italian", word).substr(0, 6), "parola");
    }
    for (std::size_t i = 0; i < ItalianWords().size(); ++i) {
      EXPECT_EQ(SnowballStem("italian", ItalianWords()[i]), expected[i])
          << ItalianWords()[i];
    }
  }).join();
}

TEST(SnowballStemTest, ThreadsStemIndependently) {
  const std::vector<std::string> expected =
      StemsOnAFreshThread("italian", ItalianWords());
  std::vector<std::thread> threads;
  std::vector<std::vector<std::string>> results(4);
  for (std::vector<std::string>& result : results) {
    threads.emplace_back([&result] {
      for (int round = 0; round < 50; ++round) {
        result.clear();
        for (const std::string& word : ItalianWords()) {
          result.emplace_back(SnowballStem("italian", word));
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::vector<std::string>& result : results) {
    EXPECT_EQ(result, expected);
  }
}

}  // namespace
}  // namespace guestvoice::analysis
