#ifndef GUESTVOICE_TESTS_SERVICE_TENANCY_TENANCY_FIXTURE_H_
#define GUESTVOICE_TESTS_SERVICE_TENANCY_TENANCY_FIXTURE_H_

// Shared by the tenancy domain tests: a store in a fresh directory, a fake
// clock and the locks, as a DomainContext; callers made up as Principals.
// No server: the domain classes are called directly.

#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "common/striped_lock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/admin.pb.h"
#include "service/core/domain_context.h"
#include "service/core/principal.h"
#include "service/core/resource_names.h"
#include "storage/store.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/status_details.h"
#include "tests/testing/temp_dir.h"

namespace guestvoice::service {

// Tenancy tests read a status's violations as ViolatedFields(status).
using ::guestvoice::testing::ViolatedFields;

class TenancyFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store =
        storage::Store::Open({.data_dir = dir_.path(), .sync_writes = false});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(store).value();
  }

  DomainContext domain() {
    return DomainContext{*store_, locks_, clock_, attribution_locks_};
  }

  // A caller holding the key organizations/{organization}/apiKeys/{key_id}
  // with `scopes`.
  static Principal Caller(const std::string& organization,
                          std::initializer_list<v1::Scope> scopes,
                          const std::string& key_id = "caller") {
    google::protobuf::RepeatedField<int> scope_field;
    for (v1::Scope scope : scopes) scope_field.Add(scope);
    return Principal(organization, FormatApiKeyName(organization, key_id),
                     scope_field);
  }

  testing::TempDir dir_;
  testing::FakeClock clock_;
  std::unique_ptr<storage::Store> store_;
  StripedLock locks_{64};
  StripedLock attribution_locks_{8};
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_TESTS_SERVICE_TENANCY_TENANCY_FIXTURE_H_
