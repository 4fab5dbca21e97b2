// Stored aggregate blocks (counter tables) on arbitrary bytes, as a corrupt
// SST or a bug would leave them: checking, summing and merging never crash;
// a table that passes the check sums without error, and merging it with
// itself doubles every slot.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "storage/counter_table.h"
#include "tests/fuzz/fuzz_check.h"

namespace guestvoice::storage {
namespace {

std::map<std::string, std::vector<int64_t>> Sum(
    std::vector<std::string_view> tables, bool* ok) {
  std::map<std::string, std::vector<int64_t>> sums;
  *ok = SumCounterTables(tables, {},
                         [&](std::string_view key, const CounterSlots& slots) {
                           std::vector<int64_t>& values =
                               sums[std::string(key)];
                           for (size_t i = 0; i < slots.size; ++i) {
                             values.push_back(slots[i]);
                           }
                         })
            .ok();
  return sums;
}

void Check(std::string_view table) {
  const bool valid = CheckCounterTable(table).ok();
  bool summed = false;
  const auto once = Sum({table}, &summed);
  if (!valid) {
    (void)MergeCounterTables({table, table});
    return;
  }
  FUZZ_CHECK(summed);
  absl::StatusOr<std::string> doubled = MergeCounterTables({table, table});
  FUZZ_CHECK(doubled.ok());
  FUZZ_CHECK(CheckCounterTable(*doubled).ok());
  bool doubled_summed = false;
  const auto twice = Sum({*doubled}, &doubled_summed);
  FUZZ_CHECK(doubled_summed);
  for (const auto& [key, values] : once) {
    const auto found = twice.find(key);
    if (found == twice.end()) {
      // Skipped only when every doubled slot wrapped to zero.
      for (int64_t value : values) {
        FUZZ_CHECK(static_cast<uint64_t>(value) * 2 == 0);
      }
      continue;
    }
    FUZZ_CHECK(found->second.size() == values.size());
    for (size_t i = 0; i < values.size(); ++i) {
      // Wrapping, as the merge does: overflow is no crash.
      FUZZ_CHECK(static_cast<uint64_t>(found->second[i]) ==
                 static_cast<uint64_t>(values[i]) * 2);
    }
  }
}

}  // namespace
}  // namespace guestvoice::storage

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  guestvoice::storage::Check(
      std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
