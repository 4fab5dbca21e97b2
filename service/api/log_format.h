#ifndef GUESTVOICE_SERVICE_API_LOG_FORMAT_H_
#define GUESTVOICE_SERVICE_API_LOG_FORMAT_H_

#include <string>

#include "absl/strings/string_view.h"

namespace guestvoice::service {

// How guestvoiced writes its log lines on stderr (--log_format).
enum class LogFormat {
  // spdlog's lines for people: "[time] [level] message".
  kText,
  // One JSON object per line, for log collectors: "time" (RFC 3339, UTC),
  // "level" and "msg", and the fields of a call (CallLog).
  kJson,
};

// The flag's spelling: "text" or "json".
bool AbslParseFlag(absl::string_view text, LogFormat* format,
                   std::string* error);
std::string AbslUnparseFlag(LogFormat format);

// Makes spdlog's default logger write `format` to stderr, and the "call"
// logger CallLog writes through, on the same sink; protobuf's log lines go
// to the default logger too.
void InstallLoggers(LogFormat format);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_LOG_FORMAT_H_
