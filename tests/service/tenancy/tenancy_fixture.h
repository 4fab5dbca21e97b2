#ifndef GUESTVOICE_TESTS_SERVICE_TENANCY_TENANCY_FIXTURE_H_
#define GUESTVOICE_TESTS_SERVICE_TENANCY_TENANCY_FIXTURE_H_

// Shared by the tenancy domain tests: the plain domain test, an empty store
// with its DomainContext and Caller(organization, scopes) to make up callers.
// The tests create organizations, hotels and keys through the classes under
// test, so the fixture adds nothing to the base.

#include "tests/testing/domain_fixture.h"
#include "tests/testing/status_details.h"

namespace guestvoice::service {

// Tenancy tests read a status's violations as ViolatedFields(status).
using ::guestvoice::testing::ViolatedFields;

using TenancyFixture = ::guestvoice::testing::DomainTest;

}  // namespace guestvoice::service

#endif  // GUESTVOICE_TESTS_SERVICE_TENANCY_TENANCY_FIXTURE_H_
