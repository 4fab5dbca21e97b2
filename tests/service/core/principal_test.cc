// The caller: the scopes its key grants and the organization it may see.

#include "service/core/principal.h"

#include <initializer_list>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_details.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::ErrorMetadata;
using ::guestvoice::testing::HasErrorReason;
using ::guestvoice::testing::IsOk;
using ::guestvoice::testing::StatusIs;

Principal CallerWith(std::initializer_list<int> scopes) {
  google::protobuf::RepeatedField<int> field;
  for (int scope : scopes) field.Add(scope);
  return Principal("acme", "organizations/acme/apiKeys/k1", field);
}

TEST(PrincipalTest, KeepsTheOrganizationAndKeyName) {
  const Principal caller = CallerWith({});
  EXPECT_EQ(caller.organization(), "acme");
  EXPECT_EQ(caller.api_key_name(), "organizations/acme/apiKeys/k1");
}

TEST(PrincipalTest, HasExactlyTheScopesOfItsKey) {
  const Principal caller =
      CallerWith({v1::SCOPE_FEEDBACK_READ, v1::SCOPE_PLATFORM_ADMIN});
  for (int scope = v1::Scope_MIN + 1; scope <= v1::Scope_MAX; ++scope) {
    const bool granted =
        scope == v1::SCOPE_FEEDBACK_READ || scope == v1::SCOPE_PLATFORM_ADMIN;
    EXPECT_EQ(caller.HasScope(v1::Scope(scope)), granted)
        << v1::Scope_Name(scope);
  }
}

TEST(PrincipalTest, UnknownAndUnspecifiedScopeNumbersGrantNothing) {
  const Principal caller =
      CallerWith({v1::SCOPE_UNSPECIFIED, -1, v1::Scope_MAX + 1, 31, 32, 1000});
  for (int scope = v1::Scope_MIN + 1; scope <= v1::Scope_MAX; ++scope) {
    EXPECT_FALSE(caller.HasScope(v1::Scope(scope))) << v1::Scope_Name(scope);
  }
}

TEST(PrincipalTest, RequireScopeIsPermissionDeniedNamingTheScope) {
  const Principal caller = CallerWith({v1::SCOPE_FEEDBACK_READ});
  EXPECT_THAT(caller.RequireScope(v1::SCOPE_FEEDBACK_READ), IsOk());
  const absl::Status missing = caller.RequireScope(v1::SCOPE_FEEDBACK_WRITE);
  EXPECT_THAT(missing,
              StatusIs(absl::StatusCode::kPermissionDenied,
                       "the API key lacks the scope SCOPE_FEEDBACK_WRITE"));
  EXPECT_THAT(missing, HasErrorReason(v1::ERROR_REASON_SCOPE_MISSING));
  EXPECT_EQ(ErrorMetadata(missing, "required_scope"), "SCOPE_FEEDBACK_WRITE");
}

TEST(PrincipalTest, AdminScopesDoNotImplyOthers) {
  const Principal caller =
      CallerWith({v1::SCOPE_ADMIN, v1::SCOPE_PLATFORM_ADMIN});
  EXPECT_THAT(caller.RequireScope(v1::SCOPE_FEEDBACK_READ),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(caller.RequireScope(v1::SCOPE_INSIGHTS_READ),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST(PrincipalTest, RequireTenantHidesOtherOrganizationsResources) {
  const Principal caller = CallerWith({v1::SCOPE_ADMIN});
  EXPECT_THAT(caller.RequireTenant("acme", "organizations/acme/hotels/lisbon"),
              IsOk());
  for (const char* organization : {"rival", "acm", "acme2", "ACME", ""}) {
    const absl::Status status =
        caller.RequireTenant(organization, "organizations/x/hotels/lisbon");
    EXPECT_THAT(status, StatusIs(absl::StatusCode::kNotFound,
                                 "organizations/x/hotels/lisbon not found"))
        << organization;
    EXPECT_THAT(status, HasErrorReason(v1::ERROR_REASON_RESOURCE_NOT_FOUND));
    EXPECT_EQ(ErrorMetadata(status, "resource"),
              "organizations/x/hotels/lisbon");
  }
}

}  // namespace
}  // namespace guestvoice::service
