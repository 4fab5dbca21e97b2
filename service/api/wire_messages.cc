#include "service/api/wire_messages.h"

#include <grpc/slice.h>
#include <grpcpp/support/slice.h>

#include <string_view>

#include "service/core/request_decoding.h"

namespace guestvoice::service {

absl::Status DecodeBuffer(const grpc::ByteBuffer& buffer,
                          google::protobuf::Message& request) {
  grpc::Slice bytes;
  // A small request arrives as one slice, read where it lies; only one split
  // across slices is copied into a single one. Both fail only for a buffer
  // that holds nothing: the empty message.
  if (!buffer.TrySingleSlice(&bytes).ok() &&
      !buffer.DumpToSingleSlice(&bytes).ok()) {
    return DecodeRequest("", request);
  }
  return DecodeRequest(
      std::string_view(reinterpret_cast<const char*>(bytes.begin()),
                       bytes.size()),
      request);
}

grpc::ByteBuffer EncodeBuffer(const google::protobuf::Message& response) {
  // Serialized straight into the slice gRPC sends, not into a string that
  // is then copied into one.
  const size_t size = response.ByteSizeLong();
  grpc_slice bytes = grpc_slice_malloc(size);
  response.SerializeWithCachedSizesToArray(GRPC_SLICE_START_PTR(bytes));
  grpc::Slice slice(bytes, grpc::Slice::STEAL_REF);
  return grpc::ByteBuffer(&slice, 1);
}

}  // namespace guestvoice::service
