#ifndef GUESTVOICE_SERVICE_CORE_REQUEST_DECODING_H_
#define GUESTVOICE_SERVICE_CORE_REQUEST_DECODING_H_

// Requests read from the wire by the server itself rather than by gRPC's
// generated code. protobuf refuses a proto3 string that is not UTF-8 and
// says only that the parse failed: under gRPC that becomes UNIMPLEMENTED with
// an empty message for a unary call, and the silent end of a client stream.
// Decoding here instead names the offending field, so every request gets
// the FIELD_INVALID error the API documents.

#include <string_view>

#include "absl/status/status.h"
#include "google/protobuf/message.h"

namespace guestvoice::service {

// Parses `bytes` into `request` (cleared first). Errors, each with nothing
// of the request applied:
//  - INVALID_ARGUMENT (FIELD_INVALID) with a BadRequest violation naming the
//    first string field that is not valid UTF-8, by its path in the request
//    ("feedback.text", "feedback.author.handle", "tiers[2].tier_id");
//  - INVALID_ARGUMENT (REQUEST_MALFORMED) for bytes that are not a
//    `request` message at all.
absl::Status DecodeRequest(std::string_view bytes,
                           google::protobuf::Message& request);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_CORE_REQUEST_DECODING_H_
