#include "storage/counter_table.h"

#include <algorithm>
#include <queue>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "google/protobuf/io/coded_stream.h"

namespace guestvoice::storage {
namespace {

using google::protobuf::io::CodedInputStream;
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

CodedInputStream InputOver(std::string_view bytes) {
  return CodedInputStream(reinterpret_cast<const uint8_t*>(bytes.data()),
                          static_cast<int>(bytes.size()));
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
  CodedInputStream in = InputOver(table.substr(1));
  uint64_t slot_count = 0;
  if (!in.ReadVarint64(&slot_count) || slot_count > kMaxCounterSlots) {
    return absl::DataLossError("counter table: malformed slot count");
  }
  return CounterTableReader(table.substr(1 + in.CurrentPosition()), slot_count);
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
  CodedInputStream in = InputOver(remaining_);
  uint64_t key_size = 0;
  if (!in.ReadVarint64(&key_size) ||
      key_size > remaining_.size() - in.CurrentPosition()) {
    return Fail("malformed entry key");
  }
  const std::string_view key =
      remaining_.substr(in.CurrentPosition(), key_size);
  if (started_ && key <= key_) return Fail("entries out of order");
  if (!in.Skip(static_cast<int>(key_size))) return Fail("truncated key");
  for (size_t slot = 0; slot < slots_.size; ++slot) {
    uint64_t value = 0;
    if (!in.ReadVarint64(&value)) return Fail("truncated counters");
    slots_.values[slot] = UnZigZag(value);
  }
  key_ = key;
  started_ = true;
  remaining_.remove_prefix(in.CurrentPosition());
  return true;
}

absl::Status CheckCounterTable(std::string_view table) {
  absl::StatusOr<CounterTableReader> reader = CounterTableReader::Open(table);
  if (!reader.ok()) return reader.status();
  while (reader->Next()) {
  }
  return reader->status();
}

absl::Status SumCounterTables(
    absl::Span<const std::string_view> added,
    absl::Span<const std::string_view> subtracted,
    absl::FunctionRef<void(std::string_view key, const CounterSlots& sums)>
        visit) {
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
  // Readers at or past this index are subtracted.
  const size_t first_subtracted = added.size();
  // A k-way merge: the heap holds the readers that have a current entry,
  // smallest key on top, so each key's entries come out together.
  auto later = [&](size_t x, size_t y) {
    return readers[x].key() > readers[y].key();
  };
  std::priority_queue<size_t, std::vector<size_t>, decltype(later)> heap(later);
  for (size_t i = 0; i < readers.size(); ++i) {
    if (readers[i].Next()) heap.push(i);
    if (!readers[i].status().ok()) return readers[i].status();
  }
  while (!heap.empty()) {
    const std::string_view key = readers[heap.top()].key();
    CounterSlots sums;
    while (!heap.empty() && readers[heap.top()].key() == key) {
      const size_t index = heap.top();
      CounterTableReader& reader = readers[index];
      heap.pop();
      const CounterSlots& slots = reader.slots();
      sums.size = std::max(sums.size, slots.size);
      const bool subtract = index >= first_subtracted;
      for (size_t slot = 0; slot < slots.size; ++slot) {
        // Unsigned arithmetic wraps instead of overflowing (which is UB).
        const uint64_t sum = static_cast<uint64_t>(sums.values[slot]);
        const uint64_t value = static_cast<uint64_t>(slots.values[slot]);
        sums.values[slot] =
            static_cast<int64_t>(subtract ? sum - value : sum + value);
      }
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
