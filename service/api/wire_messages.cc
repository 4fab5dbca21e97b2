#include "service/api/wire_messages.h"

#include <grpcpp/support/slice.h>

#include <string>
#include <string_view>

#include "service/core/request_decoding.h"

namespace guestvoice::service {

absl::Status DecodeBuffer(const grpc::ByteBuffer& buffer,
                          google::protobuf::Message& request) {
  grpc::Slice bytes;
  // Fails only for a buffer that holds nothing: the empty message.
  if (!buffer.DumpToSingleSlice(&bytes).ok()) return DecodeRequest("", request);
  return DecodeRequest(
      std::string_view(reinterpret_cast<const char*>(bytes.begin()),
                       bytes.size()),
      request);
}

grpc::ByteBuffer EncodeBuffer(const google::protobuf::Message& response) {
  const std::string bytes = response.SerializeAsString();
  grpc::Slice slice(bytes);
  return grpc::ByteBuffer(&slice, 1);
}

}  // namespace guestvoice::service
