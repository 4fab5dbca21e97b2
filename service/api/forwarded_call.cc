#include "service/api/forwarded_call.h"

#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/absl_view.h"
#include "service/api/grpc_status.h"
#include "service/core/errors.h"

namespace guestvoice::service {
namespace {

std::string_view ViewOf(const grpc::string_ref& ref) {
  return std::string_view(ref.data(), ref.size());
}

// A peer that cannot be reached is down or restarting, or the node map has
// not yet told of its replacement: soon over.
constexpr absl::Duration kUnreachedRetryDelay = absl::Seconds(1);

// Metadata that belongs to one hop (HTTP/2 and gRPC's own, which each
// channel sets itself) rather than to the call; the retry pushback is the
// server's answer, so it travels back.
bool BelongsToTheHop(std::string_view key) {
  if (key == kRetryPushbackTrailer) return false;
  return key.empty() || key.front() == ':' ||
         absl::StartsWith(AbslView(key), "grpc-") || key == "content-type" ||
         key == "user-agent" || key == "te" || key == "host" ||
         key == kForwardedByHeader;
}

}  // namespace

bool IsForwarded(const grpc::ServerContextBase& context) {
  return context.client_metadata().count(kForwardedByHeader) > 0;
}

void CopyCallTo(const grpc::CallbackServerContext& from,
                const std::string& node_id, grpc::ClientContext& to) {
  for (const auto& [key, value] : from.client_metadata()) {
    if (BelongsToTheHop(ViewOf(key))) continue;
    to.AddMetadata(std::string(ViewOf(key)), std::string(ViewOf(value)));
  }
  to.AddMetadata(kForwardedByHeader, node_id);
  to.set_deadline(from.deadline());
}

void CopyHeaders(const grpc::ClientContext& from,
                 grpc::CallbackServerContext& to) {
  for (const auto& [key, value] : from.GetServerInitialMetadata()) {
    if (BelongsToTheHop(ViewOf(key))) continue;
    to.AddInitialMetadata(std::string(ViewOf(key)), std::string(ViewOf(value)));
  }
}

void CopyTrailers(const grpc::ClientContext& from,
                  grpc::CallbackServerContext& to) {
  for (const auto& [key, value] : from.GetServerTrailingMetadata()) {
    if (BelongsToTheHop(ViewOf(key))) continue;
    to.AddTrailingMetadata(std::string(ViewOf(key)),
                           std::string(ViewOf(value)));
  }
}

absl::StatusOr<grpc::Status> PeerAnswer(grpc::Status status,
                                        const std::string& peer) {
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE &&
      status.error_details().empty()) {
    return WithRetryInfo(absl::UnavailableError(absl::StrCat(
                             "this node forwards the call to ", peer,
                             ", which cannot be reached now: ",
                             status.error_message(), "; retry")),
                         kUnreachedRetryDelay);
  }
  return status;
}

std::string PeerAt(const std::string& address) {
  return absl::StrCat("the node at ", address);
}

}  // namespace guestvoice::service
