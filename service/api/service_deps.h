#ifndef GUESTVOICE_SERVICE_API_SERVICE_DEPS_H_
#define GUESTVOICE_SERVICE_API_SERVICE_DEPS_H_

#include "service/api/authenticator.h"
#include "service/core/domain_context.h"

namespace guestvoice::service {

// What every gRPC service implementation works with: the domain's context and
// the authenticator of calls. Owned by the Server, which outlives the
// services.
struct ServiceDeps {
  DomainContext domain;
  const Authenticator& authenticator;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_SERVICE_DEPS_H_
