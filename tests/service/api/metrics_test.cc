// The Prometheus endpoint of a running server: what a scrape reports after
// unary and streamed calls and ingest, that promtool accepts the text, and
// ports in use or a bad backup dir refusing the start before the data dir is
// created.

#include <httplib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/prometheus_text.h"
#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/feedback_service.grpc.pb.h"
#include "guestvoice/v1/hotel_service.grpc.pb.h"
#include "service/api/call_metrics.h"
#include "service/api/server.h"
#include "storage/backups.h"
#include "storage/store.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/sample_requests.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/test_server.h"

namespace guestvoice {
namespace {

using ::guestvoice::testing::FakeClock;
using ::guestvoice::testing::StatusIs;
using ::guestvoice::testing::TempDir;
using ::guestvoice::testing::TestServer;
using ::testing::HasSubstr;
using ::testing::Not;

std::string ReadFileText(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class MetricsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = service::Server::Start({.listen = "127.0.0.1:0",
                                          .data_dir = data_dir_.path(),
                                          .sync_writes = false,
                                          .block_cache_bytes = 8 << 20,
                                          .metrics_listen = "127.0.0.1:0",
                                          .clock = &clock_});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(server).value();
    admin_key_ = ReadFileText(server_->bootstrap().admin_key_file);
    while (!admin_key_.empty() && admin_key_.back() == '\n') {
      admin_key_.pop_back();
    }
  }

  void TearDown() override {
    if (server_ != nullptr) EXPECT_OK(server_->Shutdown(absl::Seconds(5)));
  }

  std::string Scrape() {
    httplib::Client client("127.0.0.1", server_->metrics_port());
    const httplib::Result result = client.Get("/metrics");
    if (!result) {
      ADD_FAILURE() << "no answer from the metrics endpoint";
      return "";
    }
    EXPECT_EQ(result->status, 200);
    EXPECT_THAT(result->get_header_value("Content-Type"),
                HasSubstr("version=0.0.4"));
    return result->body;
  }

  void CreateHotel() {
    ASSERT_TRUE(v1::HotelService::NewStub(server_->InProcessChannel())
                    ->CreateHotel(TestServer::Context(admin_key_).get(),
                                  ::guestvoice::testing::SampleHotel("lisbon"),
                                  std::make_unique<v1::Hotel>().get())
                    .ok());
  }

  v1::Feedback Item(const std::string& external_id) {
    return ::guestvoice::testing::SampleFeedback(
        "organizations/default/hotels/lisbon", external_id, 0, clock_.Now());
  }

  // Waits (without sleeping a fixed time) until the server holds `count`
  // watchers.
  bool WatchersBecome(size_t count) {
    const absl::Time deadline = absl::Now() + absl::Seconds(30);
    while (server_->feedback_watchers().watcher_count() != count) {
      if (absl::Now() > deadline) return false;
      std::this_thread::yield();
    }
    return true;
  }

  grpc::Status ListHotels(const std::string& key) {
    v1::ListHotelsRequest request;
    request.set_parent(::guestvoice::testing::kDefaultOrganization);
    v1::ListHotelsResponse response;
    return v1::HotelService::NewStub(server_->InProcessChannel())
        ->ListHotels(TestServer::Context(key).get(), request, &response);
  }

  TempDir data_dir_;
  FakeClock clock_;
  std::unique_ptr<service::Server> server_;
  std::string admin_key_;
};

TEST_F(MetricsTest, CallsAreCountedByMethodCodeAndKeyNeverByItsSecret) {
  ASSERT_TRUE(ListHotels(admin_key_).ok());
  ASSERT_TRUE(ListHotels(admin_key_).ok());
  ASSERT_FALSE(ListHotels("not-a-key").ok());

  const std::string text = Scrape();
  EXPECT_THAT(text, HasSubstr("guestvoice_calls_total{service=\"guestvoice.v1."
                              "HotelService\",method=\"ListHotels\",code="
                              "\"OK\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("guestvoice_calls_total{service=\"guestvoice.v1."
                              "HotelService\",method=\"ListHotels\",code="
                              "\"UNAUTHENTICATED\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("guestvoice_call_duration_seconds_count{service="
                              "\"guestvoice.v1.HotelService\",method="
                              "\"ListHotels\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("guestvoice_api_key_calls_total{api_key="
                              "\"organizations/default/apiKeys/"));
  EXPECT_THAT(text, Not(HasSubstr(admin_key_)));
  EXPECT_THAT(text, HasSubstr("guestvoice_rocksdb_sst_files{level=\"0\"} "));
  EXPECT_THAT(text, HasSubstr("\nguestvoice_read_cache_hits_total "));
  EXPECT_THAT(text, HasSubstr("\nguestvoice_read_cache_bytes "));
}

TEST_F(MetricsTest, StoredItemsAndRepeatsAreCounted) {
  CreateHotel();
  v1::IngestFeedbackRequest request;
  request.set_parent(::guestvoice::testing::kDefaultOrganization);
  *request.mutable_feedback() = Item("review-1");
  v1::Feedback stored;
  auto feedback = v1::FeedbackService::NewStub(server_->InProcessChannel());
  ASSERT_TRUE(feedback
                  ->IngestFeedback(TestServer::Context(admin_key_).get(),
                                   request, &stored)
                  .ok());
  // The same item again is a duplicate: stored once, counted once.
  ASSERT_TRUE(feedback
                  ->IngestFeedback(TestServer::Context(admin_key_).get(),
                                   request, &stored)
                  .ok());
  // A later edit of it at the source is an edit, not another item.
  request.mutable_feedback()->set_text("Edited: the room was fine after all.");
  *request.mutable_feedback()->mutable_edit_time() = stored.post_time();
  request.mutable_feedback()->mutable_edit_time()->set_seconds(
      stored.post_time().seconds() + 1);
  ASSERT_TRUE(feedback
                  ->IngestFeedback(TestServer::Context(admin_key_).get(),
                                   request, &stored)
                  .ok());

  const std::string text = Scrape();
  EXPECT_THAT(text, HasSubstr("\nguestvoice_ingested_items_total 1\n"));
  EXPECT_THAT(text, HasSubstr("\nguestvoice_ingested_repeats_total 0\n"));
  EXPECT_THAT(text, HasSubstr("\nguestvoice_edited_items_total 1\n"));
  // The analyser ran for all three: a duplicate is found only after it.
  EXPECT_THAT(text,
              HasSubstr("\nguestvoice_analysis_duration_seconds_count 3\n"));
}

TEST_F(MetricsTest, AnImportIsOneCallWithItsStreamDurationAndItsItemsAnalysed) {
  CreateHotel();
  auto feedback = v1::FeedbackService::NewStub(server_->InProcessChannel());
  auto context = TestServer::Context(admin_key_);
  v1::ImportFeedbackResponse response;
  auto writer = feedback->ImportFeedback(context.get(), &response);
  for (const char* id : {"import-1", "import-2", "import-3"}) {
    v1::ImportFeedbackRequest item;
    item.set_parent(::guestvoice::testing::kDefaultOrganization);
    *item.mutable_feedback() = Item(id);
    ASSERT_TRUE(writer->Write(item));
  }
  writer->WritesDone();
  ASSERT_TRUE(writer->Finish().ok());
  ASSERT_EQ(response.ingested_count(), 3);
  // A refused import counts too, with its code.
  auto unauthenticated = TestServer::Context("not-a-key");
  v1::ImportFeedbackResponse refused_response;
  auto refused =
      feedback->ImportFeedback(unauthenticated.get(), &refused_response);
  refused->WritesDone();
  ASSERT_EQ(refused->Finish().error_code(), grpc::StatusCode::UNAUTHENTICATED);

  const std::string text = Scrape();
  EXPECT_THAT(text, HasSubstr("guestvoice_calls_total{service=\"guestvoice.v1."
                              "FeedbackService\",method=\"ImportFeedback\","
                              "code=\"OK\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("guestvoice_calls_total{service=\"guestvoice.v1."
                              "FeedbackService\",method=\"ImportFeedback\","
                              "code=\"UNAUTHENTICATED\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("guestvoice_stream_duration_seconds_count{"
                              "service=\"guestvoice.v1.FeedbackService\","
                              "method=\"ImportFeedback\"} 2\n"));
  // A stream's duration never joins the unary latencies.
  EXPECT_THAT(text, Not(HasSubstr("guestvoice_call_duration_seconds_count{"
                                  "service=\"guestvoice.v1.FeedbackService\","
                                  "method=\"ImportFeedback\"}")));
  EXPECT_THAT(text,
              HasSubstr("\nguestvoice_analysis_duration_seconds_count 3\n"));
  EXPECT_THAT(text, HasSubstr("\nguestvoice_ingested_items_total 3\n"));
}

TEST_F(MetricsTest, AWatchIsCountedOnceAsItEndsWithItsFinalCode) {
  auto feedback = v1::FeedbackService::NewStub(server_->InProcessChannel());
  v1::WatchFeedbackRequest request;
  request.set_parent(::guestvoice::testing::kDefaultOrganization);
  {
    auto context = TestServer::Context(admin_key_);
    auto reader = feedback->WatchFeedback(context.get(), request);
    reader->WaitForInitialMetadata();
    ASSERT_TRUE(WatchersBecome(1));
    // Still open: not counted yet.
    EXPECT_THAT(Scrape(), Not(HasSubstr("method=\"WatchFeedback\"")));
    context->TryCancel();
    v1::WatchFeedbackResponse message;
    while (reader->Read(&message)) {
    }
    EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
  }
  // The server counts the watch before it lets it go.
  ASSERT_TRUE(WatchersBecome(0));
  auto refused_context = TestServer::Context("not-a-key");
  auto refused = feedback->WatchFeedback(refused_context.get(), request);
  v1::WatchFeedbackResponse message;
  EXPECT_FALSE(refused->Read(&message));
  EXPECT_EQ(refused->Finish().error_code(), grpc::StatusCode::UNAUTHENTICATED);

  const std::string text = Scrape();
  EXPECT_THAT(text, HasSubstr("guestvoice_calls_total{service=\"guestvoice.v1."
                              "FeedbackService\",method=\"WatchFeedback\","
                              "code=\"CANCELLED\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("guestvoice_calls_total{service=\"guestvoice.v1."
                              "FeedbackService\",method=\"WatchFeedback\","
                              "code=\"UNAUTHENTICATED\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("guestvoice_stream_duration_seconds_count{"
                              "service=\"guestvoice.v1.FeedbackService\","
                              "method=\"WatchFeedback\"} 2\n"));
  EXPECT_THAT(text, Not(HasSubstr("guestvoice_call_duration_seconds_count{"
                                  "service=\"guestvoice.v1.FeedbackService\","
                                  "method=\"WatchFeedback\"}")));
}

TEST_F(MetricsTest, PromtoolAcceptsTheText) {
  ASSERT_TRUE(ListHotels(admin_key_).ok());
  TempDir dir;
  const std::string path = absl::StrCat(dir.path(), "/metrics.txt");
  std::ofstream(path) << Scrape();
  // tools/setup installs promtool (Debian's prometheus): its absence fails.
  const std::string command =
      absl::StrCat("promtool check metrics < '", path, "' 2>&1");
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr) << command;
  std::string output;
  char buffer[4096];
  while (size_t read = fread(buffer, 1, sizeof(buffer), pipe)) {
    output.append(buffer, read);
  }
  EXPECT_EQ(pclose(pipe), 0) << output;
}

TEST_F(MetricsTest, AMetricsPortInUseRefusesToStartBeforeTheStoreIsCreated) {
  TempDir other;
  const auto second = service::Server::Start(
      {.listen = "127.0.0.1:0",
       .data_dir = other.Child("data"),
       .sync_writes = false,
       .metrics_listen = absl::StrCat("127.0.0.1:", server_->metrics_port()),
       .clock = &clock_});
  EXPECT_THAT(second.status(), StatusIs(absl::StatusCode::kInvalidArgument,
                                        HasSubstr("already in use")));
  EXPECT_FALSE(std::filesystem::exists(other.Child("data")));
  // The first server keeps serving, metrics included.
  EXPECT_TRUE(ListHotels(admin_key_).ok());
  EXPECT_THAT(Scrape(), HasSubstr("guestvoice_calls_total"));
}

TEST_F(MetricsTest, AListenPortInUseRefusesToStartBeforeTheStoreIsCreated) {
  TempDir other;
  const auto second = service::Server::Start(
      {.listen = absl::StrCat("127.0.0.1:", server_->port()),
       .data_dir = other.Child("data"),
       .sync_writes = false,
       .clock = &clock_});
  EXPECT_THAT(second.status(), StatusIs(absl::StatusCode::kInvalidArgument,
                                        HasSubstr("already in use")));
  EXPECT_FALSE(std::filesystem::exists(other.Child("data")));
  EXPECT_TRUE(ListHotels(admin_key_).ok());
}

TEST(ServerStartTest, ABadBackupDirRefusesToStartBeforeTheStoreIsCreated) {
  TempDir dir;
  std::ofstream(dir.Child("file")) << "a regular file\n";
  const auto refused =
      service::Server::Start({.listen = "127.0.0.1:0",
                              .data_dir = dir.Child("data"),
                              .sync_writes = false,
                              .backup_dir = dir.Child("file") + "/backups"});
  EXPECT_THAT(refused.status(), StatusIs(absl::StatusCode::kFailedPrecondition,
                                         HasSubstr("cannot create")));
  EXPECT_FALSE(std::filesystem::exists(dir.Child("data")));
}

TEST(ServerStartTest, AnotherStoresBackupsRefuseANewStoreBeforeItIsCreated) {
  TempDir dir;
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<storage::Store> store,
                         storage::Store::Open({.data_dir = dir.Child("first"),
                                               .block_cache_bytes = 8 << 20}));
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<storage::Backups> backups,
                         storage::Backups::Open(dir.Child("backups"), *store));
    ASSERT_OK(backups->Create(/*keep=*/0).status());
  }
  const auto refused =
      service::Server::Start({.listen = "127.0.0.1:0",
                              .data_dir = dir.Child("second"),
                              .sync_writes = false,
                              .backup_dir = dir.Child("backups")});
  EXPECT_THAT(refused.status(),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("backups of another store")));
  EXPECT_FALSE(std::filesystem::exists(dir.Child("second")));
}

// Calls are counted by request type (CallMetrics): each method of every
// service must have a request type of its own.
TEST(CallMetricsTest, EveryMethodHasARequestTypeOfItsOwn) {
  std::set<const google::protobuf::Descriptor*> seen;
  for (const char* service :
       {"guestvoice.v1.AdminService", "guestvoice.v1.HotelService",
        "guestvoice.v1.FeedbackService", "guestvoice.v1.LoyaltyService",
        "guestvoice.v1.InsightService"}) {
    const google::protobuf::ServiceDescriptor* descriptor =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
            service);
    ASSERT_NE(descriptor, nullptr) << service;
    for (int i = 0; i < descriptor->method_count(); ++i) {
      EXPECT_TRUE(seen.insert(descriptor->method(i)->input_type()).second)
          << descriptor->method(i)->full_name();
    }
  }
}

TEST(CallMetricsTest, AForwardedCallCountsAsACallAndAsForwarded) {
  service::CallMetrics metrics({"guestvoice.v1.HotelService"});
  const grpc::ServerContext context;
  const auto call = [&](std::string_view forwarded_to) {
    return service::FinishedCall{*v1::GetHotelRequest::descriptor(),
                                 context,
                                 nullptr,
                                 absl::StatusCode::kNotFound,
                                 absl::Milliseconds(2),
                                 forwarded_to};
  };
  metrics.Record(call("10.0.0.2:50051"));
  metrics.Record(call("10.0.0.3:50051"));
  metrics.Record(call(""));

  PrometheusText text;
  metrics.WriteTo(text);

  EXPECT_THAT(
      text.text(),
      HasSubstr("guestvoice_calls_total{service=\"guestvoice.v1."
                "HotelService\",method=\"GetHotel\",code=\"NOT_FOUND\"} 3"));
  EXPECT_THAT(text.text(),
              HasSubstr("guestvoice_forwarded_calls_total{service=\"guestvoice."
                        "v1.HotelService\",method=\"GetHotel\"} 2"));
}

}  // namespace
}  // namespace guestvoice
