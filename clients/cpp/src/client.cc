#include "guestvoice/client.h"

#include <grpcpp/support/client_interceptor.h>

#include <random>
#include <vector>

namespace guestvoice {
namespace {

// gRPC retries resend the very same request message, so a request_id set
// once by the caller is reused by every attempt and the server answers a
// retried create with the first result (AIP-155). Retried: UNAVAILABLE,
// which guestvoice uses for "nothing happened, try again", and
// RESOURCE_EXHAUSTED, which it answers to a call refused for a limit (a key's
// rate limit, a full write stage) with gRPC's retry pushback: the next
// attempt waits the delay the server names, and a RESOURCE_EXHAUSTED that
// waiting would not cure carries a pushback that forbids retrying.
constexpr char kServiceConfig[] = R"({"methodConfig": [{
  "name": [{"service": "guestvoice.v1.AdminService"}, {"service": "guestvoice.v1.HotelService"},
           {"service": "guestvoice.v1.FeedbackService"}, {"service": "guestvoice.v1.LoyaltyService"},
           {"service": "guestvoice.v1.InsightService"}],
  "retryPolicy": {"maxAttempts": 4, "initialBackoff": "0.1s", "maxBackoff": "2s",
                  "backoffMultiplier": 2, "retryableStatusCodes": ["UNAVAILABLE", "RESOURCE_EXHAUSTED"]}}]})";

// Adds the key to every call. An interceptor rather than call credentials,
// because gRPC sends call credentials only over TLS and a server on loopback
// may be plaintext.
class BearerKey : public grpc::experimental::Interceptor {
 public:
  explicit BearerKey(const std::string& header) : header_(header) {}
  void Intercept(
      grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            grpc::experimental::InterceptionHookPoints::
                PRE_SEND_INITIAL_METADATA)) {
      methods->GetSendInitialMetadata()->emplace("authorization", header_);
    }
    methods->Proceed();
  }

 private:
  const std::string& header_;
};

class BearerKeyFactory
    : public grpc::experimental::ClientInterceptorFactoryInterface {
 public:
  explicit BearerKeyFactory(std::string api_key)
      : header_("Bearer " + std::move(api_key)) {}
  grpc::experimental::Interceptor* CreateClientInterceptor(
      grpc::experimental::ClientRpcInfo*) override {
    return new BearerKey(header_);
  }

 private:
  std::string header_;  // outlives every call: the channel owns the factory
};

}  // namespace

Client Connect(const std::string& target, const std::string& api_key,
               const ClientOptions& options) {
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  if (options.plaintext) {
    credentials = grpc::InsecureChannelCredentials();
  } else {
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = options.root_certificates;
    credentials = grpc::SslCredentials(ssl);
  }
  grpc::ChannelArguments arguments;
  arguments.SetServiceConfigJSON(kServiceConfig);
  std::vector<
      std::unique_ptr<grpc::experimental::ClientInterceptorFactoryInterface>>
      interceptors;
  interceptors.push_back(std::make_unique<BearerKeyFactory>(api_key));
  auto channel = grpc::experimental::CreateCustomChannelWithInterceptors(
      target, credentials, arguments, std::move(interceptors));
  return Client{channel,
                v1::AdminService::NewStub(channel),
                v1::HotelService::NewStub(channel),
                v1::FeedbackService::NewStub(channel),
                v1::LoyaltyService::NewStub(channel),
                v1::InsightService::NewStub(channel)};
}

std::string NewRequestId() {
  // A version-4 UUID from a non-deterministic seed.
  static thread_local std::mt19937_64 generator{std::random_device{}()};
  std::uniform_int_distribution<uint64_t> bits;
  uint64_t high = bits(generator), low = bits(generator);
  high = (high & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;
  low = (low & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
  char text[37];
  std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx",
                static_cast<unsigned>(high >> 32),
                static_cast<unsigned>((high >> 16) & 0xffff),
                static_cast<unsigned>(high & 0xffff),
                static_cast<unsigned>(low >> 48),
                static_cast<unsigned long long>(low & 0xffffffffffffULL));
  return text;
}

}  // namespace guestvoice
