#ifndef GUESTVOICE_SERVICE_API_IMPORT_REACTOR_H_
#define GUESTVOICE_SERVICE_API_IMPORT_REACTOR_H_

#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/server_callback.h>

#include "guestvoice/v1/feedback_service.pb.h"
#include "service/api/import_streams.h"
#include "service/api/service_deps.h"
#include "service/feedback/ingest.h"

namespace guestvoice::service {

// The reactor of one ImportFeedback call: authenticates once (in the cluster
// mode after the call's consistency token, if any, is applied), then ingests
// each streamed item as IngestFeedback would, recording a result per item
// (with the error's details for a refused one) and reading on. The call
// itself fails only for a bad key or scope, or a first item's parent that is
// malformed or another tenant's; a later item naming another parent is
// refused in its result. The method is registered
// raw (wire_messages.h): each message is decoded here, so one whose bytes do
// not decode (a string that is not UTF-8) is a refused item with the field
// named, and the stream reads on. In the cluster mode items are pipelined:
// each is prepared and produced as it is read, up to
// max_items_in_flight_per_stream of them waiting for the cluster at once
// (then the stream is not read until one completes), and their results are
// answered in stream order; a cancelled call abandons the items still
// waiting. `streams` caps the streams open at once (RESOURCE_EXHAUSTED with
// a RetryInfo beyond) and the items of one stream (the call answers after
// that many, reading no more).
grpc::ServerReadReactor<grpc::ByteBuffer>* StartImport(
    grpc::CallbackServerContext* context, const ServiceDeps& deps,
    ImportStreams& streams, grpc::ByteBuffer* wire_response);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_IMPORT_REACTOR_H_
