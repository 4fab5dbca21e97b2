#include "service/api/call_log.h"

#include <spdlog/spdlog.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "absl/random/distributions.h"
#include "absl/random/random.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace guestvoice::service {
namespace {

constexpr size_t kMaxRequestIdLength = 64;

bool IsPlainToken(std::string_view text) {
  if (text.empty() || text.size() > kMaxRequestIdLength) return false;
  for (const char c : text) {
    if (!absl::ascii_isalnum(static_cast<unsigned char>(c)) && c != '-' &&
        c != '_' && c != '.') {
      return false;
    }
  }
  return true;
}

absl::InsecureBitGen& RandomBits() {
  thread_local absl::InsecureBitGen bits;
  return bits;
}

// The client's x-request-id, so its logs and the server's meet; one made up
// when it sent none (or one that is not a plain token).
std::string RequestId(const grpc::ServerContextBase& context) {
  const auto& metadata = context.client_metadata();
  if (const auto found = metadata.find("x-request-id");
      found != metadata.end()) {
    const std::string_view id(found->second.data(), found->second.size());
    if (IsPlainToken(id)) return std::string(id);
  }
  return absl::StrFormat("%016x", absl::Uniform<uint64_t>(RandomBits()));
}

}  // namespace

void CallLog::Record(const FinishedCall& call, std::string_view method) const {
  // CANCELLED is the client's own ending (a watch it closed, a call it gave
  // up on): routine, like success, and no sign of the server's health.
  const bool routine = call.code == absl::StatusCode::kOk ||
                       call.code == absl::StatusCode::kCancelled;
  if (routine && (options_.sample_rate <= 0 ||
                  !absl::Bernoulli(RandomBits(), options_.sample_rate))) {
    return;
  }
  const std::shared_ptr<spdlog::logger> logger = spdlog::get("call");
  if (logger == nullptr) return;
  const std::string organization =
      call.caller != nullptr ? call.caller->organization() : "";
  const std::string request_id = RequestId(call.context);
  const std::string status = absl::StatusCodeToString(call.code);
  const double duration_ms = absl::ToDoubleMilliseconds(call.latency);
  const spdlog::level::level_enum level =
      routine ? spdlog::level::info : spdlog::level::warn;
  if (options_.format == LogFormat::kJson) {
    nlohmann::ordered_json line{{"msg", "call"},
                                {"method", method},
                                {"organization", organization},
                                {"request_id", request_id},
                                {"status", status},
                                {"duration_ms", duration_ms}};
    if (!call.forwarded_to.empty()) {
      line["forwarded_to"] = call.forwarded_to;
    }
    logger->log(level, line.dump());
  } else {
    // The node that answered a forwarded call logs it too, with the same
    // request id when the client sent one.
    logger->log(
        level,
        "call {} organization={} request_id={} status={} "
        "duration_ms={:.3f}{}{}",
        method, organization.empty() ? "-" : organization, request_id, status,
        duration_ms,
        call.forwarded_to.empty() ? "" : " forwarded_to=", call.forwarded_to);
  }
}

}  // namespace guestvoice::service
