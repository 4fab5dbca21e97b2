#ifndef GUESTVOICE_SERVICE_API_WIRE_MESSAGES_H_
#define GUESTVOICE_SERVICE_API_WIRE_MESSAGES_H_

// Messages of the methods the services register raw (the generated
// WithRawCallbackMethod_* bases): gRPC hands over the request's bytes and
// the server decodes them itself with DecodeRequest (core/request_decoding.h),
// so a string that is not UTF-8 is a FIELD_INVALID error naming the field,
// not UNIMPLEMENTED with an empty message or, in a client stream, a silent
// end of the stream.

#include <grpcpp/support/byte_buffer.h>

#include "absl/status/status.h"
#include "google/protobuf/message.h"

namespace guestvoice::service {

namespace internal {
template <typename Base, template <typename> class... Methods>
struct StackMethods;
template <typename Base>
struct StackMethods<Base> {
  using type = Base;
};
template <typename Base, template <typename> class First,
          template <typename> class... Rest>
struct StackMethods<Base, First, Rest...> {
  using type = First<typename StackMethods<Base, Rest...>::type>;
};
}  // namespace internal

// A service base with each of `Methods` (generated WithRawCallbackMethod_*
// templates) registered raw over `Base`:
//   RawMethods<v1::HotelService::Service,
//              v1::HotelService::WithRawCallbackMethod_CreateHotel, ...>
template <typename Base, template <typename> class... Methods>
using RawMethods = typename internal::StackMethods<Base, Methods...>::type;

// Decodes `buffer` into `request` as DecodeRequest does.
absl::Status DecodeBuffer(const grpc::ByteBuffer& buffer,
                          google::protobuf::Message& request);

// The wire form of `response`, for a raw method to send.
grpc::ByteBuffer EncodeBuffer(const google::protobuf::Message& response);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_WIRE_MESSAGES_H_
