#include "storage/counter_table.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "google/protobuf/io/coded_stream.h"
#include "storage/counter_table_sum.h"

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
  if (started_ && counter_table_sum::CompareKeys(key, key_) <= 0) {
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

absl::Status SumCounterTables(absl::Span<const std::string_view> added,
                              absl::Span<const std::string_view> subtracted,
                              counter_table_sum::SumVisitor visit) {
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
  return counter_table_sum::Sum(readers, added.size(), visit);
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
