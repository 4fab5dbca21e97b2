#ifndef GUESTVOICE_SERVICE_API_REQUEST_ROUTING_H_
#define GUESTVOICE_SERVICE_API_REQUEST_ROUTING_H_

// What a node reads off a request to forward it (cluster::CallRouter,
// CallForwarder): the organization the request is about and the method it
// was sent to.

#include <grpcpp/server_context.h>
#include <grpcpp/support/byte_buffer.h>

#include <optional>
#include <string>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "service/cluster/call_router.h"

namespace guestvoice::service {

// The organization a request names in its first field, the resource it is
// about (AIP-style: `parent`, `name`, `hotel`, `guest`, `scope` or
// `survivor` names it; an update request's first field is the resource
// itself, whose `name` does). nullopt for the platform's own calls
// (CreateOrganization, ListOrganizations, GetServerInfo, backups), which
// every node answers itself, and for a name that is not an organization's
// (the handler reports it).
std::optional<std::string> OrganizationNamedBy(
    const google::protobuf::Message& request);

// "/package.Service/Method" of the method whose request is `request_type`,
// looked up in the file that declares it (each request type belongs to one
// method); nullopt when that file declares no such method.
std::optional<std::string> MethodPathOf(
    const google::protobuf::Descriptor& request_type);

// Whether `router` may send the call `context` to another node: there is
// one (the cluster mode), it does not answer everything itself now, and
// the call was not forwarded here already (each is forwarded once at most).
bool MayForward(const cluster::CallRouter* router,
                const grpc::ServerContextBase& context);

// The address of the node that answers the call `context` instead of this
// one, when `router` sends the organization its request (`wire_request`, a
// `request_type`) names there; nullopt when this node answers it: when it
// may not forward the call (MayForward), or the request does not decode
// or names no organization (this node refuses or answers it).
std::optional<std::string> ForwardAddressOf(
    const cluster::CallRouter* router, const grpc::ServerContextBase& context,
    const google::protobuf::Descriptor& request_type,
    const grpc::ByteBuffer& wire_request);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_REQUEST_ROUTING_H_
