#include "storage/key_codec.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::storage {
namespace {

using ::guestvoice::testing::StatusIs;
using ::testing::HasSubstr;

constexpr int kRandomValues = 2000;

// Checks that encoding preserves order: values sorted naturally encode to
// byte strings sorted the same way, strictly where the values differ.
template <typename T>
void ExpectOrderPreserved(std::vector<T> values,
                          const std::function<std::string(T)>& encode) {
  std::sort(values.begin(), values.end());
  for (size_t i = 1; i < values.size(); ++i) {
    const std::string previous = encode(values[i - 1]);
    const std::string current = encode(values[i]);
    if (values[i - 1] < values[i]) {
      EXPECT_LT(previous, current) << values[i - 1] << " vs " << values[i];
    } else {
      EXPECT_EQ(previous, current) << values[i - 1] << " vs " << values[i];
    }
  }
}

TEST(KeyCodecTest, Uint64RoundTripsAndKeepsOrder) {
  std::mt19937_64 random(1);
  std::vector<uint64_t> values = {
      0, 1, 255, 256, uint64_t{1} << 63, std::numeric_limits<uint64_t>::max()};
  for (int i = 0; i < kRandomValues; ++i)
    values.push_back(random() >> (i % 64));
  for (uint64_t value : values) {
    const std::string key = KeyBuilder().AppendUint64(value).Release();
    ASSERT_EQ(key.size(), 8u);
    KeyReader reader(key);
    EXPECT_EQ(reader.ReadUint64().value(), value);
    EXPECT_TRUE(reader.done());
  }
  ExpectOrderPreserved<uint64_t>(values, [](uint64_t v) {
    return KeyBuilder().AppendUint64(v).Release();
  });
}

TEST(KeyCodecTest, Uint32RoundTripsAndKeepsOrder) {
  std::mt19937 random(2);
  std::vector<uint32_t> values = {0, 1, 0x80000000u,
                                  std::numeric_limits<uint32_t>::max()};
  for (int i = 0; i < kRandomValues; ++i)
    values.push_back(random() >> (i % 32));
  for (uint32_t value : values) {
    const std::string key = KeyBuilder().AppendUint32(value).Release();
    ASSERT_EQ(key.size(), 4u);
    EXPECT_EQ(KeyReader(key).ReadUint32().value(), value);
  }
  ExpectOrderPreserved<uint32_t>(values, [](uint32_t v) {
    return KeyBuilder().AppendUint32(v).Release();
  });
}

TEST(KeyCodecTest, Int64RoundTripsAndKeepsOrderAcrossZero) {
  std::mt19937_64 random(3);
  std::vector<int64_t> values = {std::numeric_limits<int64_t>::min(),
                                 std::numeric_limits<int64_t>::min() + 1,
                                 -1,
                                 0,
                                 1,
                                 std::numeric_limits<int64_t>::max()};
  for (int i = 0; i < kRandomValues; ++i) {
    values.push_back(static_cast<int64_t>(random()) >> (i % 64));
  }
  for (int64_t value : values) {
    EXPECT_EQ(
        KeyReader(KeyBuilder().AppendInt64(value).key()).ReadInt64().value(),
        value);
  }
  ExpectOrderPreserved<int64_t>(
      values, [](int64_t v) { return KeyBuilder().AppendInt64(v).Release(); });
}

TEST(KeyCodecTest, DoubleRoundTripsBitExactAndKeepsOrder) {
  std::mt19937_64 random(4);
  std::uniform_real_distribution<double> small(-1000, 1000);
  std::vector<double> values = {-std::numeric_limits<double>::infinity(),
                                std::numeric_limits<double>::lowest(),
                                -1.0,
                                -std::numeric_limits<double>::denorm_min(),
                                0.0,
                                std::numeric_limits<double>::denorm_min(),
                                std::numeric_limits<double>::min(),
                                1.0,
                                std::numeric_limits<double>::max(),
                                std::numeric_limits<double>::infinity()};
  for (int i = 0; i < kRandomValues; ++i) {
    values.push_back(small(random));
    // Arbitrary bit patterns reach every exponent; skip the NaNs among them.
    uint64_t bits = random();
    double value;
    std::memcpy(&value, &bits, sizeof(value));
    if (!std::isnan(value)) values.push_back(value);
  }
  values.push_back(-0.0);
  for (double value : values) {
    const double decoded =
        KeyReader(KeyBuilder().AppendDouble(value).key()).ReadDouble().value();
    EXPECT_EQ(std::memcmp(&decoded, &value, sizeof(value)), 0) << value;
  }
  // -0.0 == 0.0 naturally; the encoding puts -0.0 just below +0.0.
  values.erase(std::remove_if(values.begin(), values.end(),
                              [](double v) { return v == 0.0; }),
               values.end());
  ExpectOrderPreserved<double>(
      values, [](double v) { return KeyBuilder().AppendDouble(v).Release(); });
  EXPECT_LT(KeyBuilder().AppendDouble(-0.0).key(),
            KeyBuilder().AppendDouble(0.0).key());
  EXPECT_LT(KeyBuilder()
                .AppendDouble(-std::numeric_limits<double>::denorm_min())
                .key(),
            KeyBuilder().AppendDouble(-0.0).key());
  EXPECT_LT(KeyBuilder().AppendDouble(0.0).key(),
            KeyBuilder()
                .AppendDouble(std::numeric_limits<double>::denorm_min())
                .key());
}

TEST(KeyCodecTest, NaNRoundTrips) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_TRUE(std::isnan(
      KeyReader(KeyBuilder().AppendDouble(nan).key()).ReadDouble().value()));
}

TEST(KeyCodecTest, NewestFirstSortsNewerTimesFirst) {
  std::mt19937_64 random(5);
  // About +-300 years around the epoch, in whole microseconds.
  std::uniform_int_distribution<int64_t> micros(
      -int64_t{10'000'000'000'000'000}, int64_t{10'000'000'000'000'000});
  std::vector<absl::Time> times = {
      absl::UnixEpoch(), absl::FromUnixMicros(-1), absl::FromUnixMicros(1),
      absl::FromCivil(absl::CivilSecond(1900, 1, 1), absl::UTCTimeZone()),
      absl::FromCivil(absl::CivilSecond(2100, 1, 1), absl::UTCTimeZone())};
  for (int i = 0; i < kRandomValues; ++i) {
    times.push_back(absl::FromUnixMicros(micros(random)));
  }
  for (absl::Time time : times) {
    EXPECT_EQ(KeyReader(KeyBuilder().AppendNewestFirst(time).key())
                  .ReadNewestFirst()
                  .value(),
              time);
  }
  std::sort(times.begin(), times.end());
  for (size_t i = 1; i < times.size(); ++i) {
    const std::string older =
        KeyBuilder().AppendNewestFirst(times[i - 1]).Release();
    const std::string newer =
        KeyBuilder().AppendNewestFirst(times[i]).Release();
    if (times[i - 1] < times[i]) {
      EXPECT_GT(older, newer) << times[i - 1] << " vs " << times[i];
    } else {
      EXPECT_EQ(older, newer);
    }
  }
}

TEST(KeyCodecTest, NewestFirstDropsSubMicroseconds) {
  const absl::Time time = absl::FromUnixNanos(1'000'001'999);
  EXPECT_EQ(KeyReader(KeyBuilder().AppendNewestFirst(time).key())
                .ReadNewestFirst()
                .value(),
            absl::FromUnixMicros(1'000'001));
}

TEST(KeyCodecTest, NewestFirstSaturatesInfiniteTimes) {
  EXPECT_LT(KeyBuilder().AppendNewestFirst(absl::InfiniteFuture()).key(),
            KeyBuilder().AppendNewestFirst(absl::Now()).key());
  EXPECT_GT(KeyBuilder().AppendNewestFirst(absl::InfinitePast()).key(),
            KeyBuilder().AppendNewestFirst(absl::UnixEpoch()).key());
}

TEST(KeyCodecTest, StringsRoundTripWithEmbeddedNulsAndAnyLength) {
  const std::vector<std::string> values = {
      "",
      "a",
      std::string("\0", 1),
      std::string("a\0b\0\0", 5),
      "\xff\xfe",
      std::string(0xFFFE, 'x'),
      std::string(0xFFFF, 'y'),
      std::string(70000, '\0'),
  };
  for (const std::string& value : values) {
    const std::string key =
        KeyBuilder().AppendString(value).AppendByte(0x7A).Release();
    KeyReader reader(key);
    EXPECT_EQ(reader.ReadString().value(), value);
    EXPECT_EQ(reader.ReadByte().value(), 0x7A);
    EXPECT_TRUE(reader.done());
  }
  EXPECT_EQ(KeyBuilder().AppendString(std::string(0xFFFE, 'x')).key().size(),
            2u + 0xFFFE);
  EXPECT_EQ(KeyBuilder().AppendString(std::string(0xFFFF, 'x')).key().size(),
            6u + 0xFFFF);
}

TEST(KeyCodecTest, LengthPrefixedStringsAreNotPrefixesOfEachOther) {
  const std::string a = KeyBuilder().AppendString("ab").Release();
  const std::string b = KeyBuilder().AppendString("abc").Release();
  EXPECT_NE(b.substr(0, a.size()), a);
  // (length, bytes) order: shorter strings first, then bytewise.
  EXPECT_LT(KeyBuilder().AppendString("zz").key(),
            KeyBuilder().AppendString("aaa").key());
  EXPECT_LT(KeyBuilder().AppendString("ab").key(),
            KeyBuilder().AppendString("ac").key());
}

TEST(KeyCodecTest, CompositeKeysDecodeInOrder) {
  const absl::Time time = absl::FromUnixMicros(1'700'000'000'123'456);
  const std::string key = KeyBuilder()
                              .AppendString("org")
                              .AppendKind(KeyKind::kHotel)
                              .AppendUint32(7)
                              .AppendInt64(-42)
                              .AppendNewestFirst(time)
                              .AppendDouble(-2.5)
                              .AppendUint64(9)
                              .Release();
  KeyReader reader(key);
  EXPECT_EQ(reader.ReadString().value(), "org");
  EXPECT_EQ(reader.ReadKind().value(), KeyKind::kHotel);
  EXPECT_EQ(reader.ReadUint32().value(), 7u);
  EXPECT_EQ(reader.ReadInt64().value(), -42);
  EXPECT_EQ(reader.ReadNewestFirst().value(), time);
  EXPECT_EQ(reader.ReadDouble().value(), -2.5);
  EXPECT_FALSE(reader.done());
  EXPECT_EQ(reader.remaining().size(), 8u);
  EXPECT_EQ(reader.ReadUint64().value(), 9u);
  EXPECT_TRUE(reader.done());
}

TEST(KeyCodecTest, TruncatedInputIsAnErrorNotACrash) {
  const std::vector<
      std::pair<std::string, std::function<absl::Status(KeyReader&)>>>
      cases = {
          {KeyBuilder().AppendByte(1).Release(),
           [](KeyReader& r) { return r.ReadByte().status(); }},
          {KeyBuilder().AppendUint32(1).Release(),
           [](KeyReader& r) { return r.ReadUint32().status(); }},
          {KeyBuilder().AppendUint64(1).Release(),
           [](KeyReader& r) { return r.ReadUint64().status(); }},
          {KeyBuilder().AppendInt64(-1).Release(),
           [](KeyReader& r) { return r.ReadInt64().status(); }},
          {KeyBuilder().AppendDouble(1.5).Release(),
           [](KeyReader& r) { return r.ReadDouble().status(); }},
          {KeyBuilder().AppendNewestFirst(absl::Now()).Release(),
           [](KeyReader& r) { return r.ReadNewestFirst().status(); }},
          {KeyBuilder().AppendString("hello").Release(),
           [](KeyReader& r) { return r.ReadString().status(); }},
          {KeyBuilder().AppendString(std::string(70000, 'x')).Release(),
           [](KeyReader& r) { return r.ReadString().status(); }},
      };
  for (const auto& [key, read] : cases) {
    KeyReader whole(key);
    EXPECT_TRUE(read(whole).ok());
    for (size_t size = 0; size < key.size(); size += (size < 16 ? 1 : 997)) {
      KeyReader truncated(std::string_view(key).substr(0, size));
      EXPECT_THAT(read(truncated), StatusIs(absl::StatusCode::kDataLoss,
                                            HasSubstr("malformed key")))
          << "prefix of " << size << " bytes";
    }
  }
}

TEST(KeyCodecTest, PrefixSuccessor) {
  EXPECT_EQ(PrefixSuccessor(""), "");
  EXPECT_EQ(PrefixSuccessor("\xff\xff"), "");
  EXPECT_EQ(PrefixSuccessor("a"), "b");
  EXPECT_EQ(PrefixSuccessor("a\xff"), "b");
  EXPECT_EQ(PrefixSuccessor(std::string("a\0", 2)), "a\x01");
  EXPECT_EQ(PrefixSuccessor("a\xfe\xff"), "a\xff");
}

TEST(KeyCodecTest, PrefixSuccessorBoundsEveryKeyWithThePrefix) {
  std::mt19937 random(6);
  std::uniform_int_distribution<int> byte(0, 255);
  auto random_bytes = [&](size_t size) {
    std::string bytes;
    for (size_t i = 0; i < size; ++i) {
      // Favour 0x00 and 0xFF, where successor arithmetic goes wrong.
      const int choice = byte(random);
      bytes.push_back(static_cast<char>(choice < 64   ? 0xFF
                                        : choice < 96 ? 0
                                                      : choice));
    }
    return bytes;
  };
  for (int i = 0; i < kRandomValues; ++i) {
    const std::string prefix = random_bytes(1 + i % 4);
    const std::string successor = PrefixSuccessor(prefix);
    const std::string key = prefix + random_bytes(i % 3);
    const std::string other = random_bytes(1 + i % 5);
    if (successor.empty()) {
      EXPECT_EQ(prefix.find_first_not_of('\xff'), std::string::npos);
      continue;
    }
    EXPECT_LT(key, successor);
    // Keys outside the prefix range fall below the prefix or at/after the
    // successor.
    if (other.compare(0, prefix.size(), prefix) != 0) {
      EXPECT_TRUE(other < prefix || other >= successor) << i;
    }
  }
}

}  // namespace
}  // namespace guestvoice::storage
