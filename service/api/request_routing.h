#ifndef GUESTVOICE_SERVICE_API_REQUEST_ROUTING_H_
#define GUESTVOICE_SERVICE_API_REQUEST_ROUTING_H_

// What a node reads off a request to forward it (cluster::CallRouter,
// CallForwarder): the organization the request is about and the method it
// was sent to.

#include <optional>
#include <string>

#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"

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

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_REQUEST_ROUTING_H_
