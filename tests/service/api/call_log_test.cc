// CallLog on its own: which calls get a line (failed always, successful at
// the sample rate), the fields of a line in both formats, JSON escaping, and
// that nothing of the key, the request's metadata or the status message ever
// reaches a line.

#include "service/api/call_log.h"

#include <grpcpp/server_context.h>
#include <grpcpp/test/server_context_test_spouse.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/hotel_service.pb.h"
#include "service/api/finished_call.h"
#include "service/core/principal.h"

namespace guestvoice::service {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::SizeIs;

constexpr char kMethod[] = "guestvoice.v1.HotelService/ListHotels";
constexpr char kKeyName[] = "organizations/acme/apiKeys/k-7f3a";

// Captures what the "call" logger writes, one record per line ("LEVEL
// payload"), in place of the server's stderr logger.
class CallLogTest : public ::testing::Test {
 protected:
  CallLogTest()
      : caller_("organizations/acme", kKeyName,
                google::protobuf::RepeatedField<int>()),
        spouse_(&context_) {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(lines_);
    sink->set_pattern("%l %v");
    spdlog::drop("call");
    spdlog::register_logger(std::make_shared<spdlog::logger>("call", sink));
  }
  ~CallLogTest() override { spdlog::drop("call"); }

  FinishedCall Call(absl::StatusCode code, const Principal* caller) {
    return FinishedCall{*v1::ListHotelsRequest::descriptor(),
                        context_,
                        caller,
                        code,
                        absl::Microseconds(4183),
                        forwarded_to_};
  }

  std::vector<std::string> Lines() const {
    std::vector<std::string> lines =
        absl::StrSplit(lines_.str(), '\n', absl::SkipEmpty());
    return lines;
  }

  // The JSON object of a line written in JSON format ("LEVEL {...}").
  static nlohmann::json JsonOf(const std::string& line) {
    return nlohmann::json::parse(line.substr(line.find(' ') + 1));
  }

  std::ostringstream lines_;
  const Principal caller_;
  // Where the calls Call makes were forwarded ("" answered here).
  std::string forwarded_to_;
  grpc::ServerContext context_;
  grpc::testing::ServerContextTestSpouse spouse_;
};

TEST_F(CallLogTest, AFailedCallIsAlwaysLoggedAsAWarning) {
  const CallLog log({.format = LogFormat::kText, .sample_rate = 0});
  log.Record(Call(absl::StatusCode::kNotFound, &caller_), kMethod);
  log.Record(Call(absl::StatusCode::kUnauthenticated, nullptr), kMethod);
  ASSERT_THAT(Lines(), SizeIs(2));
  EXPECT_THAT(Lines()[0],
              MatchesRegex("warning call guestvoice.v1.HotelService/ListHotels "
                           "organization=organizations/acme "
                           "request_id=[0-9a-f]{16} status=NOT_FOUND "
                           "duration_ms=4.183"));
  // A caller whose key was refused has no organization.
  EXPECT_THAT(Lines()[1], HasSubstr(" organization=- "));
  EXPECT_THAT(Lines()[1], HasSubstr(" status=UNAUTHENTICATED "));
}

TEST_F(CallLogTest, SuccessfulCallsAreLoggedAtTheSampleRate) {
  const CallLog never({.sample_rate = 0});
  for (int i = 0; i < 100; ++i) {
    never.Record(Call(absl::StatusCode::kOk, &caller_), kMethod);
  }
  EXPECT_THAT(Lines(), IsEmpty());

  const CallLog always({.sample_rate = 1});
  for (int i = 0; i < 100; ++i) {
    always.Record(Call(absl::StatusCode::kOk, &caller_), kMethod);
  }
  ASSERT_THAT(Lines(), SizeIs(100));
  EXPECT_THAT(Lines()[0], HasSubstr("info call "));

  lines_.str("");
  const CallLog some({.sample_rate = 0.25});
  constexpr int kCalls = 4000;
  for (int i = 0; i < kCalls; ++i) {
    some.Record(Call(absl::StatusCode::kOk, &caller_), kMethod);
  }
  // 1,000 expected; 800 and 1,200 are each more than seven standard
  // deviations (27.4) away, so this never fails by chance.
  EXPECT_GT(Lines().size(), 800u);
  EXPECT_LT(Lines().size(), 1200u);
}

TEST_F(CallLogTest, ACallItsClientCancelledIsSampledLikeASuccess) {
  const CallLog never({.sample_rate = 0});
  never.Record(Call(absl::StatusCode::kCancelled, &caller_), kMethod);
  EXPECT_THAT(Lines(), IsEmpty());

  const CallLog always({.sample_rate = 1});
  always.Record(Call(absl::StatusCode::kCancelled, &caller_), kMethod);
  ASSERT_THAT(Lines(), SizeIs(1));
  EXPECT_THAT(Lines()[0], HasSubstr("info call "));
  EXPECT_THAT(Lines()[0], HasSubstr(" status=CANCELLED "));
}

TEST_F(CallLogTest, AJsonLineHoldsTheCallsFields) {
  spouse_.AddClientMetadata("x-request-id", "trace-42.a_b");
  const CallLog log({.format = LogFormat::kJson, .sample_rate = 1});
  log.Record(Call(absl::StatusCode::kOk, &caller_), kMethod);
  ASSERT_THAT(Lines(), SizeIs(1));
  const nlohmann::json line = JsonOf(Lines()[0]);
  EXPECT_EQ(line["msg"], "call");
  EXPECT_EQ(line["method"], kMethod);
  EXPECT_EQ(line["organization"], "organizations/acme");
  EXPECT_EQ(line["request_id"], "trace-42.a_b");
  EXPECT_EQ(line["status"], "OK");
  EXPECT_DOUBLE_EQ(line["duration_ms"].get<double>(), 4.183);
}

TEST_F(CallLogTest, AForwardedCallNamesTheNodeThatAnsweredIt) {
  forwarded_to_ = "10.0.0.2:50051";
  const CallLog text({.format = LogFormat::kText, .sample_rate = 1});
  const CallLog json({.format = LogFormat::kJson, .sample_rate = 1});

  text.Record(Call(absl::StatusCode::kOk, nullptr), kMethod);
  json.Record(Call(absl::StatusCode::kOk, nullptr), kMethod);

  ASSERT_THAT(Lines(), SizeIs(2));
  EXPECT_THAT(Lines()[0], EndsWith(" forwarded_to=10.0.0.2:50051"));
  EXPECT_EQ(JsonOf(Lines()[1])["forwarded_to"], "10.0.0.2:50051");
  // A call answered here says nothing of forwarding.
  lines_.str("");
  forwarded_to_.clear();
  text.Record(Call(absl::StatusCode::kOk, nullptr), kMethod);
  json.Record(Call(absl::StatusCode::kOk, nullptr), kMethod);
  EXPECT_THAT(Lines()[0], Not(HasSubstr("forwarded_to")));
  EXPECT_FALSE(JsonOf(Lines()[1]).contains("forwarded_to"));
}

TEST_F(CallLogTest, JsonEscapesWhatItQuotes) {
  const CallLog log({.format = LogFormat::kJson, .sample_rate = 1});
  const std::string method = "a\"b\\c\nd\x01";
  log.Record(Call(absl::StatusCode::kOk, &caller_), method);
  ASSERT_THAT(Lines(), SizeIs(1));
  EXPECT_EQ(JsonOf(Lines()[0])["method"], method);
}

TEST_F(CallLogTest, ARequestIdThatIsNotAPlainTokenIsReplaced) {
  // Quotes, a new line, an e-mail address: none is echoed.
  spouse_.AddClientMetadata("x-request-id", "ana.silva@example.com\"\n{");
  const CallLog log({.format = LogFormat::kJson, .sample_rate = 1});
  log.Record(Call(absl::StatusCode::kOk, &caller_), kMethod);
  ASSERT_THAT(Lines(), SizeIs(1));
  EXPECT_THAT(Lines()[0], Not(HasSubstr("example.com")));
  EXPECT_THAT(JsonOf(Lines()[0])["request_id"].get<std::string>(),
              MatchesRegex("[0-9a-f]{16}"));
}

TEST_F(CallLogTest, NoKeyMetadataOrPersonalDataReachesALine) {
  spouse_.AddClientMetadata("authorization", "Bearer gv_secret_0123456789");
  spouse_.AddClientMetadata("x-guest-email", "ana.silva@example.com");
  for (const LogFormat format : {LogFormat::kText, LogFormat::kJson}) {
    const CallLog log({.format = format, .sample_rate = 1});
    log.Record(Call(absl::StatusCode::kOk, &caller_), kMethod);
    log.Record(Call(absl::StatusCode::kInvalidArgument, &caller_), kMethod);
  }
  ASSERT_THAT(Lines(), SizeIs(4));
  for (const std::string& line : Lines()) {
    EXPECT_THAT(line, Not(HasSubstr("gv_secret")));
    EXPECT_THAT(line, Not(HasSubstr("Bearer")));
    EXPECT_THAT(line, Not(HasSubstr("example.com")));
    // The key's resource name is the metrics' business, not the log's.
    EXPECT_THAT(line, Not(HasSubstr("apiKeys")));
  }
}

}  // namespace
}  // namespace guestvoice::service
