#include "analysis/internal/but_rule.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>

#include "absl/container/flat_hash_map.h"

namespace guestvoice::analysis {
namespace {

// Equal non-zero doubles have equal bit patterns (and sentiments are never
// NaN), so the bits can key a hash map. Zeros never reach the map.
std::uint64_t BitsOf(double value) {
  std::uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

// Min-heaps of positions, one per distinct value, in a pool reused across
// calls on the same thread so the rule allocates nothing once warmed up.
class PositionsByValue {
 public:
  void Clear() {
    heap_of_value_.clear();
    used_ = 0;
  }

  std::vector<std::size_t>& HeapFor(double value) {
    auto [it, inserted] = heap_of_value_.try_emplace(BitsOf(value), used_);
    if (inserted) {
      if (used_ == heaps_.size()) heaps_.emplace_back();
      heaps_[used_].clear();
      ++used_;
    }
    return heaps_[it->second];
  }

  static void Push(std::vector<std::size_t>& heap, std::size_t position) {
    heap.push_back(position);
    std::push_heap(heap.begin(), heap.end(), std::greater<>());
  }

  static void PopMin(std::vector<std::size_t>& heap) {
    std::pop_heap(heap.begin(), heap.end(), std::greater<>());
    heap.pop_back();
  }

 private:
  absl::flat_hash_map<std::uint64_t, std::size_t> heap_of_value_;
  std::vector<std::vector<std::size_t>> heaps_;
  std::size_t used_ = 0;
};

}  // namespace

void ApplyButRule(std::size_t but_index, std::vector<double>* sentiments) {
  std::vector<double>& values = *sentiments;
  // Positions visited so far, grouped by their current value. Python's
  // list.index(v) at step k is the smallest of them holding v: positions
  // after k still hold their original values and k itself holds v.
  thread_local PositionsByValue positions;
  positions.Clear();
  for (std::size_t k = 0; k < values.size(); ++k) {
    const double value = values[k];
    // Scaling zero keeps it zero, and a zero is never equal to a non-zero
    // value, so zeros neither change nor affect the others.
    if (value == 0) continue;
    std::vector<std::size_t>& same_value = positions.HeapFor(value);
    PositionsByValue::Push(same_value, k);
    const std::size_t first = same_value.front();
    if (first == but_index) continue;
    const double scaled = value * (first < but_index ? 0.5 : 1.5);
    PositionsByValue::PopMin(same_value);
    values[first] = scaled;
    if (scaled != 0) PositionsByValue::Push(positions.HeapFor(scaled), first);
  }
}

}  // namespace guestvoice::analysis
