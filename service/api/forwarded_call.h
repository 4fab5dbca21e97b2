#ifndef GUESTVOICE_SERVICE_API_FORWARDED_CALL_H_
#define GUESTVOICE_SERVICE_API_FORWARDED_CALL_H_

// What crosses the hop when a node forwards a call to another
// (CallForwarder): the caller's metadata and deadline on the way there, the
// peer's headers, trailers and status on the way back. Metadata that
// belongs to one hop (HTTP/2's and gRPC's own) stays behind.

#include <grpcpp/client_context.h>
#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include <string>

#include "absl/status/statusor.h"

namespace guestvoice::service {

// Marks a forwarded call, naming the node that forwarded it: a node
// answers such a call itself, so that no call is forwarded twice (two nodes
// whose node maps disagree for a moment cannot pass a call back and forth).
// The header is trusted as sent: a client that sends it only makes the
// node it calls answer as if it could (stale while it catches up; a write to
// a partition stopped there is refused), never lets it skip authentication.
inline constexpr char kForwardedByHeader[] = "x-guestvoice-forwarded-by";

// Whether `context`'s call was forwarded to this node by another.
bool IsForwarded(const grpc::ServerContextBase& context);

// The caller's metadata and deadline on the call to the peer, marked as
// forwarded by `node_id`.
void CopyCallTo(const grpc::CallbackServerContext& from,
                const std::string& node_id, grpc::ClientContext& to);

// The peer's headers, and its trailers, on the caller's call. Headers only
// before the call sends its own (with its first message or its status).
void CopyHeaders(const grpc::ClientContext& from,
                 grpc::CallbackServerContext& to);
void CopyTrailers(const grpc::ClientContext& from,
                  grpc::CallbackServerContext& to);

// The peer's answer `status`, or why there is none: UNAVAILABLE without
// details is not an answer (every error a node answers carries details) but
// the way to the peer failing, which is UNAVAILABLE naming it as `peer`
// says ("the node at HOST:PORT"), with a RetryInfo.
absl::StatusOr<grpc::Status> PeerAnswer(grpc::Status status,
                                        const std::string& peer);

// How errors name the peer at `address`.
std::string PeerAt(const std::string& address);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_FORWARDED_CALL_H_
