#ifndef GUESTVOICE_TESTS_TESTING_DOMAIN_FIXTURE_H_
#define GUESTVOICE_TESTS_TESTING_DOMAIN_FIXTURE_H_

// The base of the domain tests, which call the domain classes directly and
// start no server: a store in a fresh directory, a fake clock and the locks,
// handed out as a DomainContext, and callers of two organizations. Each room
// extends it with its own data and requests (tests/service/*/*_fixture.h).

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include "common/striped_lock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/admin.pb.h"
#include "service/core/domain_context.h"
#include "service/core/id_source.h"
#include "service/core/principal.h"
#include "storage/store.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/temp_dir.h"

namespace guestvoice::testing {

class DomainTest : public ::testing::Test {
 protected:
  static constexpr char kAcme[] = "organizations/acme";

  // Opens the store, empty. A fixture that adds to SetUp calls this first:
  //   ASSERT_NO_FATAL_FAILURE(DomainTest::SetUp());
  void SetUp() override;

  storage::Store& store() { return *store_; }
  service::DomainContext domain() {
    return {*store_, locks_, clock_, ids_, organization_locks_};
  }

  // A caller holding the key organizations/{organization}/apiKeys/{key_id}
  // with `scopes`.
  static service::Principal Caller(const std::string& organization,
                                   std::initializer_list<v1::Scope> scopes = {},
                                   const std::string& key_id = "caller");

  // Writes hotel organizations/{organization}/hotels/{id} ("Hotel {id}", in
  // `time_zone` and country `region_code`) straight to the store: the rooms
  // above tenancy need hotels to exist, not to be created through Hotels.
  void PutHotel(const std::string& organization, const std::string& id,
                const std::string& time_zone,
                const std::string& region_code = "");

  // Whether any key or value of any column family contains `bytes` (a
  // secret that must never be stored, say).
  bool StoreContains(std::string_view bytes) const;

  TempDir dir_;
  // 2026-01-15 12:00 UTC until a test moves it.
  FakeClock clock_;
  // Seeded, so that a test's ids are the same on every run.
  service::SeededIdSource ids_{"domain test"};
  StripedLock locks_{64};
  StripedLock organization_locks_{8};
  std::unique_ptr<storage::Store> store_;
  // Callers of two organizations. The domain leaves scopes to the gRPC layer,
  // so they have none.
  const service::Principal acme_ = Caller("acme");
  const service::Principal rival_ = Caller("rival");
};

}  // namespace guestvoice::testing

#endif  // GUESTVOICE_TESTS_TESTING_DOMAIN_FIXTURE_H_
