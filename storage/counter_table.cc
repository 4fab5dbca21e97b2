#include "storage/counter_table.h"

#include <algorithm>
#include <cstring>
#include <queue>
#include <utility>
#include <vector>

#include "absl/base/config.h"
#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "google/protobuf/io/coded_stream.h"

namespace guestvoice::storage {
namespace {

using google::protobuf::io::CodedOutputStream;

// Signed counters are mostly small and of either sign: zigzag keeps -1 one
// byte, as protobuf's sint64 does.
uint64_t ZigZag(int64_t value) {
  return (static_cast<uint64_t>(value) << 1) ^
         static_cast<uint64_t>(value >> 63);
}
int64_t UnZigZag(uint64_t value) {
  return static_cast<int64_t>(value >> 1) ^ -static_cast<int64_t>(value & 1);
}

void AppendVarint(std::string& out, uint64_t value) {
  uint8_t bytes[10];
  const uint8_t* end = CodedOutputStream::WriteVarint64ToArray(value, bytes);
  out.append(reinterpret_cast<const char*>(bytes), end - bytes);
}

// Reads the varint at the front of `bytes` and drops it; false when it is
// truncated or longer than 10 bytes. Inline rather than a CodedInputStream
// per entry: insight reads decode every entry of every block they sum, and
// most varints here are one or two bytes.
bool ReadVarint(std::string_view& bytes, uint64_t& value) {
  // Most are one byte: key lengths, counts.
  if (!bytes.empty() && static_cast<uint8_t>(bytes[0]) < 0x80) {
    value = static_cast<uint8_t>(bytes[0]);
    bytes.remove_prefix(1);
    return true;
  }
  uint64_t result = 0;
  for (size_t i = 0; i < bytes.size() && i < 10; ++i) {
    const uint8_t byte = static_cast<uint8_t>(bytes[i]);
    result |= static_cast<uint64_t>(byte & 0x7F) << (7 * i);
    if (byte < 0x80) {
      value = result;
      bytes.remove_prefix(i + 1);
      return true;
    }
  }
  return false;
}

// The sign of x - y in memcmp order, as std::string_view::compare, but
// inline and eight bytes at a time: entry keys are short and share long
// prefixes (an aspect, a voice kind), and summing tables compares keys more
// than it does anything else.
int CompareKeys(std::string_view x, std::string_view y) {
  static_assert(ABSL_IS_LITTLE_ENDIAN, "words are loaded little-endian");
  const size_t common = std::min(x.size(), y.size());
  size_t i = 0;
  for (; i + 8 <= common; i += 8) {
    uint64_t x_word;
    uint64_t y_word;
    std::memcpy(&x_word, x.data() + i, 8);
    std::memcpy(&y_word, y.data() + i, 8);
    if (x_word != y_word) {
      // Byte-swapped (big-endian) words compare as their bytes do.
      return __builtin_bswap64(x_word) < __builtin_bswap64(y_word) ? -1 : 1;
    }
  }
  for (; i < common; ++i) {
    if (x[i] != y[i]) {
      return static_cast<uint8_t>(x[i]) < static_cast<uint8_t>(y[i]) ? -1 : 1;
    }
  }
  return x.size() == y.size() ? 0 : (x.size() < y.size() ? -1 : 1);
}

}  // namespace

bool CounterSlots::AllZero() const {
  for (size_t slot = 0; slot < size; ++slot) {
    if (values[slot] != 0) return false;
  }
  return true;
}

CounterTableBuilder::CounterTableBuilder(size_t slot_count)
    : slot_count_(std::min(slot_count, kMaxCounterSlots)) {
  table_.push_back(static_cast<char>(kCounterTableFormat));
  AppendVarint(table_, slot_count_);
}

void CounterTableBuilder::Add(std::string_view key,
                              absl::Span<const int64_t> slots) {
  bool all_zero = true;
  for (int64_t slot : slots) all_zero = all_zero && slot == 0;
  if (all_zero) return;
  AppendVarint(table_, key.size());
  table_.append(key);
  for (size_t slot = 0; slot < slot_count_; ++slot) {
    AppendVarint(table_, ZigZag(slot < slots.size() ? slots[slot] : 0));
  }
  ++entry_count_;
}

std::string CounterTableBuilder::Finish() && { return std::move(table_); }

absl::StatusOr<CounterTableReader> CounterTableReader::Open(
    std::string_view table) {
  if (table.empty() || static_cast<uint8_t>(table[0]) != kCounterTableFormat) {
    return absl::DataLossError(absl::StrCat("counter table of ", table.size(),
                                            " bytes: unknown format byte"));
  }
  std::string_view entries = table.substr(1);
  uint64_t slot_count = 0;
  if (!ReadVarint(entries, slot_count) || slot_count > kMaxCounterSlots) {
    return absl::DataLossError("counter table: malformed slot count");
  }
  return CounterTableReader(entries, slot_count);
}

CounterTableReader::CounterTableReader(std::string_view entries,
                                       size_t slot_count)
    : remaining_(entries) {
  slots_.size = slot_count;
}

bool CounterTableReader::Fail(std::string_view what) {
  status_ =
      absl::DataLossError(absl::StrCat("counter table: ", AbslView(what)));
  remaining_ = {};
  return false;
}

bool CounterTableReader::Next() {
  if (remaining_.empty()) return false;
  uint64_t key_size = 0;
  if (!ReadVarint(remaining_, key_size) || key_size > remaining_.size()) {
    return Fail("malformed entry key");
  }
  const std::string_view key = remaining_.substr(0, key_size);
  if (started_ && CompareKeys(key, key_) <= 0) {
    return Fail("entries out of order");
  }
  remaining_.remove_prefix(key_size);
  for (size_t slot = 0; slot < slots_.size; ++slot) {
    uint64_t value = 0;
    if (!ReadVarint(remaining_, value)) return Fail("truncated counters");
    slots_.values[slot] = UnZigZag(value);
  }
  key_ = key;
  started_ = true;
  return true;
}

absl::Status CheckCounterTable(std::string_view table) {
  absl::StatusOr<CounterTableReader> reader = CounterTableReader::Open(table);
  if (!reader.ok()) return reader.status();
  while (reader->Next()) {
  }
  return reader->status();
}

namespace {

using SumVisitor =
    absl::FunctionRef<void(std::string_view key, const CounterSlots& sums)>;

// Up to this many tables, SumByScanning finds each smallest key in fewer
// comparisons than a heap's push and pop per entry (an insight read sums 1-5
// blocks per hotel); past it, SumByHeap keeps the comparisons per entry
// logarithmic (a busy block's merge operands can number hundreds).
constexpr size_t kMaxScannedTables = 8;

// Adds `reader`'s current slots to `sums`, or takes them off.
void AddSlots(const CounterTableReader& reader, bool subtract,
              CounterSlots& sums) {
  const CounterSlots& slots = reader.slots();
  sums.size = std::max(sums.size, slots.size);
  for (size_t slot = 0; slot < slots.size; ++slot) {
    // Unsigned arithmetic wraps instead of overflowing (which is UB).
    const uint64_t sum = static_cast<uint64_t>(sums.values[slot]);
    const uint64_t value = static_cast<uint64_t>(slots.values[slot]);
    sums.values[slot] =
        static_cast<int64_t>(subtract ? sum - value : sum + value);
  }
}

// SumCounterTables over opened readers: readers at or past
// `first_subtracted` are subtracted. Each pass finds the readers at the
// smallest key with one comparison per reader.
absl::Status SumByScanning(std::vector<CounterTableReader>& readers,
                           size_t first_subtracted, SumVisitor visit) {
  // The readers that have a current entry.
  std::vector<size_t> live;
  for (size_t i = 0; i < readers.size(); ++i) {
    if (readers[i].Next()) {
      live.push_back(i);
    } else if (!readers[i].status().ok()) {
      return readers[i].status();
    }
  }
  while (!live.empty()) {
    // Gathers the readers at the smallest key in live[0, group_end).
    size_t group_end = 1;
    for (size_t i = 1; i < live.size(); ++i) {
      const int order =
          CompareKeys(readers[live[i]].key(), readers[live[0]].key());
      if (order < 0) {
        std::swap(live[0], live[i]);
        group_end = 1;
      } else if (order == 0) {
        std::swap(live[group_end++], live[i]);
      }
    }
    const std::string_view key = readers[live[0]].key();
    CounterSlots sums;
    for (size_t g = 0; g < group_end; ++g) {
      AddSlots(readers[live[g]], live[g] >= first_subtracted, sums);
    }
    // Backwards, so dropping a reader that ran out moves none still to come.
    for (size_t g = group_end; g-- > 0;) {
      CounterTableReader& reader = readers[live[g]];
      if (reader.Next()) continue;
      if (!reader.status().ok()) return reader.status();
      live.erase(live.begin() + static_cast<std::ptrdiff_t>(g));
    }
    if (!sums.AllZero()) visit(key, sums);
  }
  return absl::OkStatus();
}

// SumByScanning's contract, as a k-way merge: the heap holds the readers that
// have a current entry, smallest key on top, so each key's entries come out
// together.
absl::Status SumByHeap(std::vector<CounterTableReader>& readers,
                       size_t first_subtracted, SumVisitor visit) {
  auto later = [&](size_t x, size_t y) {
    return CompareKeys(readers[x].key(), readers[y].key()) > 0;
  };
  std::priority_queue<size_t, std::vector<size_t>, decltype(later)> heap(later);
  for (size_t i = 0; i < readers.size(); ++i) {
    if (readers[i].Next()) heap.push(i);
    if (!readers[i].status().ok()) return readers[i].status();
  }
  while (!heap.empty()) {
    const std::string_view key = readers[heap.top()].key();
    CounterSlots sums;
    while (!heap.empty() && CompareKeys(readers[heap.top()].key(), key) == 0) {
      const size_t index = heap.top();
      CounterTableReader& reader = readers[index];
      heap.pop();
      AddSlots(reader, index >= first_subtracted, sums);
      if (reader.Next()) {
        heap.push(index);
      } else if (!reader.status().ok()) {
        return reader.status();
      }
    }
    if (!sums.AllZero()) visit(key, sums);
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status SumCounterTables(absl::Span<const std::string_view> added,
                              absl::Span<const std::string_view> subtracted,
                              SumVisitor visit) {
  std::vector<CounterTableReader> readers;
  readers.reserve(added.size() + subtracted.size());
  for (absl::Span<const std::string_view> tables : {added, subtracted}) {
    for (std::string_view table : tables) {
      absl::StatusOr<CounterTableReader> reader =
          CounterTableReader::Open(table);
      if (!reader.ok()) return reader.status();
      readers.push_back(*std::move(reader));
    }
  }
  return readers.size() <= kMaxScannedTables
             ? SumByScanning(readers, added.size(), visit)
             : SumByHeap(readers, added.size(), visit);
}

absl::StatusOr<std::string> MergeCounterTables(
    absl::Span<const std::string_view> tables) {
  size_t slot_count = 0;
  for (std::string_view table : tables) {
    absl::StatusOr<CounterTableReader> reader = CounterTableReader::Open(table);
    if (!reader.ok()) return reader.status();
    slot_count = std::max(slot_count, reader->slots().size);
  }
  CounterTableBuilder builder(slot_count);
  absl::Status summed = SumCounterTables(
      tables, {}, [&](std::string_view key, const CounterSlots& sums) {
        builder.Add(key, absl::MakeConstSpan(sums.values.data(), sums.size));
      });
  if (!summed.ok()) return summed;
  return std::move(builder).Finish();
}

}  // namespace guestvoice::storage
