// The guestvoice quickstart: create a hotel, ingest a feedback item, record a
// stay, look up the guest's loyalty status and read the hotel summary.
#ifndef GUESTVOICE_EXAMPLES_QUICKSTART_H_
#define GUESTVOICE_EXAMPLES_QUICKSTART_H_

#include <ostream>

#include "guestvoice/client.h"

namespace guestvoice::examples {

// Runs the quickstart, printing one line per step; returns the first failed
// call's status, prefixed with the RPC's name.
grpc::Status RunQuickstart(Client& client, std::ostream& out);

}  // namespace guestvoice::examples

#endif  // GUESTVOICE_EXAMPLES_QUICKSTART_H_
