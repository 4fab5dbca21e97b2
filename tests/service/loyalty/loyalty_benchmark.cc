// What LookupGuest + GetLoyaltyStatus cost at the storage layer for a busy
// guest: 200 stays and 500 check-ins over three years, written the way
// LoyaltyService writes them. Aim: <= 50 us for both together.
//
//   guestvoice_loyalty_benchmark [--benchmark_filter=...]
//
// Not a ctest test: figures depend on the machine.

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "benchmark/benchmark.h"
#include "guestvoice/internal/v1/records.pb.h"
#include "service/core/proto_date.h"
#include "service/core/resource_names.h"
#include "service/loyalty/program.h"
#include "service/loyalty/records.h"
#include "service/loyalty/rules.h"
#include "storage/keys.h"
#include "storage/store.h"
#include "tests/testing/temp_dir.h"

namespace guestvoice::service {
namespace {

constexpr std::string_view kOrganization = "chain";
constexpr std::string_view kGuestId = "g00000000000000000001";
constexpr int kStays = 200;
constexpr int kCheckIns = 500;
const absl::CivilDay kToday(2026, 1, 15);

v1::Identity Email() {
  v1::Identity identity;
  identity.set_kind(v1::IDENTITY_KIND_EMAIL);
  identity.set_value("ana.silva@example.com");
  return identity;
}

// One store with the busy guest, a hundred other guests around it (so the
// guest's keys are not the whole store), flushed and compacted into SST
// files as a long-running server's would be.
class Fixture {
 public:
  Fixture() {
    auto store =
        storage::Store::Open({.data_dir = dir_.path(), .sync_writes = false});
    if (!store.ok()) std::abort();
    store_ = *std::move(store);
    for (int other = 0; other < 100; ++other) {
      AddGuest(absl::StrCat("o", other, "0000000000000000"), 20, 50,
               absl::StrCat("other", other, "@example.com"));
    }
    AddGuest(std::string(kGuestId), kStays, kCheckIns, Email().value());
    if (!store_->CompactAll().ok()) std::abort();
  }

  const storage::Store& store() const { return *store_; }

 private:
  void AddGuest(const std::string& guest_id, int stays, int check_ins,
                const std::string& email) {
    storage::WriteBatch batch;
    internal::v1::StoredGuest guest;
    guest.mutable_guest()->set_name(FormatGuestName(kOrganization, guest_id));
    v1::Identity identity = Email();
    identity.set_value(email);
    *guest.mutable_guest()->add_identities() = identity;
    batch.Put(storage::ColumnFamily::kEntities,
              storage::GuestKey(kOrganization, guest_id),
              guest.SerializeAsString());
    batch.Put(storage::ColumnFamily::kIndexes,
              IdentityIndexKeyOf(kOrganization, identity), guest_id);
    const absl::CivilDay first = kToday - 3 * 365;
    for (int i = 0; i < stays; ++i) {
      const std::string stay_id = absl::StrCat("s", i, "x", guest_id);
      v1::Stay stay;
      stay.set_name(FormatStayName(kOrganization, guest_id, stay_id));
      stay.set_hotel(FormatHotelName(kOrganization, "lisbon"));
      *stay.mutable_arrival_date() = ToProtoDate(first + i * 5);
      stay.set_nights(1 + i % 4);
      stay.set_booking_reference(absl::StrCat(guest_id, "-", i));
      stay.mutable_qualifying_spend()->set_currency_code("USD");
      stay.mutable_qualifying_spend()->set_units(180 * (1 + i % 4));
      PutNewStay(batch, kOrganization, guest_id, "lisbon", stay_id, stay);
    }
    for (int i = 0; i < check_ins; ++i) {
      const std::string check_in_id = absl::StrCat("c", i, "x", guest_id);
      v1::CheckIn check_in;
      check_in.set_name(
          FormatCheckInName(kOrganization, guest_id, check_in_id));
      check_in.set_hotel(FormatHotelName(kOrganization, "lisbon"));
      check_in.set_source(v1::SOURCE_FOURSQUARE);
      check_in.set_external_id(absl::StrCat(guest_id, "-", i));
      PutNewCheckIn(batch, kOrganization, guest_id, check_in_id,
                    DayNumber(first + i * 2), check_in);
    }
    if (!store_->Write(std::move(batch)).ok()) std::abort();
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::Store> store_;
};

Fixture& Shared() {
  static Fixture* fixture = new Fixture();
  return *fixture;
}

void LookupGuest(const storage::Store& store, benchmark::State& state) {
  auto owner = LookupIdentityOwner(store, kOrganization, Email());
  if (!owner.ok() || !owner->has_value()) state.SkipWithError("no owner");
  auto guest = ReadGuest(store, kOrganization, **owner);
  if (!guest.ok() || !guest->has_value()) state.SkipWithError("no guest");
  benchmark::DoNotOptimize(guest);
}

void GetLoyaltyStatus(const storage::Store& store, benchmark::State& state) {
  auto guest = ReadGuest(store, kOrganization, kGuestId);
  auto program = ReadLoyaltyProgram(store, kOrganization);
  if (!guest.ok() || !guest->has_value() || !program.ok()) {
    state.SkipWithError("read failed");
    return;
  }
  auto status = ReadLoyaltyStatus(store, kOrganization, kGuestId, **guest,
                                  *program, StatusDay::On(kToday));
  if (!status.ok() || status->qualifying_stays() == 0) {
    state.SkipWithError("status failed");
  }
  benchmark::DoNotOptimize(status);
}

void BM_LookupGuest(benchmark::State& state) {
  const storage::Store& store = Shared().store();
  for (auto _ : state) LookupGuest(store, state);
}
BENCHMARK(BM_LookupGuest);

void BM_GetLoyaltyStatus(benchmark::State& state) {
  const storage::Store& store = Shared().store();
  for (auto _ : state) GetLoyaltyStatus(store, state);
}
BENCHMARK(BM_GetLoyaltyStatus);

// The rules alone on the same activity: what of GetLoyaltyStatus is
// computation rather than storage.
void BM_ComputeLoyaltyStatus(benchmark::State& state) {
  const v1::LoyaltyProgram program = DefaultLoyaltyProgram();
  std::vector<LoyaltyActivity> activity;
  const absl::CivilDay first = kToday - 3 * 365;
  for (int i = 0; i < kStays; ++i) {
    activity.push_back({.day = first + i * 5 + 1 + i % 4,
                        .nights = 1 + i % 4,
                        .stays = 1,
                        .points = 100});
  }
  for (int i = 0; i < kCheckIns; ++i) {
    activity.push_back({.day = first + i * 2, .check_ins = 1});
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        ComputeLoyaltyStatus(program, activity, {}, kToday));
  }
}
BENCHMARK(BM_ComputeLoyaltyStatus);

void BM_LookupGuestAndGetLoyaltyStatus(benchmark::State& state) {
  const storage::Store& store = Shared().store();
  for (auto _ : state) {
    LookupGuest(store, state);
    GetLoyaltyStatus(store, state);
  }
}
BENCHMARK(BM_LookupGuestAndGetLoyaltyStatus);

}  // namespace
}  // namespace guestvoice::service

BENCHMARK_MAIN();
