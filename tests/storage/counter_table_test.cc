#include "storage/counter_table.h"

#include <cstdint>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::storage {
namespace {

using ::guestvoice::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Pair;

using Entries = std::map<std::string, std::vector<int64_t>>;

std::string Table(const Entries& entries, size_t slot_count = 3) {
  CounterTableBuilder builder(slot_count);
  for (const auto& [key, slots] : entries) builder.Add(key, slots);
  return std::move(builder).Finish();
}

Entries Read(std::string_view table) {
  Entries entries;
  absl::StatusOr<CounterTableReader> reader = CounterTableReader::Open(table);
  EXPECT_TRUE(reader.ok()) << reader.status();
  if (!reader.ok()) return entries;
  while (reader->Next()) {
    const CounterSlots& slots = reader->slots();
    entries[std::string(reader->key())] = std::vector<int64_t>(
        slots.values.begin(), slots.values.begin() + slots.size);
  }
  EXPECT_TRUE(reader->status().ok()) << reader->status();
  return entries;
}

Entries Merged(const std::vector<std::string>& tables) {
  std::vector<std::string_view> views(tables.begin(), tables.end());
  absl::StatusOr<std::string> merged = MergeCounterTables(views);
  EXPECT_TRUE(merged.ok()) << merged.status();
  return merged.ok() ? Read(*merged) : Entries();
}

TEST(CounterTableTest, RoundTripsEntriesWithAnySignAndSize) {
  const Entries entries = {
      {"", {1, 0, 0}},
      {"a/voice", {-1, std::numeric_limits<int64_t>::min(), 7}},
      {std::string("g/\0x", 4), {0, std::numeric_limits<int64_t>::max(), -3}}};
  EXPECT_EQ(Read(Table(entries)), entries);
  EXPECT_THAT(Read(Table({})), ElementsAre());
}

TEST(CounterTableTest, SkipsAllZeroEntriesAndPadsShortOnes) {
  CounterTableBuilder builder(3);
  builder.Add("a", {0, 0, 0});
  builder.Add("b", {5});
  EXPECT_EQ(builder.entry_count(), 1u);
  EXPECT_THAT(Read(std::move(builder).Finish()),
              ElementsAre(Pair("b", ElementsAre(5, 0, 0))));
}

TEST(CounterTableTest, SmallCountersTakeOneByteEach) {
  // Format byte, slot count, then per entry: key length, key, 3 slots.
  EXPECT_EQ(Table({{"v", {1, -1, 2}}}).size(), 2u + 1 + 1 + 3);
}

TEST(CounterTableTest, RejectsMalformedTables) {
  const std::string good = Table({{"a", {1, 2, 3}}, {"b", {4, 5, 6}}});
  EXPECT_OK(CheckCounterTable(good));
  EXPECT_THAT(CheckCounterTable(""), StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(CheckCounterTable("\x07"),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("format")));
  EXPECT_THAT(CheckCounterTable(std::string("\x01\x09", 2)),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("slot count")));
  for (size_t size = 3; size < good.size(); ++size) {
    if (size == 2 + 5) continue;  // Ends exactly after the first entry.
    EXPECT_THAT(CheckCounterTable(good.substr(0, size)),
                StatusIs(absl::StatusCode::kDataLoss))
        << "truncated to " << size;
  }
  // The same entries, the second key before the first.
  const std::string swapped =
      good.substr(0, 2) + good.substr(7) + good.substr(2, 5);
  EXPECT_THAT(CheckCounterTable(swapped),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("order")));
}

TEST(CounterTableTest, MergeAddsEntryByEntryAndDropsZeroSums) {
  EXPECT_THAT(Merged({Table({{"a", {1, 10, 0}}, {"b", {1, -5, 1}}}),
                      Table({{"b", {-1, 5, -1}}, {"c", {2, 2, 2}}}),
                      Table({{"a", {1, 1, 1}}})}),
              ElementsAre(Pair("a", ElementsAre(2, 11, 1)),
                          Pair("c", ElementsAre(2, 2, 2))));
}

TEST(CounterTableTest, SubtractedTablesAreTakenOff) {
  const std::string month = Table({{"a", {3, 30, 0}}, {"b", {1, 5, 1}}});
  const std::string day = Table({{"b", {1, 5, 1}}, {"c", {1, 1, 1}}});
  const std::vector<std::string_view> added = {month};
  const std::vector<std::string_view> subtracted = {day};
  Entries sums;
  ASSERT_OK(SumCounterTables(
      added, subtracted, [&](std::string_view key, const CounterSlots& slots) {
        sums[std::string(key)] = std::vector<int64_t>(
            slots.values.begin(), slots.values.begin() + slots.size);
      }));
  // "b" cancels out; "c" only in the subtracted table goes negative.
  EXPECT_THAT(sums, ElementsAre(Pair("a", ElementsAre(3, 30, 0)),
                                Pair("c", ElementsAre(-1, -1, -1))));
}

TEST(CounterTableTest, MergeZeroExtendsTablesWithFewerSlots) {
  EXPECT_THAT(Merged({Table({{"a", {1}}}, 1), Table({{"a", {1, 2, 3}}}, 3)}),
              ElementsAre(Pair("a", ElementsAre(2, 2, 3))));
}

TEST(CounterTableTest, SumsWrapInsteadOfOverflowing) {
  EXPECT_THAT(
      Merged({Table({{"a", {std::numeric_limits<int64_t>::max()}}}, 1),
              Table({{"a", {1}}}, 1)}),
      ElementsAre(Pair("a", ElementsAre(std::numeric_limits<int64_t>::min()))));
}

TEST(CounterTableTest, MergeFailsOnAMalformedTable) {
  const std::string good = Table({{"a", {1, 2, 3}}});
  const std::vector<std::string_view> tables = {good, "\x01\x03\x05"};
  EXPECT_THAT(MergeCounterTables(tables),
              StatusIs(absl::StatusCode::kDataLoss));
}

// RocksDB folds operands in whatever grouping its flushes and compactions
// produce, and readers sum blocks in one k-way pass: every grouping must give
// the plain entry-by-entry sum.
TEST(CounterTableTest, AnyGroupingGivesTheBruteForceSum) {
  std::mt19937_64 random(7);
  for (int round = 0; round < 200; ++round) {
    std::vector<std::string> tables;
    Entries expected;
    const int count = 1 + static_cast<int>(random() % 12);
    for (int t = 0; t < count; ++t) {
      Entries entries;
      const int keys = static_cast<int>(random() % 6);
      for (int k = 0; k < keys; ++k) {
        std::vector<int64_t>& slots =
            entries[std::string(1, static_cast<char>('a' + random() % 8))];
        slots.assign(3, 0);
        for (int64_t& slot : slots) {
          slot = static_cast<int64_t>(random() % 7) - 3;
        }
      }
      for (const auto& [key, slots] : entries) {
        std::vector<int64_t>& sum = expected[key];
        sum.resize(3);
        for (size_t s = 0; s < 3; ++s) sum[s] += slots[s];
      }
      tables.push_back(Table(entries));
    }
    for (auto it = expected.begin(); it != expected.end();) {
      it = it->second == std::vector<int64_t>(3, 0) ? expected.erase(it)
                                                    : std::next(it);
    }
    EXPECT_EQ(Merged(tables), expected) << "all at once, round " << round;
    // Merge random adjacent pairs until one table is left.
    while (tables.size() > 1) {
      const size_t i = random() % (tables.size() - 1);
      const std::vector<std::string_view> pair = {tables[i], tables[i + 1]};
      absl::StatusOr<std::string> merged = MergeCounterTables(pair);
      ASSERT_TRUE(merged.ok()) << merged.status();
      tables[i] = *std::move(merged);
      tables.erase(tables.begin() + i + 1);
    }
    EXPECT_EQ(Read(tables[0]), expected) << "pairwise, round " << round;
  }
}

// Keys as insight blocks have them: long shared prefixes (an aspect, a voice
// kind), bytes of either sign, keys that are prefixes of others. Sums over
// few tables and over many take different paths; both must visit every key
// once, in byte order, with the entry-by-entry sum.
TEST(CounterTableTest, SumsLongKeysInByteOrderOverFewOrManyTables) {
  std::mt19937_64 random(11);
  const std::string alphabet("a\x00\x7f\x80\xff", 5);
  for (int round = 0; round < 100; ++round) {
    const int count = 1 + static_cast<int>(random() % 20);
    std::vector<std::string> tables;
    tables.reserve(count);  // added and subtracted point into them
    std::vector<std::string_view> added;
    std::vector<std::string_view> subtracted;
    Entries expected;
    for (int t = 0; t < count; ++t) {
      Entries entries;
      for (int k = static_cast<int>(random() % 8); k > 0; --k) {
        std::string key =
            "\x0b"
            "cleanliness"
            "a/handle";
        key.resize(random() % (key.size() + 1));
        for (int extra = static_cast<int>(random() % 12); extra > 0; --extra) {
          key.push_back(alphabet[random() % alphabet.size()]);
        }
        entries[key] = {static_cast<int64_t>(random() % 5) + 1};
      }
      tables.push_back(Table(entries, 1));
      const bool subtract = random() % 3 == 0;
      for (const auto& [key, slots] : entries) {
        std::vector<int64_t>& sum = expected[key];
        sum.resize(1);
        sum[0] += subtract ? -slots[0] : slots[0];
      }
      (subtract ? subtracted : added).push_back(tables.back());
    }
    for (auto it = expected.begin(); it != expected.end();) {
      it = it->second[0] == 0 ? expected.erase(it) : std::next(it);
    }
    using Visits = std::vector<std::pair<std::string, std::vector<int64_t>>>;
    Visits visited;
    ASSERT_OK(SumCounterTables(
        added, subtracted, [&](std::string_view key, const CounterSlots& sums) {
          visited.emplace_back(std::string(key), std::vector<int64_t>{sums[0]});
        }));
    // std::map orders std::string keys bytewise, as unsigned chars.
    EXPECT_EQ(visited, Visits(expected.begin(), expected.end()))
        << "round " << round << ", " << count << " tables";
  }
}

}  // namespace
}  // namespace guestvoice::storage
