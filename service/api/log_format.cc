#include "service/api/log_format.h"

#include <spdlog/formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "google/protobuf/stubs/logging.h"

namespace guestvoice::service {
namespace {

// {"time":"...","level":"info","msg":"..."} per record; a record of the
// "call" logger (CallLog) carries a JSON object of fields as its payload,
// which joins time and level in the one object.
class JsonLineFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg,
              spdlog::memory_buf_t& dest) override {
    nlohmann::ordered_json line = {
        {"time",
         absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", absl::FromChrono(msg.time),
                          absl::UTCTimeZone())},
        {"level", std::string(spdlog::level::to_string_view(msg.level).data(),
                              spdlog::level::to_string_view(msg.level).size())},
    };
    const std::string_view payload(msg.payload.data(), msg.payload.size());
    if (std::string_view(msg.logger_name.data(), msg.logger_name.size()) ==
        "call") {
      line.update(nlohmann::ordered_json::parse(payload));
    } else {
      line["msg"] = payload;
    }
    // Replaces bytes that are not UTF-8 rather than throwing on them.
    const std::string text = line.dump(
        -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    dest.append(text.data(), text.data() + text.size());
    dest.push_back('\n');
  }

  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonLineFormatter>();
  }
};

}  // namespace

bool AbslParseFlag(absl::string_view text, LogFormat* format,
                   std::string* error) {
  if (text == "text") {
    *format = LogFormat::kText;
    return true;
  }
  if (text == "json") {
    *format = LogFormat::kJson;
    return true;
  }
  *error = "must be text or json";
  return false;
}

std::string AbslUnparseFlag(LogFormat format) {
  return format == LogFormat::kJson ? "json" : "text";
}

namespace {

// Protobuf's own log lines, through spdlog so that --log_format holds for
// them too. Protobuf logs an ERROR whenever a string field holds invalid
// UTF-8 as it parses or serializes a message; on a server that is a caller's
// bad input, which the call is refused for (FIELD_INVALID) and the call log
// records, so those lines are debug only: at error level any caller could
// fill the log at its rate limit.
void LogProtobufMessage(google::protobuf::LogLevel level, const char* filename,
                        int line, const std::string& message) {
  spdlog::level::level_enum spdlog_level = spdlog::level::debug;
  if (message.find("invalid UTF-8") == std::string::npos) {
    switch (level) {
      case google::protobuf::LOGLEVEL_INFO:
        spdlog_level = spdlog::level::info;
        break;
      case google::protobuf::LOGLEVEL_WARNING:
        spdlog_level = spdlog::level::warn;
        break;
      default:
        spdlog_level = spdlog::level::err;
    }
  }
  spdlog::log(spdlog_level, "protobuf ({}:{}): {}", filename, line, message);
}

}  // namespace

void InstallLoggers(LogFormat format) {
  // Logs are diagnostics: stderr, leaving stdout to nothing.
  std::shared_ptr<spdlog::logger> logger =
      spdlog::stderr_color_mt("guestvoiced");
  if (format == LogFormat::kJson) {
    logger->set_formatter(std::make_unique<JsonLineFormatter>());
  }
  spdlog::set_default_logger(logger);
  spdlog::register_logger(std::make_shared<spdlog::logger>(
      "call", logger->sinks().begin(), logger->sinks().end()));
  google::protobuf::SetLogHandler(&LogProtobufMessage);
}

}  // namespace guestvoice::service
