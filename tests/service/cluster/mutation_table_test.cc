// The MutationTable names real RPCs with their request and response types,
// and holds every mutating RPC of the API.

#include "service/cluster/mutation_table.h"

#include <set>
#include <string>

#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/feedback_service.pb.h"
#include "tests/service/cluster/state_node.h"

namespace guestvoice::service::cluster {
namespace {

using ::testing::UnorderedElementsAre;

TEST(MutationTableTest, EveryEntryIsAnRpcWithItsTypes) {
  testing::StateNode node;
  for (const Mutation& mutation : node.table().mutations()) {
    // Not RPCs: the cluster's bootstrap and a re-analysis runner's batches.
    if (mutation.method == kBootstrapMethod ||
        mutation.method == kReanalysisBatchMethod) {
      continue;
    }
    const google::protobuf::MethodDescriptor* method =
        google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(
            mutation.method);
    ASSERT_NE(method, nullptr) << mutation.method;
    EXPECT_EQ(method->input_type(), mutation.request_type) << mutation.method;
    // ImportFeedback's entry is one item of the stream, answered with the
    // item's result.
    if (method->client_streaming()) {
      EXPECT_EQ(mutation.response_type, v1::ImportFeedbackResult::descriptor());
    } else {
      EXPECT_EQ(method->output_type(), mutation.response_type)
          << mutation.method;
    }
    EXPECT_EQ(node.table().FindByMethod(mutation.method), &mutation);
    EXPECT_EQ(node.table().FindByRequest(*mutation.request_type), &mutation);
  }
}

TEST(MutationTableTest, HoldsEveryMutationOfTheApi) {
  testing::StateNode node;
  std::set<std::string> methods;
  for (const Mutation& mutation : node.table().mutations()) {
    methods.insert(mutation.method);
  }
  EXPECT_THAT(methods, UnorderedElementsAre(
                           "guestvoice.v1.AdminService.CreateOrganization",
                           "guestvoice.v1.AdminService.CreateApiKey",
                           "guestvoice.v1.AdminService.RevokeApiKey",
                           "guestvoice.v1.AdminService.ReanalyzeFeedback",
                           "guestvoice.v1.AdminService.CreateBackup",
                           "guestvoice.v1.AdminService.DeleteBackup",
                           "guestvoice.v1.FeedbackService.IngestFeedback",
                           "guestvoice.v1.FeedbackService.ImportFeedback",
                           "guestvoice.v1.FeedbackService.UpdateFeedback",
                           "guestvoice.v1.HotelService.CreateHotel",
                           "guestvoice.v1.HotelService.UpdateHotel",
                           "guestvoice.v1.HotelService.DeleteHotel",
                           "guestvoice.v1.LoyaltyService.CreateGuest",
                           "guestvoice.v1.LoyaltyService.LinkIdentity",
                           "guestvoice.v1.LoyaltyService.UnlinkIdentity",
                           "guestvoice.v1.LoyaltyService.MergeGuests",
                           "guestvoice.v1.LoyaltyService.EraseGuest",
                           "guestvoice.v1.LoyaltyService.RecordStay",
                           "guestvoice.v1.LoyaltyService.UpdateStay",
                           "guestvoice.v1.LoyaltyService.CancelStay",
                           "guestvoice.v1.LoyaltyService.RecordCheckIn",
                           "guestvoice.v1.LoyaltyService.UpdateLoyaltyProgram",
                           "guestvoice.v1.LoyaltyService.SetManualTier",
                           "guestvoice.internal.v1.Bootstrap",
                           "guestvoice.internal.v1.ReanalysisBatch"));
}

}  // namespace
}  // namespace guestvoice::service::cluster
