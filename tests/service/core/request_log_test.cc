// AIP-155 request ids through CreateOnce: a retry replays the first answer
// and writes nothing, another request under a used id is refused, and the
// record holds the first response and when it was served.

#include "service/core/request_log.h"

#include <memory>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/striped_lock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "guestvoice/internal/v1/records.pb.h"
#include "guestvoice/v1/admin_service.pb.h"
#include "service/core/crypto.h"
#include "service/core/id_source.h"
#include "service/core/proto_time.h"
#include "storage/keys.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/status_details.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::ErrorMetadata;
using ::guestvoice::testing::HasErrorReason;
using ::guestvoice::testing::IsOk;
using ::guestvoice::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::SizeIs;

class RequestLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(store_, storage::Store::Open({.data_dir = dir_.path(),
                                                       .sync_writes = false}));
  }

  static v1::CreateApiKeyRequest Request(const std::string& request_id,
                                         const std::string& display_name) {
    v1::CreateApiKeyRequest request;
    request.set_parent("organizations/acme");
    request.mutable_api_key()->set_display_name(display_name);
    request.mutable_api_key()->add_scopes(v1::SCOPE_FEEDBACK_READ);
    request.set_request_id(request_id);
    return request;
  }

  // CreateOnce for `request` as `method` of `organization`: each run of the
  // create mints key "k<run>" and stores its name under the resource key.
  absl::Status Create(const google::protobuf::Message& request,
                      v1::ApiKey& response,
                      const std::string& organization = "acme",
                      const std::string& method = "CreateApiKey") {
    const DomainContext domain{*store_, locks_, clock_, ids_,
                               organization_locks_};
    return CreateOnce(domain,
                      {.organization = organization,
                       .method = method,
                       .request = request,
                       .resource_key = kResourceKey},
                      response,
                      [&](storage::WriteBatch& batch) -> absl::Status {
                        ++create_runs_;
                        if (fail_create_)
                          return absl::AlreadyExistsError("taken");
                        response.set_name(absl::StrCat(
                            "organizations/acme/apiKeys/k", create_runs_));
                        batch.Put(storage::ColumnFamily::kEntities,
                                  kResourceKey, response.name());
                        return absl::OkStatus();
                      });
  }

  std::optional<std::string> StoredResource() {
    auto value = store_->Get(storage::ColumnFamily::kEntities, kResourceKey);
    EXPECT_TRUE(value.ok()) << value.status();
    return value.ok() ? *value : std::nullopt;
  }

  std::optional<internal::v1::RequestRecord> Record(
      const std::string& request_id) {
    auto bytes =
        store_->Get(storage::ColumnFamily::kRequests,
                    storage::RequestIdKey("acme", "CreateApiKey", request_id));
    EXPECT_TRUE(bytes.ok()) << bytes.status();
    if (!bytes.ok() || !bytes->has_value()) return std::nullopt;
    internal::v1::RequestRecord record;
    EXPECT_TRUE(record.ParseFromString(**bytes));
    return record;
  }

  int RecordCount() {
    int count = 0;
    EXPECT_OK(store_->Scan(storage::ColumnFamily::kRequests, "", "", 0,
                           [&](std::string_view, std::string_view) {
                             ++count;
                             return storage::ScanStep::kContinue;
                           }));
    return count;
  }

  static constexpr char kResourceKey[] = "resource";

  testing::TempDir dir_;
  testing::FakeClock clock_;
  // CreateOnce draws no ids; the context needs a source all the same.
  SeededIdSource ids_{"request log test"};
  StripedLock locks_{64};
  StripedLock organization_locks_{8};
  std::unique_ptr<storage::Store> store_;
  int create_runs_ = 0;
  bool fail_create_ = false;
};

TEST_F(RequestLogTest, WithoutARequestIdEveryCallCreates) {
  v1::ApiKey first;
  ASSERT_OK(Create(Request("", "ci"), first));
  v1::ApiKey second;
  ASSERT_OK(Create(Request("", "ci"), second));
  EXPECT_EQ(create_runs_, 2);
  EXPECT_EQ(second.name(), "organizations/acme/apiKeys/k2");
  EXPECT_EQ(StoredResource(), "organizations/acme/apiKeys/k2");
  EXPECT_EQ(RecordCount(), 0);
}

TEST_F(RequestLogTest, ARequestWithoutARequestIdFieldIsNeverRecorded) {
  v1::GetApiKeyRequest request;
  request.set_name("organizations/acme/apiKeys/k1");
  v1::ApiKey response;
  ASSERT_OK(Create(request, response));
  ASSERT_OK(Create(request, response));
  EXPECT_EQ(create_runs_, 2);
  EXPECT_EQ(RecordCount(), 0);
}

TEST_F(RequestLogTest, ARetryReplaysTheFirstResponseAndWritesNothing) {
  v1::ApiKey first;
  ASSERT_OK(Create(Request("r-1", "ci"), first));
  EXPECT_EQ(first.name(), "organizations/acme/apiKeys/k1");

  clock_.Advance(absl::Hours(1));
  v1::ApiKey retried;
  ASSERT_OK(Create(Request("r-1", "ci"), retried));
  EXPECT_EQ(create_runs_, 1);
  EXPECT_EQ(retried.SerializeAsString(), first.SerializeAsString());
  EXPECT_EQ(StoredResource(), "organizations/acme/apiKeys/k1");
  EXPECT_EQ(RecordCount(), 1);
}

TEST_F(RequestLogTest, TheRecordHoldsTheResponseAndWhenItWasServed) {
  v1::ApiKey response;
  ASSERT_OK(Create(Request("r-1", "ci"), response));

  const std::optional<internal::v1::RequestRecord> record = Record("r-1");
  ASSERT_TRUE(record.has_value());
  v1::ApiKey recorded;
  ASSERT_TRUE(recorded.ParseFromString(record->response()));
  EXPECT_EQ(recorded.SerializeAsString(), response.SerializeAsString());
  EXPECT_EQ(FromProtoTimestamp(record->create_time()), clock_.Now());
}

TEST_F(RequestLogTest, TheDigestIsOfTheRequestWithoutItsRequestId) {
  // On disk: a record made by an earlier build must keep matching its retry.
  v1::ApiKey response;
  ASSERT_OK(Create(Request("r-1", "ci"), response));
  const std::optional<internal::v1::RequestRecord> record = Record("r-1");
  ASSERT_TRUE(record.has_value());
  EXPECT_THAT(record->request_sha256(), SizeIs(32));
  EXPECT_EQ(record->request_sha256(),
            Sha256(Request("", "ci").SerializeAsString()));
}

TEST_F(RequestLogTest, AnotherRequestUnderAUsedIdIsRefused) {
  v1::ApiKey first;
  ASSERT_OK(Create(Request("r-1", "ci"), first));
  v1::ApiKey response;
  const absl::Status status = Create(Request("r-1", "deploy"), response);
  EXPECT_THAT(status,
              StatusIs(absl::StatusCode::kInvalidArgument,
                       "request_id r-1 was already used for another request"));
  EXPECT_THAT(status, HasErrorReason(v1::ERROR_REASON_REQUEST_ID_REUSED));
  EXPECT_EQ(ErrorMetadata(status, "request_id"), "r-1");
  EXPECT_EQ(create_runs_, 1);
  EXPECT_EQ(response.ByteSizeLong(), 0u);
  EXPECT_EQ(StoredResource(), "organizations/acme/apiKeys/k1");
}

TEST_F(RequestLogTest, IdsBelongToOneOrganizationAndOneMethod) {
  v1::ApiKey response;
  ASSERT_OK(Create(Request("r-1", "ci"), response));
  ASSERT_OK(Create(Request("r-1", "ci"), response, "rival"));
  ASSERT_OK(Create(Request("r-1", "ci"), response, "acme", "CreateHotel"));
  // Not even a different request under the same id clashes elsewhere.
  ASSERT_OK(Create(Request("r-1", "deploy"), response, "other"));
  EXPECT_EQ(create_runs_, 4);
  EXPECT_EQ(RecordCount(), 4);
}

TEST_F(RequestLogTest, AFailedCreateRecordsNothingAndMayBeRetried) {
  fail_create_ = true;
  v1::ApiKey response;
  EXPECT_THAT(Create(Request("r-1", "ci"), response),
              StatusIs(absl::StatusCode::kAlreadyExists, "taken"));
  EXPECT_EQ(RecordCount(), 0);
  EXPECT_EQ(StoredResource(), std::nullopt);

  fail_create_ = false;
  EXPECT_THAT(Create(Request("r-1", "ci"), response), IsOk());
  EXPECT_EQ(create_runs_, 2);
  EXPECT_EQ(StoredResource(), "organizations/acme/apiKeys/k2");
}

TEST_F(RequestLogTest, AnUnreadableRecordIsDataLoss) {
  storage::WriteBatch garbage;
  garbage.Put(storage::ColumnFamily::kRequests,
              storage::RequestIdKey("acme", "CreateApiKey", "r-1"),
              "\xff\xff\xff");
  ASSERT_OK(store_->Write(std::move(garbage)));
  v1::ApiKey response;
  EXPECT_THAT(Create(Request("r-1", "ci"), response),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("unreadable")));
  EXPECT_EQ(create_runs_, 0);
}

TEST_F(RequestLogTest, AnUnreadableRecordedResponseIsDataLoss) {
  v1::ApiKey response;
  ASSERT_OK(Create(Request("r-1", "ci"), response));
  std::optional<internal::v1::RequestRecord> record = Record("r-1");
  ASSERT_TRUE(record.has_value());
  record->set_response("\xff\xff\xff");
  storage::WriteBatch batch;
  batch.Put(storage::ColumnFamily::kRequests,
            storage::RequestIdKey("acme", "CreateApiKey", "r-1"),
            record->SerializeAsString());
  ASSERT_OK(store_->Write(std::move(batch)));

  EXPECT_THAT(Create(Request("r-1", "ci"), response),
              StatusIs(absl::StatusCode::kDataLoss,
                       "a recorded response is unreadable"));
  EXPECT_EQ(create_runs_, 1);
}

TEST_F(RequestLogTest, AnIdIsRememberedForItsLifetimeThenFreeAgain) {
  v1::ApiKey first;
  ASSERT_OK(Create(Request("r-1", "ci"), first));
  clock_.Advance(kRequestIdLifetime);
  v1::ApiKey replayed;
  ASSERT_OK(Create(Request("r-1", "ci"), replayed));
  EXPECT_EQ(replayed.name(), first.name());
  EXPECT_EQ(create_runs_, 1);

  // Past its lifetime the id is forgotten, even before a compaction has
  // dropped the record: it may name a new request.
  clock_.Advance(absl::Seconds(1));
  v1::ApiKey second;
  ASSERT_OK(Create(Request("r-1", "deploy"), second));
  EXPECT_EQ(create_runs_, 2);
  EXPECT_EQ(second.name(), "organizations/acme/apiKeys/k2");
  EXPECT_EQ(FromProtoTimestamp(Record("r-1")->create_time()), clock_.Now());
}

TEST_F(RequestLogTest, CompactionsDropExpiredRecordsAndKeepTheOthers) {
  store_.reset();
  ASSERT_OK_AND_ASSIGN(
      store_,
      storage::Store::Open({.data_dir = dir_.path(),
                            .sync_writes = false,
                            .expiring_families = {ExpiringRequestRecords(
                                ExpiryByClock(clock_))}}));
  v1::ApiKey response;
  ASSERT_OK(Create(Request("old", "ci"), response));
  clock_.Advance(kRequestIdLifetime + absl::Hours(1));
  ASSERT_OK(Create(Request("new", "ci"), response));
  // A record nobody can read is kept for the verify tool to report.
  ASSERT_OK(store_->Write([] {
    storage::WriteBatch batch;
    batch.Put(storage::ColumnFamily::kRequests,
              storage::RequestIdKey("acme", "CreateApiKey", "garbled"),
              "\xff\xff");
    return batch;
  }()));
  ASSERT_EQ(RecordCount(), 3);

  ASSERT_OK(store_->CompactAll());
  EXPECT_EQ(RecordCount(), 2);
  EXPECT_FALSE(Record("old").has_value());
  EXPECT_TRUE(Record("new").has_value());
}

TEST(RequestRecordExpiredTest, ByTheFirstCallsTime) {
  const absl::Time served = absl::FromUnixSeconds(1'700'000'000);
  internal::v1::RequestRecord record;
  *record.mutable_create_time() = ToProtoTimestamp(served);
  const std::string bytes = record.SerializeAsString();
  EXPECT_FALSE(RequestRecordExpired(bytes, served + kRequestIdLifetime));
  EXPECT_TRUE(RequestRecordExpired(
      bytes, served + kRequestIdLifetime + absl::Seconds(1)));
  EXPECT_FALSE(RequestRecordExpired("\xff\xff", absl::InfiniteFuture()));
}

}  // namespace
}  // namespace guestvoice::service
