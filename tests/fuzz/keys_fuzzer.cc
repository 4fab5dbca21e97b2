// The key decoders on arbitrary bytes: they never crash or read past the key,
// and a key one of them accepts is rebuilt byte for byte from its parts, so
// no two keys decode alike.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "absl/time/time.h"
#include "storage/keys.h"
#include "tests/fuzz/fuzz_check.h"

namespace guestvoice::storage {
namespace {

void CheckRoundTrips(std::string_view key) {
  if (auto parts = ParseOrganizationIndexKey(key); parts.ok()) {
    FUZZ_CHECK(OrganizationIndexKey(parts->org_id) == key);
  }
  if (auto parts = ParseGuestKey(key); parts.ok()) {
    FUZZ_CHECK(GuestKey(parts->org_id, parts->guest_id) == key);
  }
  if (auto parts = ParseAggregateBlockKey(key); parts.ok()) {
    FUZZ_CHECK(AggregateBlockKey(parts->org_id, parts->table, parts->hotel_id,
                                 parts->period, parts->first_day) == key);
  }
  // The decoders whose parts do not name every byte (times rounded to
  // microseconds, indexes): they must decode without crashing.
  (void)ParseCheckInKey(key);
  (void)ParseHotelGuestIndexKey(key);
  (void)ParseLoyaltyLedgerKey(key);
  (void)ParseNegativeQuoteKey(key);
}

}  // namespace
}  // namespace guestvoice::storage

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  guestvoice::storage::CheckRoundTrips(
      std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
