// "Loyalty is behaviour": no request or response of the whole v1 API carries
// follower counts, reach, impressions or an influence score, so loyalty (and
// anything else) cannot be computed from them.

#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/admin_service.pb.h"
#include "guestvoice/v1/feedback_service.pb.h"
#include "guestvoice/v1/hotel_service.pb.h"
#include "guestvoice/v1/insight_service.pb.h"
#include "guestvoice/v1/loyalty_service.pb.h"

namespace guestvoice {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::EnumDescriptor;
using google::protobuf::FileDescriptor;
using google::protobuf::ServiceDescriptor;

constexpr const char* kAudienceWords[] = {"follower",  "reach", "impression",
                                          "influence", "klout", "audience"};

class NameCollector {
 public:
  void AddFile(const FileDescriptor* file) {
    if (!files_.insert(file).second) return;
    for (int i = 0; i < file->dependency_count(); ++i) {
      AddFile(file->dependency(i));
    }
    if (file->package().rfind("guestvoice.v1", 0) != 0) return;
    for (int i = 0; i < file->message_type_count(); ++i) {
      AddMessage(file->message_type(i));
    }
    for (int i = 0; i < file->enum_type_count(); ++i) {
      AddEnum(file->enum_type(i));
    }
    for (int i = 0; i < file->service_count(); ++i) {
      const ServiceDescriptor* service = file->service(i);
      for (int m = 0; m < service->method_count(); ++m) {
        names_.push_back(service->method(m)->full_name());
      }
    }
  }

  const std::vector<std::string>& names() const { return names_; }
  size_t field_count() const { return field_count_; }

 private:
  void AddMessage(const Descriptor* message) {
    names_.push_back(message->full_name());
    for (int i = 0; i < message->field_count(); ++i) {
      names_.push_back(message->field(i)->full_name());
      ++field_count_;
    }
    for (int i = 0; i < message->nested_type_count(); ++i) {
      AddMessage(message->nested_type(i));
    }
    for (int i = 0; i < message->enum_type_count(); ++i) {
      AddEnum(message->enum_type(i));
    }
  }

  void AddEnum(const EnumDescriptor* enumeration) {
    for (int i = 0; i < enumeration->value_count(); ++i) {
      names_.push_back(enumeration->value(i)->full_name());
    }
  }

  std::set<const FileDescriptor*> files_;
  std::vector<std::string> names_;
  size_t field_count_ = 0;
};

TEST(LoyaltyNoInfluenceTest, NoFieldOfTheApiMeasuresAudience) {
  NameCollector collector;
  // One request of each service file; the walk follows every import.
  for (const Descriptor* request : {v1::CreateOrganizationRequest::descriptor(),
                                    v1::CreateHotelRequest::descriptor(),
                                    v1::IngestFeedbackRequest::descriptor(),
                                    v1::CreateGuestRequest::descriptor(),
                                    v1::GetHotelSummaryRequest::descriptor()}) {
    collector.AddFile(request->file());
  }
  // The walk reached the whole API, not just a few messages.
  EXPECT_GT(collector.field_count(), 150u);
  EXPECT_THAT(collector.names(),
              ::testing::Contains("guestvoice.v1.Stay.nights"));
  for (const std::string& name : collector.names()) {
    const std::string lower = absl::AsciiStrToLower(name);
    for (const char* word : kAudienceWords) {
      EXPECT_EQ(lower.find(word), std::string::npos)
          << name << " mentions \"" << word << "\"";
    }
  }
}

}  // namespace
}  // namespace guestvoice
