// What a node reads off a request to route it: the organization its first
// field names, for every unary method of the API, and the method's path.

#include "service/api/request_routing.h"

#include <memory>
#include <set>
#include <string>

#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/dynamic_message.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/admin_service.grpc.pb.h"
#include "guestvoice/v1/feedback_service.grpc.pb.h"
#include "guestvoice/v1/hotel_service.grpc.pb.h"
#include "guestvoice/v1/insight_service.grpc.pb.h"
#include "guestvoice/v1/loyalty_service.grpc.pb.h"

namespace guestvoice::service {
namespace {

using ::google::protobuf::FieldDescriptor;
using ::testing::Optional;

std::vector<const google::protobuf::ServiceDescriptor*> Services() {
  std::vector<const google::protobuf::ServiceDescriptor*> services;
  for (const char* name : {v1::AdminService::service_full_name(),
                           v1::FeedbackService::service_full_name(),
                           v1::HotelService::service_full_name(),
                           v1::InsightService::service_full_name(),
                           v1::LoyaltyService::service_full_name()}) {
    services.push_back(
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
            name));
    EXPECT_NE(services.back(), nullptr) << name;
  }
  return services;
}

// The platform's own methods: no organization to route on.
const std::set<std::string>& PlatformMethods() {
  static const auto* methods = new std::set<std::string>{
      "CreateOrganization", "ListOrganizations", "GetServerInfo",
      "CreateBackup",       "ListBackups",       "DeleteBackup"};
  return *methods;
}

std::unique_ptr<google::protobuf::Message> NewRequest(
    const google::protobuf::MethodDescriptor& method) {
  return std::unique_ptr<google::protobuf::Message>(
      google::protobuf::MessageFactory::generated_factory()
          ->GetPrototype(method.input_type())
          ->New());
}

TEST(RequestRoutingTest, EveryMethodOfAnOrganizationNamesItInItsFirstField) {
  for (const auto* service : Services()) {
    for (int m = 0; m < service->method_count(); ++m) {
      const google::protobuf::MethodDescriptor& method = *service->method(m);
      if (method.client_streaming() || method.server_streaming() ||
          PlatformMethods().count(method.name()) > 0) {
        continue;
      }
      SCOPED_TRACE(method.full_name());
      std::unique_ptr<google::protobuf::Message> request = NewRequest(method);
      const FieldDescriptor& first = *request->GetDescriptor()->field(0);
      const std::string name = "organizations/acme/hotels/porto";
      if (first.type() == FieldDescriptor::TYPE_STRING) {
        request->GetReflection()->SetString(request.get(), &first, name);
      } else {
        ASSERT_EQ(first.type(), FieldDescriptor::TYPE_MESSAGE);
        google::protobuf::Message* resource =
            request->GetReflection()->MutableMessage(request.get(), &first);
        const FieldDescriptor* resource_name =
            resource->GetDescriptor()->FindFieldByName("name");
        ASSERT_NE(resource_name, nullptr);
        resource->GetReflection()->SetString(resource, resource_name, name);
      }

      EXPECT_THAT(OrganizationNamedBy(*request), Optional(std::string("acme")));
    }
  }
}

TEST(RequestRoutingTest, ThePlatformsCallsNameNoOrganization) {
  v1::CreateOrganizationRequest create;
  create.set_organization_id("acme");
  v1::DeleteBackupRequest delete_backup;
  delete_backup.set_name("backups/3");

  EXPECT_EQ(OrganizationNamedBy(create), std::nullopt);
  EXPECT_EQ(OrganizationNamedBy(delete_backup), std::nullopt);
  EXPECT_EQ(OrganizationNamedBy(v1::ListOrganizationsRequest()), std::nullopt);
  EXPECT_EQ(OrganizationNamedBy(v1::GetServerInfoRequest()), std::nullopt);
}

TEST(RequestRoutingTest, ANameThatIsNotAnOrganizationsRoutesNowhere) {
  v1::GetHotelRequest request;
  for (const char* name :
       {"", "hotels/porto", "organizations/", "organizations/Acme/hotels/x",
        "organization/acme", "organizations//hotels/x"}) {
    request.set_name(name);
    EXPECT_EQ(OrganizationNamedBy(request), std::nullopt) << name;
  }
  v1::UpdateHotelRequest update;  // its hotel unset
  EXPECT_EQ(OrganizationNamedBy(update), std::nullopt);
}

TEST(RequestRoutingTest, EveryRequestTypeLeadsToItsOneMethod) {
  for (const auto* service : Services()) {
    for (int m = 0; m < service->method_count(); ++m) {
      const google::protobuf::MethodDescriptor& method = *service->method(m);
      EXPECT_THAT(MethodPathOf(*method.input_type()),
                  Optional("/" + service->full_name() + "/" + method.name()));
    }
  }
  EXPECT_EQ(MethodPathOf(*v1::Hotel::descriptor()), std::nullopt);
}

}  // namespace
}  // namespace guestvoice::service
