#include "storage/decoded_counter_table.h"

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

using Entries = std::map<std::string, std::vector<int64_t>>;

std::string Encoded(const Entries& entries, size_t slot_count) {
  CounterTableBuilder builder(slot_count);
  for (const auto& [key, slots] : entries) builder.Add(key, slots);
  return std::move(builder).Finish();
}

Entries Read(const DecodedCounterTable& table) {
  Entries entries;
  for (size_t i = 0; i < table.entry_count(); ++i) {
    entries[std::string(table.key(i))] = std::vector<int64_t>(
        table.slots(i), table.slots(i) + table.slot_count());
  }
  return entries;
}

// What a sum visits, as entries.
using SumVisits = std::vector<std::pair<std::string, std::vector<int64_t>>>;

TEST(DecodedCounterTableTest, DecodesEveryEntryAsEncoded) {
  const Entries entries = {
      {"", {1, 0, 0}},
      {"a/voice", {-1, std::numeric_limits<int64_t>::min(), 7}},
      {std::string("g/\0x", 4), {0, std::numeric_limits<int64_t>::max(), -3}}};
  absl::StatusOr<DecodedCounterTable> decoded =
      DecodedCounterTable::Decode(Encoded(entries, 3));
  ASSERT_OK(decoded.status());
  EXPECT_EQ(decoded->slot_count(), 3u);
  EXPECT_EQ(Read(*decoded), entries);
  EXPECT_GT(decoded->memory_bytes(), 0u);
}

TEST(DecodedCounterTableTest, RefusesMalformedTables) {
  EXPECT_THAT(DecodedCounterTable::Decode(""),
              StatusIs(absl::StatusCode::kDataLoss));
  std::string truncated = Encoded({{"a", {5, 6}}}, 2);
  truncated.pop_back();
  EXPECT_THAT(DecodedCounterTable::Decode(truncated),
              StatusIs(absl::StatusCode::kDataLoss));
  // Out of order: "b" then "a".
  std::string out_of_order = Encoded({{"b", {1}}}, 1);
  out_of_order += Encoded({{"a", {1}}}, 1).substr(2);
  EXPECT_THAT(DecodedCounterTable::Decode(out_of_order),
              StatusIs(absl::StatusCode::kDataLoss));
}

TEST(DecodedCounterTableTest, BuilderSkipsAllZeroEntriesAndPadsSlots) {
  DecodedCounterTableBuilder builder(3);
  builder.Add("a", {0, 0, 0});
  builder.Add("b", {4});
  const DecodedCounterTable table = std::move(builder).Finish();
  EXPECT_EQ(Read(table), (Entries{{"b", {4, 0, 0}}}));
}

// Random tables summed decoded give exactly what the encoded sum gives, with
// subtraction, shared keys, tables of fewer slots, and more tables than the
// scanning merge takes (the heap).
TEST(DecodedCounterTableTest, SumsAsEncodedTablesSum) {
  std::mt19937_64 rng(42);
  for (int round = 0; round < 200; ++round) {
    const size_t table_count = 1 + rng() % 12;
    std::vector<std::string> encoded;
    std::vector<DecodedCounterTable> decoded;
    for (size_t t = 0; t < table_count; ++t) {
      Entries entries;
      const size_t slot_count = 1 + rng() % 5;
      for (int e = static_cast<int>(rng() % 20); e > 0; --e) {
        std::vector<int64_t> slots(slot_count);
        for (int64_t& slot : slots) slot = static_cast<int64_t>(rng() % 7) - 3;
        entries[std::string(1 + rng() % 10,
                            static_cast<char>('a' + rng() % 4))] = slots;
      }
      encoded.push_back(Encoded(entries, slot_count));
      absl::StatusOr<DecodedCounterTable> table =
          DecodedCounterTable::Decode(encoded.back());
      ASSERT_OK(table.status());
      decoded.push_back(*std::move(table));
    }
    const size_t added = rng() % (table_count + 1);
    std::vector<std::string_view> encoded_added(encoded.begin(),
                                                encoded.begin() + added);
    std::vector<std::string_view> encoded_subtracted(encoded.begin() + added,
                                                     encoded.end());
    std::vector<const DecodedCounterTable*> decoded_added;
    std::vector<const DecodedCounterTable*> decoded_subtracted;
    for (size_t t = 0; t < table_count; ++t) {
      (t < added ? decoded_added : decoded_subtracted).push_back(&decoded[t]);
    }
    auto collect = [](SumVisits& visits) {
      return [&visits](std::string_view key, const CounterSlots& sums) {
        visits.emplace_back(
            std::string(key),
            std::vector<int64_t>(sums.values.begin(),
                                 sums.values.begin() + sums.size));
      };
    };
    SumVisits want;
    ASSERT_OK(
        SumCounterTables(encoded_added, encoded_subtracted, collect(want)));
    SumVisits got;
    SumDecodedCounterTables(decoded_added, decoded_subtracted, collect(got));
    EXPECT_EQ(got, want) << "round " << round;
  }
}

}  // namespace
}  // namespace guestvoice::storage
