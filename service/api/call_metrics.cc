#include "service/api/call_metrics.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"

namespace guestvoice::service {

CallMetrics::CallMetrics(const std::vector<std::string>& services) {
  absl::flat_hash_set<const google::protobuf::Descriptor*> shared;
  for (const std::string& service : services) {
    const google::protobuf::ServiceDescriptor* descriptor =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
            service);
    for (int i = 0; descriptor != nullptr && i < descriptor->method_count();
         ++i) {
      const google::protobuf::MethodDescriptor& method = *descriptor->method(i);
      methods_.push_back(std::make_unique<Method>(method.client_streaming() ||
                                                  method.server_streaming()));
      methods_.back()->service = service;
      methods_.back()->name = method.name();
      methods_.back()->full_name = absl::StrCat(service, "/", method.name());
      if (!by_request_type_.emplace(method.input_type(), methods_.back().get())
               .second) {
        shared.insert(method.input_type());
      }
    }
  }
  for (const google::protobuf::Descriptor* type : shared) {
    by_request_type_.erase(type);
  }
}

std::string_view CallMetrics::Record(const FinishedCall& call) {
  const auto found = by_request_type_.find(&call.request_type);
  if (found == by_request_type_.end()) return "";
  Method& counts = *found->second;
  const int code_index = static_cast<int>(call.code);
  if (code_index >= 0 && code_index < kStatusCodes) {
    counts.calls[code_index].fetch_add(1, std::memory_order_relaxed);
  }
  counts.duration.Add(call.latency);
  if (!call.forwarded_to.empty()) {
    counts.forwarded.fetch_add(1, std::memory_order_relaxed);
  }

  if (call.caller != nullptr) {
    const std::string& key = call.caller->api_key_name();
    KeyShard& shard = keys_[absl::HashOf(key) % kKeyShards];
    absl::MutexLock lock(&shard.mutex);
    ++shard.calls[key];
  }
  return counts.full_name;
}

void CallMetrics::WriteTo(PrometheusText& out) const {
  out.Family("guestvoice_calls_total", "counter",
             "Finished calls by service, method and gRPC status code.");
  for (const std::unique_ptr<Method>& method : methods_) {
    for (int code = 0; code < kStatusCodes; ++code) {
      const uint64_t calls =
          method->calls[code].load(std::memory_order_relaxed);
      if (calls == 0) continue;
      const std::string code_name =
          absl::StatusCodeToString(static_cast<absl::StatusCode>(code));
      out.Sample("guestvoice_calls_total",
                 {{"service", method->service},
                  {"method", method->name},
                  {"code", code_name}},
                 calls);
    }
  }

  out.Family("guestvoice_forwarded_calls_total", "counter",
             "Calls this cluster node forwarded to the node that answers "
             "their organization, by service and method (counted in "
             "guestvoice_calls_total too, by the code that node answered).");
  for (const std::unique_ptr<Method>& method : methods_) {
    const uint64_t forwarded =
        method->forwarded.load(std::memory_order_relaxed);
    if (forwarded == 0) continue;
    out.Sample("guestvoice_forwarded_calls_total",
               {{"service", method->service}, {"method", method->name}},
               forwarded);
  }

  out.Family("guestvoice_call_duration_seconds", "histogram",
             "Time from a unary call's arrival to its status, by service and "
             "method (methods not yet called are left out).");
  WriteDurations(out, /*streams=*/false);
  out.Family("guestvoice_stream_duration_seconds", "histogram",
             "Time from a streamed call's arrival to its final status, by "
             "service and method (ImportFeedback, WatchFeedback).");
  WriteDurations(out, /*streams=*/true);

  out.Family("guestvoice_api_key_calls_total", "counter",
             "Authenticated calls by API key resource name (never the key "
             "itself).");
  std::map<std::string, uint64_t> keys;
  for (const KeyShard& shard : keys_) {
    absl::MutexLock lock(&shard.mutex);
    keys.insert(shard.calls.begin(), shard.calls.end());
  }
  for (const auto& [key, calls] : keys) {
    out.Sample("guestvoice_api_key_calls_total", {{"api_key", key}}, calls);
  }
}

void CallMetrics::WriteDurations(PrometheusText& out, bool streams) const {
  for (const std::unique_ptr<Method>& method : methods_) {
    if (method->stream != streams || method->duration.count() == 0) continue;
    const std::string_view name = streams ? "guestvoice_stream_duration_seconds"
                                          : "guestvoice_call_duration_seconds";
    method->duration.WriteTo(
        out, name, {{"service", method->service}, {"method", method->name}});
  }
}

}  // namespace guestvoice::service
