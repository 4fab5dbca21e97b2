#include "analysis/but_rule.h"

#include <cstdint>
#include <cstring>
#include <functional>
#include <queue>

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

using MinHeap = std::priority_queue<std::size_t, std::vector<std::size_t>,
                                    std::greater<std::size_t>>;

}  // namespace

void ApplyButRule(std::size_t but_index, std::vector<double>* sentiments) {
  std::vector<double>& values = *sentiments;
  // Positions visited so far, grouped by their current value. Python's
  // list.index(v) at step k is the smallest of them holding v: positions
  // after k still hold their original values and k itself holds v.
  absl::flat_hash_map<std::uint64_t, MinHeap> positions_by_value;
  for (std::size_t k = 0; k < values.size(); ++k) {
    const double value = values[k];
    // Scaling zero keeps it zero, and a zero is never equal to a non-zero
    // value, so zeros neither change nor affect the others.
    if (value == 0) continue;
    MinHeap& same_value = positions_by_value[BitsOf(value)];
    same_value.push(k);
    const std::size_t first = same_value.top();
    if (first == but_index) continue;
    const double scaled = value * (first < but_index ? 0.5 : 1.5);
    same_value.pop();
    values[first] = scaled;
    if (scaled != 0) positions_by_value[BitsOf(scaled)].push(first);
  }
}

}  // namespace guestvoice::analysis
