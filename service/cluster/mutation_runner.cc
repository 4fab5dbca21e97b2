#include "service/cluster/mutation_runner.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"

namespace guestvoice::service::cluster {

std::shared_ptr<MutationRun> EmbeddedMutations::Start(
    const Principal& caller, const google::protobuf::Message& request,
    google::protobuf::Message& response, Done done) {
  const Mutation* mutation = table_.FindByRequest(*request.GetDescriptor());
  if (mutation == nullptr) {
    std::move(done)(NoMutationFor(request));
    return nullptr;
  }
  if (absl::Status ran =
          table_.Run(*mutation, domain_, caller, request, response);
      !ran.ok()) {
    std::move(done)(ran);
  } else {
    std::move(done)(std::string());
  }
  return nullptr;
}

absl::StatusOr<std::string> RunAndWait(MutationRunner& runner,
                                       const Principal& caller,
                                       const google::protobuf::Message& request,
                                       google::protobuf::Message& response,
                                       absl::Time deadline) {
  // Shared with `done`, which may run on another thread.
  struct Result {
    absl::Notification done;
    absl::StatusOr<std::string> token;
  };
  auto result = std::make_shared<Result>();
  std::shared_ptr<MutationRun> run = runner.Start(
      caller, request, response, [result](absl::StatusOr<std::string> token) {
        result->token = std::move(token);
        result->done.Notify();
      });
  if (!result->done.WaitForNotificationWithDeadline(deadline) &&
      run != nullptr) {
    run->Abandon(absl::DeadlineExceededError("the deadline passed"));
  }
  // Abandoned, `done` has run or runs now on the thread that won.
  result->done.WaitForNotification();
  return result->token;
}

absl::Status NoMutationFor(const google::protobuf::Message& request) {
  return absl::InternalError(absl::StrCat(
      "no mutation takes a ", request.GetDescriptor()->full_name()));
}

}  // namespace guestvoice::service::cluster
