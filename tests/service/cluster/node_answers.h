#ifndef GUESTVOICE_TESTS_SERVICE_CLUSTER_NODE_ANSWERS_H_
#define GUESTVOICE_TESTS_SERVICE_CLUSTER_NODE_ANSWERS_H_

// What one node of a cluster answers about the things a test wrote, as one
// string, so that the answers of every node can be compared after catch-up:
// identical strings mean identical insights, feedback and loyalty.

#include <grpcpp/channel.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace guestvoice::testing {

struct AnswersAbout {
  std::string organization;  // organizations/{organization}
  // Hotel names: each one's GetHotelSummary and ListFeedback (every page),
  // and the organization's ListTopIssues, over [start, end).
  std::vector<std::string> hotels;
  absl::Time start;
  absl::Time end;
  // Guest names: each one's ExportGuest (identities, stays, check-ins,
  // feedback, loyalty status) and LookupGuest of each identity.
  std::vector<std::string> guests;
};

// The answers, serialized; page tokens are left out (each node signs its
// own unless they share --page_token_secret_file). Fails when a call fails.
absl::StatusOr<std::string> NodeAnswers(
    const std::shared_ptr<grpc::Channel>& channel, const std::string& key,
    const AnswersAbout& about);

}  // namespace guestvoice::testing

#endif  // GUESTVOICE_TESTS_SERVICE_CLUSTER_NODE_ANSWERS_H_
