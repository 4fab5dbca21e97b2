// Organizations on a store of their own: created and listed by platform
// admins, read by their own keys, invisible to other organizations.

#include "service/tenancy/organizations.h"

#include <string>
#include <vector>

#include "common/status_macros.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/proto_time.h"
#include "service/core/request_log.h"
#include "tests/service/tenancy/tenancy_fixture.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;

class OrganizationsTest : public TenancyFixture {
 protected:
  static v1::CreateOrganizationRequest CreateRequest(
      const std::string& organization_id) {
    v1::CreateOrganizationRequest request;
    request.set_organization_id(organization_id);
    request.mutable_organization()->set_display_name("Org " + organization_id);
    return request;
  }

  absl::Status Create(const v1::CreateOrganizationRequest& request,
                      v1::Organization* created = nullptr) {
    v1::Organization ignored;
    return organizations().Create(platform_admin_, request,
                                  created != nullptr ? *created : ignored);
  }

  absl::StatusOr<v1::Organization> Get(const std::string& name,
                                       const Principal& caller) {
    v1::GetOrganizationRequest request;
    request.set_name(name);
    v1::Organization organization;
    RETURN_IF_ERROR(organizations().Get(caller, request, organization));
    return organization;
  }

  Organizations organizations() { return Organizations(domain()); }

  // A platform admin key of organization "default", as bootstrapped.
  const Principal platform_admin_ =
      Caller("default", {v1::SCOPE_ADMIN, v1::SCOPE_PLATFORM_ADMIN});
};

TEST_F(OrganizationsTest, CreateStoresTheOrganization) {
  v1::Organization created;
  ASSERT_OK(Create(CreateRequest("acme"), &created));
  EXPECT_EQ(created.name(), "organizations/acme");
  EXPECT_EQ(created.display_name(), "Org acme");
  EXPECT_EQ(FromProtoTimestamp(created.create_time()), clock_.Now());

  ASSERT_OK_AND_ASSIGN(v1::Organization fetched,
                       Get("organizations/acme", platform_admin_));
  EXPECT_EQ(fetched.SerializeAsString(), created.SerializeAsString());
}

TEST_F(OrganizationsTest, CreateWithoutAnIdGeneratesOne) {
  v1::Organization created;
  ASSERT_OK(Create(CreateRequest(""), &created));
  EXPECT_THAT(created.name(), MatchesRegex("organizations/[a-z][a-z0-9]{19}"));
}

TEST_F(OrganizationsTest, CreatingAnExistingIdIsAlreadyExists) {
  ASSERT_OK(Create(CreateRequest("acme")));
  EXPECT_THAT(Create(CreateRequest("acme")),
              StatusIs(absl::StatusCode::kAlreadyExists));
}

TEST_F(OrganizationsTest, ARetryWithTheSameRequestIdReplaysTheFirstResult) {
  v1::CreateOrganizationRequest request = CreateRequest("");
  request.set_request_id("org-req-1");
  v1::Organization first;
  v1::Organization second;
  ASSERT_OK(Create(request, &first));
  clock_.Advance(absl::Minutes(1));
  ASSERT_OK(Create(request, &second));
  EXPECT_EQ(first.SerializeAsString(), second.SerializeAsString());

  v1::ListOrganizationsResponse listed;
  ASSERT_OK(organizations().List(platform_admin_, {}, listed));
  EXPECT_EQ(listed.organizations_size(), 1);
}

// A request id belongs to the organization being created (its record is
// kept there, where a cluster applies the creation): another request that
// creates the same organization under it is refused; one naming another
// organization_id is another creation.
TEST_F(OrganizationsTest, ARequestIdBelongsToTheOrganizationItCreates) {
  v1::CreateOrganizationRequest request = CreateRequest("");
  request.set_request_id("org-req-1");
  v1::Organization first;
  ASSERT_OK(Create(request, &first));

  v1::CreateOrganizationRequest renamed = request;
  renamed.mutable_organization()->set_display_name("Another name");
  EXPECT_THAT(Create(renamed), StatusIs(absl::StatusCode::kInvalidArgument,
                                        ::testing::HasSubstr("request_id")));

  v1::CreateOrganizationRequest named = CreateRequest("globex");
  named.set_request_id("org-req-1");
  v1::Organization globex;
  ASSERT_OK(Create(named, &globex));
  EXPECT_EQ(globex.name(), "organizations/globex");

  // The generated id follows from the request id: once the request id is
  // forgotten, a late retry finds the organization rather than making a
  // second one.
  clock_.Advance(kRequestIdLifetime + absl::Seconds(1));
  EXPECT_THAT(Create(request), StatusIs(absl::StatusCode::kAlreadyExists));
  v1::ListOrganizationsResponse listed;
  ASSERT_OK(organizations().List(platform_admin_, {}, listed));
  EXPECT_EQ(listed.organizations_size(), 2);
}

TEST_F(OrganizationsTest, EveryBadFieldIsReported) {
  v1::CreateOrganizationRequest request = CreateRequest("Bad_Id");
  request.mutable_organization()->set_display_name("");
  request.set_request_id(std::string(200, 'r'));
  const absl::Status status = Create(request);
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(ViolatedFields(status),
              ElementsAre("organization_id", "organization.display_name",
                          "request_id"));
}

TEST_F(OrganizationsTest, ABlankDisplayNameIsRefusedAndNothingIsCreated) {
  for (const char* blank : {" ", "  \t ", "\u00A0", "\u200B\u3000"}) {
    v1::CreateOrganizationRequest request = CreateRequest("blank");
    request.mutable_organization()->set_display_name(blank);
    const absl::Status status = Create(request);
    EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
    EXPECT_THAT(ViolatedFields(status),
                ElementsAre("organization.display_name"));
  }
  EXPECT_FALSE(Get("organizations/blank", platform_admin_).ok());
}

TEST_F(OrganizationsTest, OwnKeysAndPlatformAdminsReadAnOrganization) {
  ASSERT_OK(Create(CreateRequest("acme")));
  ASSERT_OK(Create(CreateRequest("globex")));

  EXPECT_OK(Get("organizations/acme", Caller("acme", {v1::SCOPE_FEEDBACK_READ}))
                .status());
  EXPECT_OK(Get("organizations/acme", platform_admin_).status());
  EXPECT_THAT(Get("organizations/acme", Caller("globex", {v1::SCOPE_ADMIN})),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Get("organizations/ghost", platform_admin_),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(ViolatedFields(Get("acme", platform_admin_).status()),
              ElementsAre("name"));
}

TEST_F(OrganizationsTest, ListPagesThroughEveryOrganizationInIdOrder) {
  for (const char* id : {"globex", "acme", "initech"}) {
    ASSERT_OK(Create(CreateRequest(id)));
  }
  v1::ListOrganizationsRequest request;
  request.set_page_size(2);
  v1::ListOrganizationsResponse first;
  ASSERT_OK(organizations().List(platform_admin_, request, first));
  ASSERT_EQ(first.organizations_size(), 2);
  EXPECT_EQ(first.organizations(0).name(), "organizations/acme");
  EXPECT_EQ(first.organizations(1).name(), "organizations/globex");

  request.set_page_token(first.next_page_token());
  v1::ListOrganizationsResponse second;
  ASSERT_OK(organizations().List(platform_admin_, request, second));
  ASSERT_EQ(second.organizations_size(), 1);
  EXPECT_EQ(second.organizations(0).name(), "organizations/initech");
  EXPECT_THAT(second.next_page_token(), IsEmpty());
}

}  // namespace
}  // namespace guestvoice::service
