// Request handling of every service from arbitrary bytes, through the real
// server: the first byte picks a method of the five services, the rest is
// sent as that method's request body, raw, with an admin key. Whatever the
// bytes, the server answers (no crash, no hang) with OK or a status a client
// can act on, never UNKNOWN, INTERNAL, DATA_LOSS or UNIMPLEMENTED, and a
// request our decoder accepts also parses with protobuf's own parser (the
// two agree on what a valid request is).

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "guestvoice/v1/admin_service.grpc.pb.h"
#include "guestvoice/v1/feedback_service.grpc.pb.h"
#include "guestvoice/v1/hotel_service.grpc.pb.h"
#include "guestvoice/v1/insight_service.grpc.pb.h"
#include "guestvoice/v1/loyalty_service.grpc.pb.h"
#include "service/api/server.h"
#include "service/core/request_decoding.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/testing/temp_dir.h"

namespace guestvoice {
namespace {

using google::protobuf::MethodDescriptor;

struct Target {
  testing::TempDir data_dir;
  std::unique_ptr<service::Server> server;
  std::unique_ptr<grpc::GenericStub> stub;
  std::string admin_key;
  std::vector<const MethodDescriptor*> methods;  // unary ones
};

Target& TheTarget() {
  static Target* target = [] {
    auto* made = new Target();
    auto server =
        service::Server::Start({.listen = "127.0.0.1:0",
                                .data_dir = made->data_dir.path(),
                                .sync_writes = false,
                                .block_cache_bytes = 8 << 20,
                                .rate_limit = {.calls_per_second = 0}});
    FUZZ_CHECK(server.ok());
    made->server = *std::move(server);
    std::ifstream key_file(made->server->bootstrap().admin_key_file);
    std::getline(key_file, made->admin_key);
    FUZZ_CHECK(!made->admin_key.empty());
    made->stub =
        std::make_unique<grpc::GenericStub>(made->server->InProcessChannel());
    for (const char* service_name : {v1::HotelService::service_full_name(),
                                     v1::AdminService::service_full_name(),
                                     v1::FeedbackService::service_full_name(),
                                     v1::LoyaltyService::service_full_name(),
                                     v1::InsightService::service_full_name()}) {
      const google::protobuf::ServiceDescriptor* service =
          google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
              service_name);
      FUZZ_CHECK(service != nullptr);
      for (int m = 0; m < service->method_count(); ++m) {
        const MethodDescriptor* method = service->method(m);
        if (!method->client_streaming() && !method->server_streaming()) {
          made->methods.push_back(method);
        }
      }
    }
    return made;
  }();
  return *target;
}

grpc::Status Call(Target& target, const MethodDescriptor& method,
                  std::string_view body) {
  grpc::ClientContext context;
  context.AddMetadata("authorization",
                      absl::StrCat("Bearer ", target.admin_key));
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(20));
  grpc::Slice slice(body.data(), body.size());
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  grpc::Status status;
  std::mutex mutex;
  std::condition_variable done_signal;
  bool done = false;
  target.stub->UnaryCall(
      &context,
      absl::StrCat("/", method.service()->full_name(), "/", method.name()),
      grpc::StubOptions(), &request, &response, [&](grpc::Status result) {
        std::lock_guard<std::mutex> lock(mutex);
        status = std::move(result);
        done = true;
        done_signal.notify_one();
      });
  std::unique_lock<std::mutex> lock(mutex);
  done_signal.wait(lock, [&] { return done; });
  return status;
}

void CheckDecodersAgree(const MethodDescriptor& method, std::string_view body) {
  std::unique_ptr<google::protobuf::Message> ours(
      google::protobuf::MessageFactory::generated_factory()
          ->GetPrototype(method.input_type())
          ->New());
  if (service::DecodeRequest(body, *ours).ok()) {
    std::unique_ptr<google::protobuf::Message> theirs(ours->New());
    FUZZ_CHECK(theirs->ParseFromString(ours->SerializeAsString()));
  }
}

}  // namespace
}  // namespace guestvoice

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  guestvoice::Target& target = guestvoice::TheTarget();
  const auto& method = *target.methods[data[0] % target.methods.size()];
  const std::string_view body(reinterpret_cast<const char*>(data) + 1,
                              size - 1);
  guestvoice::CheckDecodersAgree(method, body);
  const grpc::Status status = guestvoice::Call(target, method, body);
  FUZZ_CHECK(status.error_code() != grpc::StatusCode::UNKNOWN);
  FUZZ_CHECK(status.error_code() != grpc::StatusCode::INTERNAL);
  FUZZ_CHECK(status.error_code() != grpc::StatusCode::DATA_LOSS);
  FUZZ_CHECK(status.error_code() != grpc::StatusCode::UNIMPLEMENTED);
  return 0;
}
