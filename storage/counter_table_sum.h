#ifndef GUESTVOICE_STORAGE_COUNTER_TABLE_SUM_H_
#define GUESTVOICE_STORAGE_COUNTER_TABLE_SUM_H_

// The k-way merge that sums counter tables entry by entry, written once for
// both forms a table is read in: encoded (CounterTableReader, as the merge
// operator and MergeCounterTables see them) and decoded (DecodedCounterTable,
// as the aggregate cache keeps them). Private to storage/: include it only
// from counter_table.cc and decoded_counter_table.cc.
//
// A Reader has bool Next(), std::string_view key(), slots() (with .size and
// .values[i]) and const absl::Status& status(), as CounterTableReader does.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <queue>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/base/config.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "storage/counter_table.h"

namespace guestvoice::storage::counter_table_sum {

using SumVisitor =
    absl::FunctionRef<void(std::string_view key, const CounterSlots& sums)>;

// The sign of x - y in memcmp order, as std::string_view::compare, but
// inline and eight bytes at a time: entry keys are short and share long
// prefixes (an aspect, a voice kind), and summing tables compares keys more
// than it does anything else.
inline int CompareKeys(std::string_view x, std::string_view y) {
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

// Up to this many tables, SumByScanning finds each smallest key in fewer
// comparisons than a heap's push and pop per entry (an insight read sums 1-5
// blocks per hotel); past it, SumByHeap keeps the comparisons per entry
// logarithmic (a busy block's merge operands can number hundreds).
inline constexpr size_t kMaxScannedTables = 8;

// Adds `reader`'s current slots to `sums`, or takes them off.
template <typename Reader>
void AddSlots(const Reader& reader, bool subtract, CounterSlots& sums) {
  const auto& slots = reader.slots();
  sums.size = std::max(sums.size, slots.size);
  for (size_t slot = 0; slot < slots.size; ++slot) {
    // Unsigned arithmetic wraps instead of overflowing (which is UB).
    const uint64_t sum = static_cast<uint64_t>(sums.values[slot]);
    const uint64_t value = static_cast<uint64_t>(slots.values[slot]);
    sums.values[slot] =
        static_cast<int64_t>(subtract ? sum - value : sum + value);
  }
}

// Sums opened readers: readers at or past `first_subtracted` are subtracted.
// Each pass finds the readers at the smallest key with one comparison per
// reader.
template <typename Reader>
absl::Status SumByScanning(std::vector<Reader>& readers,
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
      Reader& reader = readers[live[g]];
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
template <typename Reader>
absl::Status SumByHeap(std::vector<Reader>& readers, size_t first_subtracted,
                       SumVisitor visit) {
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
      Reader& reader = readers[index];
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

// Sums `readers`, those at or past `first_subtracted` taken off.
template <typename Reader>
absl::Status Sum(std::vector<Reader>& readers, size_t first_subtracted,
                 SumVisitor visit) {
  return readers.size() <= kMaxScannedTables
             ? SumByScanning(readers, first_subtracted, visit)
             : SumByHeap(readers, first_subtracted, visit);
}

}  // namespace guestvoice::storage::counter_table_sum

#endif  // GUESTVOICE_STORAGE_COUNTER_TABLE_SUM_H_
