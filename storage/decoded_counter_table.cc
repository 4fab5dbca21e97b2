#include "storage/decoded_counter_table.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "storage/counter_table_sum.h"

namespace guestvoice::storage {
namespace {

// counter_table_sum's Reader over a decoded table: its entries were checked
// when it was decoded, so reading one cannot fail.
class DecodedReader {
 public:
  struct Slots {
    const int64_t* values;
    size_t size;
  };

  explicit DecodedReader(const DecodedCounterTable& table) : table_(&table) {}

  bool Next() {
    if (++next_ > table_->entry_count()) return false;
    key_ = table_->key(next_ - 1);
    slots_.values = table_->slots(next_ - 1);
    return true;
  }
  std::string_view key() const { return key_; }
  const Slots& slots() const { return slots_; }
  const absl::Status& status() const { return ok_; }

 private:
  const DecodedCounterTable* table_;
  // One past the current entry.
  size_t next_ = 0;
  std::string_view key_;
  Slots slots_{nullptr, table_->slot_count()};
  absl::Status ok_;
};

}  // namespace

absl::StatusOr<DecodedCounterTable> DecodedCounterTable::Decode(
    std::string_view table) {
  absl::StatusOr<CounterTableReader> reader = CounterTableReader::Open(table);
  if (!reader.ok()) return reader.status();
  if (table.size() > std::numeric_limits<uint32_t>::max()) {
    return absl::DataLossError("counter table over 4 GiB");
  }
  DecodedCounterTableBuilder builder(reader->slots().size);
  while (reader->Next()) {
    const CounterSlots& slots = reader->slots();
    builder.Add(reader->key(),
                absl::MakeConstSpan(slots.values.data(), slots.size));
  }
  if (!reader->status().ok()) return reader->status();
  return std::move(builder).Finish();
}

size_t DecodedCounterTable::memory_bytes() const {
  return sizeof(*this) + keys_.capacity() +
         key_ends_.capacity() * sizeof(uint32_t) +
         slots_.capacity() * sizeof(int64_t);
}

DecodedCounterTableBuilder::DecodedCounterTableBuilder(size_t slot_count)
    : table_(std::min(slot_count, kMaxCounterSlots)) {}

void DecodedCounterTableBuilder::Add(std::string_view key,
                                     absl::Span<const int64_t> slots) {
  bool all_zero = true;
  for (int64_t slot : slots) all_zero = all_zero && slot == 0;
  if (all_zero) return;
  table_.keys_.append(key);
  table_.key_ends_.push_back(static_cast<uint32_t>(table_.keys_.size()));
  for (size_t slot = 0; slot < table_.slot_count_; ++slot) {
    table_.slots_.push_back(slot < slots.size() ? slots[slot] : 0);
  }
}

DecodedCounterTable DecodedCounterTableBuilder::Finish() && {
  table_.keys_.shrink_to_fit();
  table_.key_ends_.shrink_to_fit();
  table_.slots_.shrink_to_fit();
  return std::move(table_);
}

void SumDecodedCounterTables(
    absl::Span<const DecodedCounterTable* const> added,
    absl::Span<const DecodedCounterTable* const> subtracted,
    absl::FunctionRef<void(std::string_view key, const CounterSlots& sums)>
        visit) {
  if (added.size() == 1 && subtracted.empty()) {
    // One table (a hotel's interval sum): its entries are the sums already,
    // and a decoded table has no all-zero entry (the builder skips them).
    const DecodedCounterTable& table = *added[0];
    CounterSlots sums;
    sums.size = table.slot_count();
    for (size_t i = 0; i < table.entry_count(); ++i) {
      std::copy_n(table.slots(i), sums.size, sums.values.begin());
      visit(table.key(i), sums);
    }
    return;
  }
  std::vector<DecodedReader> readers;
  readers.reserve(added.size() + subtracted.size());
  for (absl::Span<const DecodedCounterTable* const> tables :
       {added, subtracted}) {
    for (const DecodedCounterTable* table : tables)
      readers.emplace_back(*table);
  }
  // Decoded readers never fail, so neither does the sum.
  counter_table_sum::Sum(readers, added.size(), visit).IgnoreError();
}

}  // namespace guestvoice::storage
