#ifndef GUESTVOICE_SERVICE_API_CALL_LOG_H_
#define GUESTVOICE_SERVICE_API_CALL_LOG_H_

#include <string_view>

#include "service/api/finished_call.h"
#include "service/api/log_format.h"

namespace guestvoice::service {

// One log line per finished call, through spdlog's "call" logger
// (InstallLoggers): every call that failed, as a warning, and `sample_rate`
// (0 to 1) of the others, as info; a call its client cancelled (a watch it
// ended) counts with the others. A line holds the method, the caller's
// organization, a request id (the client's x-request-id metadata when it is a
// plain token of at most 64 characters, else one made up), the status code and
// the duration. Never the status message, which may quote what the caller sent
// (an e-mail, a text), nor anything of the key but its resource name's
// organization. Thread-safe.
class CallLog {
 public:
  struct Options {
    LogFormat format = LogFormat::kText;
    double sample_rate = 0;
  };

  explicit CallLog(Options options) : options_(options) {}

  // Logs `call` of `method` ("guestvoice.v1.HotelService/ListHotels") if it
  // failed or is sampled.
  void Record(const FinishedCall& call, std::string_view method) const;

 private:
  const Options options_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_CALL_LOG_H_
