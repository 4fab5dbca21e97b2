// FeedbackService end to end: ingest, import, reads and case handling over a
// real server and the generated stubs.

#include <functional>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "gtest/gtest.h"
#include "guestvoice/v1/insight_service.grpc.pb.h"
#include "service/feedback/aggregates.h"
#include "tests/testing/feedback_fixture.h"
#include "tests/testing/grpc_matchers.h"

namespace guestvoice {
namespace {

using ::guestvoice::testing::FeedbackFixture;
using ::guestvoice::testing::GrpcCodeIs;
using ::guestvoice::testing::GrpcErrorIs;
using ::guestvoice::testing::TestServer;
using ::guestvoice::testing::ViolatedFields;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

// Feedback counted in the lisbon hotel's pre-aggregates, on every day a test
// posts on (1970 to 2106) or on one day.
int64_t CountedFeedback(service::Server& server, int64_t first_day = 0,
                        int64_t last_day = 50'000,
                        std::string_view hotel = "lisbon") {
  absl::StatusOr<std::vector<service::AggregateBlock>> blocks =
      service::ReadBlocks(
          server.store(), "default", storage::AggregateTable::kVoices, hotel,
          first_day, last_day, service::BlockCover::kFewestBlocks, nullptr);
  EXPECT_TRUE(blocks.ok()) << blocks.status();
  int64_t count = 0;
  if (!blocks.ok()) return count;
  EXPECT_TRUE(
      service::SumVoices(*blocks, [&](std::string_view,
                                      const service::VoiceCounters& counters) {
        count += counters.feedback_count;
      }).ok());
  return count;
}

using FeedbackServiceTest = FeedbackFixture;

TEST_F(FeedbackServiceTest, IngestStoresTheAnalysedItem) {
  v1::Feedback input =
      Item("t-1", "@ana", "The room was filthy and the staff rude.");
  input.mutable_rating()->set_value(2);
  input.mutable_rating()->set_scale_min(1);
  input.mutable_rating()->set_scale_max(5);
  v1::Feedback stored;
  ASSERT_TRUE(Ingest(input, &stored).ok());
  EXPECT_THAT(stored.name(),
              ::testing::MatchesRegex("organizations/default/feedback/.+"));
  EXPECT_EQ(stored.hotel(), "organizations/default/hotels/lisbon");
  EXPECT_EQ(stored.analysis().band(), v1::SENTIMENT_BAND_NEGATIVE);
  EXPECT_LT(stored.analysis().sentiment().compound(), -0.05);
  EXPECT_FALSE(stored.analysis().taxonomy_version().empty());
  std::set<std::string> aspects;
  for (const auto& mention : stored.analysis().aspects()) {
    aspects.insert(mention.aspect());
  }
  EXPECT_TRUE(aspects.count("cleanliness")) << stored.DebugString();
  EXPECT_DOUBLE_EQ(stored.rating().normalized_value(), 0.25);
  EXPECT_EQ(stored.case_().state(), v1::CASE_STATE_OPEN);
  EXPECT_EQ(stored.receive_time().seconds(),
            absl::ToUnixSeconds(server_.clock().Now()));
  EXPECT_FALSE(stored.repeat());

  v1::GetFeedbackRequest get;
  get.set_name(stored.name());
  v1::Feedback fetched;
  ASSERT_TRUE(stub_
                  ->GetFeedback(TestServer::Context(server_.admin_key()).get(),
                                get, &fetched)
                  .ok());
  EXPECT_EQ(fetched.SerializeAsString(), stored.SerializeAsString());
  EXPECT_EQ(CountedFeedback(server_.server()), 1);
}

TEST_F(FeedbackServiceTest,
       InvalidItemsAreRefusedWithEveryFieldAndNothingStored) {
  v1::Feedback input = Item("", "", "");
  input.set_source(v1::SOURCE_UNSPECIFIED);
  *input.mutable_post_time() =
      service::ToProtoTimestamp(server_.clock().Now() + absl::Minutes(6));
  input.mutable_rating()->set_value(7);
  input.mutable_rating()->set_scale_min(1);
  input.mutable_rating()->set_scale_max(5);
  const grpc::Status status = Ingest(input);
  EXPECT_THAT(status,
              GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "FIELD_INVALID"));
  // No text is allowed with a rating (stars without words), even one out of
  // its scale, which is refused for what it is.
  EXPECT_THAT(
      ViolatedFields(status),
      UnorderedElementsAre("feedback.source", "feedback.external_id",
                           "feedback.author.handle", "feedback.post_time",
                           "feedback.rating.value"));
  input.clear_rating();
  EXPECT_THAT(ViolatedFields(Ingest(input)),
              UnorderedElementsAre("feedback.source", "feedback.external_id",
                                   "feedback.author.handle", "feedback.text",
                                   "feedback.post_time"));
  EXPECT_THAT(ListAll(), IsEmpty());
  EXPECT_EQ(CountedFeedback(server_.server()), 0);
}

TEST_F(FeedbackServiceTest, EachBadFieldIsInvalidArgumentOnItsOwn) {
  struct Case {
    std::string field;
    std::function<void(v1::Feedback&)> spoil;
  };
  const std::vector<Case> cases = {
      {"feedback.text",
       [](v1::Feedback& f) { f.set_text(std::string(16 * 1024 + 1, 'a')); }},
      {"feedback.source",
       [](v1::Feedback& f) { f.set_source(static_cast<v1::Source>(99)); }},
      {"feedback.external_id",
       [](v1::Feedback& f) { f.set_external_id(std::string(257, 'x')); }},
      {"feedback.author.handle",
       [](v1::Feedback& f) {
         f.mutable_author()->set_handle(std::string(257, 'h'));
       }},
      // A handle is one line, as LinkIdentity takes it, or its author could
      // never be linked to a guest.
      {"feedback.author.handle",
       [](v1::Feedback& f) { f.mutable_author()->set_handle("ana\tsilva"); }},
      {"feedback.author.handle",
       [](v1::Feedback& f) {
         f.mutable_author()->set_handle("ana\xE2\x80\xAEsilva");
       }},
      {"feedback.rating.scale_max",
       [](v1::Feedback& f) {
         f.mutable_rating()->set_scale_min(5);
         f.mutable_rating()->set_scale_max(5);
         f.mutable_rating()->set_value(5);
       }},
      // Each bound is finite, their distance is not: the place on the scale
      // would be NaN, and the hotel's mean rating with it.
      {"feedback.rating.scale_max",
       [](v1::Feedback& f) {
         f.mutable_rating()->set_scale_min(-1e308);
         f.mutable_rating()->set_scale_max(1e308);
         f.mutable_rating()->set_value(1e308);
       }},
      {"feedback.language_code",
       [](v1::Feedback& f) { f.set_language_code("not a tag"); }},
      {"feedback.post_time", [](v1::Feedback& f) { f.clear_post_time(); }},
      {"feedback.hotel", [](v1::Feedback& f) { f.set_hotel("hotels/x"); }},
      // Valid UTF-8 that no reader wants: a NUL ends the text for C strings
      // and PostgreSQL, an ESC starts a terminal escape sequence.
      {"feedback.text",
       [](v1::Feedback& f) { f.set_text(std::string("Lovely\0 stay", 12)); }},
      {"feedback.text",
       [](v1::Feedback& f) { f.set_text("Lovely \x1b[2Jstay"); }},
      // Nothing but no-break, zero-width and ideographic spaces, as forms
      // and exports leave an empty field, with no rating: no feedback.
      {"feedback.text",
       [](v1::Feedback& f) {
         f.set_text(" \xC2\xA0\xE2\x80\x8B\xE3\x80\x80\xEF\xBB\xBF");
       }},
  };
  for (const Case& c : cases) {
    v1::Feedback input = Item("x-" + c.field, "@ana", "Lovely stay");
    c.spoil(input);
    const grpc::Status status = Ingest(input);
    EXPECT_THAT(status, GrpcCodeIs(grpc::StatusCode::INVALID_ARGUMENT))
        << c.field;
    EXPECT_THAT(ViolatedFields(status), ElementsAre(c.field));
  }
  // Up to 5 minutes ahead is clock skew, not a bad timestamp.
  v1::Feedback skewed = Item("skewed", "@ana", "Lovely stay");
  *skewed.mutable_post_time() =
      service::ToProtoTimestamp(server_.clock().Now() + absl::Minutes(5));
  EXPECT_TRUE(Ingest(skewed).ok());
  EXPECT_EQ(ListAll().size(), 1u);
}

TEST_F(FeedbackServiceTest, EveryPageFitsAClientsDefaultMessageLimit) {
  // Reviews as long as allowed, every clause naming five aspects: each
  // mention quotes its clause, so an item is ~0.2 MiB and 25 of them are far
  // more than the 4 MiB a gRPC client accepts in one response by default.
  const std::string clause =
      "the dirty room, rude staff, cold breakfast, noisy street and slow "
      "wifi were awful. ";
  std::string text;
  while (text.size() + clause.size() <= 16 * 1024) text += clause;
  constexpr int kItems = 25;
  for (int i = 0; i < kItems; ++i) {
    ASSERT_TRUE(Ingest(Item(absl::StrCat("long-", i), absl::StrCat("@guest", i),
                            absl::StrCat(i, " ", text)))
                    .ok());
  }
  constexpr size_t kClientLimit = size_t{4} << 20;

  std::set<std::string> listed;
  int pages = 0;
  v1::ListFeedbackRequest list;
  list.set_parent("organizations/default");
  list.set_page_size(1000);
  do {
    v1::ListFeedbackResponse response;
    const grpc::Status status = stub_->ListFeedback(
        TestServer::Context(server_.admin_key()).get(), list, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_LE(response.ByteSizeLong(), kClientLimit);
    for (const v1::Feedback& item : response.feedback()) {
      listed.insert(item.name());
    }
    list.set_page_token(response.next_page_token());
    ++pages;
  } while (!list.page_token().empty());
  EXPECT_EQ(listed.size(), size_t{kItems});
  EXPECT_GT(pages, 1);

  const auto insights = v1::InsightService::NewStub(server_.channel());
  std::set<std::string> queued;
  v1::ListAttentionItemsRequest attention;
  attention.set_scope("organizations/default");
  attention.set_page_size(1000);
  do {
    v1::ListAttentionItemsResponse response;
    const grpc::Status status = insights->ListAttentionItems(
        TestServer::Context(server_.admin_key()).get(), attention, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_LE(response.ByteSizeLong(), kClientLimit);
    for (const v1::AttentionItem& item : response.items()) {
      queued.insert(item.feedback().name());
    }
    attention.set_page_token(response.next_page_token());
  } while (!attention.page_token().empty());
  EXPECT_EQ(queued, listed);
}

TEST_F(FeedbackServiceTest, UnknownOrForeignHotelIsNotFound) {
  EXPECT_THAT(Ingest(Item("a", "@ana", "Nice", "nowhere")),
              GrpcErrorIs(grpc::StatusCode::NOT_FOUND, "RESOURCE_NOT_FOUND"));
  server_.CreateOrganizationWithKey("other", {v1::SCOPE_FEEDBACK_READ});
  v1::Feedback foreign = Item("b", "@ana", "Nice");
  foreign.set_hotel("organizations/other/hotels/paris");
  EXPECT_THAT(Ingest(foreign),
              GrpcErrorIs(grpc::StatusCode::NOT_FOUND, "RESOURCE_NOT_FOUND"));
  EXPECT_THAT(ListAll(), IsEmpty());
}

// Ingest keeps hotels in memory (Store::GetCached): a changed time zone and
// a deleted hotel must take effect on the next item all the same.
TEST_F(FeedbackServiceTest, IngestSeesTheHotelAsItIsNow) {
  const v1::Feedback first = Item("z-1", "@ana", "Quiet room");
  const absl::Time posted = service::FromProtoTimestamp(first.post_time());
  absl::TimeZone lisbon;
  absl::TimeZone kiritimati;
  ASSERT_TRUE(absl::LoadTimeZone("Europe/Lisbon", &lisbon));
  ASSERT_TRUE(absl::LoadTimeZone("Pacific/Kiritimati", &kiritimati));
  const int64_t lisbon_day = service::HotelDay(posted, lisbon);
  const int64_t kiritimati_day = service::HotelDay(posted, kiritimati);
  ASSERT_NE(lisbon_day, kiritimati_day);
  ASSERT_TRUE(Ingest(first).ok());
  EXPECT_EQ(CountedFeedback(server_.server(), lisbon_day, lisbon_day), 1);

  auto hotels = v1::HotelService::NewStub(server_.channel());
  v1::UpdateHotelRequest update;
  update.mutable_hotel()->set_name("organizations/default/hotels/lisbon");
  update.mutable_hotel()->set_time_zone("Pacific/Kiritimati");
  update.mutable_update_mask()->add_paths("time_zone");
  v1::Hotel updated;
  ASSERT_TRUE(hotels
                  ->UpdateHotel(TestServer::Context(server_.admin_key()).get(),
                                update, &updated)
                  .ok());
  v1::Feedback second = Item("z-2", "@bob", "Quiet room");
  second.set_hotel(first.hotel());
  *second.mutable_post_time() = first.post_time();
  ASSERT_TRUE(Ingest(second).ok());
  EXPECT_EQ(CountedFeedback(server_.server(), lisbon_day, lisbon_day), 1);
  EXPECT_EQ(CountedFeedback(server_.server(), kiritimati_day, kiritimati_day),
            1);

  // A deleted hotel is gone for the next item, although listing its
  // feedback had just read it into memory. Only a hotel without history can
  // be deleted; lisbon, with its items, stays.
  CreateHotel("default", "porto", "Europe/Lisbon");
  v1::ListFeedbackRequest porto_feedback;
  porto_feedback.set_hotel("organizations/default/hotels/porto");
  EXPECT_THAT(ListAll(porto_feedback), IsEmpty());
  auto remove = [&](const std::string& hotel) {
    v1::DeleteHotelRequest request;
    request.set_name("organizations/default/hotels/" + hotel);
    google::protobuf::Empty empty;
    return hotels->DeleteHotel(TestServer::Context(server_.admin_key()).get(),
                               request, &empty);
  };
  ASSERT_TRUE(remove("porto").ok());
  EXPECT_THAT(Ingest(Item("z-3", "@ana", "Quiet room", "porto")),
              GrpcErrorIs(grpc::StatusCode::NOT_FOUND, "RESOURCE_NOT_FOUND"));
  EXPECT_THAT(remove("lisbon"),
              GrpcErrorIs(grpc::StatusCode::FAILED_PRECONDITION,
                          "FAILED_PRECONDITION"));
  EXPECT_EQ(ListAll().size(), 2u);
}

TEST_F(FeedbackServiceTest, RetryReturnsTheOriginalAndCountsOnce) {
  v1::Feedback first;
  ASSERT_TRUE(Ingest(Item("t-9", "@ana", "Great breakfast"), &first).ok());
  server_.clock().Advance(absl::Minutes(3));
  v1::Feedback retried;
  ASSERT_TRUE(
      Ingest(Item("t-9", "@ana", "a different text, same id"), &retried).ok());
  EXPECT_EQ(retried.SerializeAsString(), first.SerializeAsString());
  EXPECT_EQ(ListAll().size(), 1u);
  EXPECT_EQ(CountedFeedback(server_.server()), 1);
}

// An id stored for one hotel and sent for another is a conflict, not a
// retry: refused, naming the stored item, and nothing changes. Sent for its
// own hotel again it is still a retry.
TEST_F(FeedbackServiceTest, AnIdStoredForAnotherHotelIsAlreadyExists) {
  v1::Feedback first;
  ASSERT_TRUE(Ingest(Item("t-9", "@ana", "Great breakfast"), &first).ok());
  const grpc::Status other_hotel =
      Ingest(Item("t-9", "@ana", "Great breakfast", "tokyo"));
  EXPECT_THAT(other_hotel, GrpcErrorIs(grpc::StatusCode::ALREADY_EXISTS,
                                       "RESOURCE_ALREADY_EXISTS"));
  EXPECT_THAT(other_hotel.error_message(),
              ::testing::HasSubstr("is stored already for another hotel, as " +
                                   first.name()));
  // A later edit for another hotel is refused all the same.
  v1::Feedback edit = Item("t-9", "@ana", "Cold breakfast", "tokyo");
  *edit.mutable_edit_time() = edit.post_time();
  edit.mutable_edit_time()->set_seconds(edit.post_time().seconds() + 60);
  EXPECT_THAT(Ingest(edit), GrpcCodeIs(grpc::StatusCode::ALREADY_EXISTS));

  const std::vector<v1::Feedback> listed = ListAll();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].SerializeAsString(), first.SerializeAsString());
  EXPECT_EQ(CountedFeedback(server_.server()), 1);
  v1::Feedback retried;
  ASSERT_TRUE(Ingest(Item("t-9", "@ana", "Great breakfast"), &retried).ok());
  EXPECT_EQ(retried.SerializeAsString(), first.SerializeAsString());
}

TEST_F(FeedbackServiceTest, ConcurrentIdenticalIngestsStoreOneItem) {
  const v1::Feedback input = Item("burst", "@ana", "Noisy room, no sleep");
  constexpr int kThreads = 8;
  std::vector<std::string> names(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      v1::Feedback stored;
      EXPECT_TRUE(Ingest(input, &stored).ok());
      names[i] = stored.name();
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), 1u);
  EXPECT_EQ(ListAll().size(), 1u);
  EXPECT_EQ(CountedFeedback(server_.server()), 1);
}

TEST_F(FeedbackServiceTest, SameAuthorSameTextIsARepeatThatCountsNothing) {
  v1::Feedback first;
  v1::Feedback again;
  v1::Feedback other_author;
  ASSERT_TRUE(Ingest(Item("p1", "@ana", "Dirty  room!"), &first).ok());
  ASSERT_TRUE(Ingest(Item("p2", "@ana", "  dirty room! "), &again).ok());
  ASSERT_TRUE(Ingest(Item("p3", "@bob", "Dirty room!"), &other_author).ok());
  EXPECT_FALSE(first.repeat());
  EXPECT_TRUE(again.repeat());
  EXPECT_FALSE(other_author.repeat());
  EXPECT_EQ(ListAll().size(), 3u);
  EXPECT_EQ(CountedFeedback(server_.server()), 2);
}

TEST_F(FeedbackServiceTest,
       TheSameWordsAboutAnotherHotelOrWithOtherStarsCount) {
  // Each voice counts once per hotel: the same words about a second hotel
  // are that hotel's voice, and with other stars they are another opinion.
  const auto rated = [](v1::Feedback item, double stars) {
    item.mutable_rating()->set_value(stars);
    item.mutable_rating()->set_scale_min(1);
    item.mutable_rating()->set_scale_max(5);
    return item;
  };
  v1::Feedback lisbon;
  v1::Feedback tokyo;
  v1::Feedback lisbon_again;
  v1::Feedback one_star;
  ASSERT_TRUE(Ingest(rated(Item("p1", "@ana", "Ok"), 5), &lisbon).ok());
  ASSERT_TRUE(Ingest(rated(Item("p2", "@ana", "Ok", "tokyo"), 5), &tokyo).ok());
  ASSERT_TRUE(Ingest(rated(Item("p3", "@ana", " ok "), 5), &lisbon_again).ok());
  ASSERT_TRUE(Ingest(rated(Item("p4", "@ana", "Ok"), 1), &one_star).ok());
  EXPECT_FALSE(lisbon.repeat());
  EXPECT_FALSE(tokyo.repeat());
  EXPECT_TRUE(lisbon_again.repeat());
  EXPECT_FALSE(one_star.repeat());
  EXPECT_EQ(CountedFeedback(server_.server()), 2) << "the 5 and the 1 of 5";
  EXPECT_EQ(CountedFeedback(server_.server(), 0, 50'000, "tokyo"), 1);
}

TEST_F(FeedbackServiceTest, ImportReportsAResultPerItemAndGoesOn) {
  grpc::ClientContext* context = nullptr;
  auto owned = TestServer::Context(server_.admin_key());
  context = owned.get();
  v1::ImportFeedbackResponse response;
  auto writer = stub_->ImportFeedback(context, &response);
  std::vector<v1::Feedback> items = {
      Item("i1", "@ana", "Spotless room"),  Item("", "@ana", "no external id"),
      Item("i3", "@bob", "Slow wifi"),      Item("i1", "@ana", "Spotless room"),
      Item("i5", "@cy", "Nice", "nowhere"), Item("i6", "@ana", "Spotless room"),
  };
  for (const v1::Feedback& item : items) {
    v1::ImportFeedbackRequest request;
    request.set_parent("organizations/default");
    *request.mutable_feedback() = item;
    ASSERT_TRUE(writer->Write(request));
  }
  writer->WritesDone();
  ASSERT_TRUE(writer->Finish().ok());
  ASSERT_EQ(response.results_size(), 6);
  EXPECT_EQ(response.ingested_count(), 3);
  EXPECT_EQ(response.duplicate_count(), 1);
  EXPECT_EQ(response.failed_count(), 2);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(response.results(i).index(), i);
  EXPECT_EQ(response.results(0).status().code(), 0);
  EXPECT_FALSE(response.results(0).repeat());
  EXPECT_EQ(response.results(3).feedback(), response.results(0).feedback());
  EXPECT_TRUE(response.results(3).duplicate());
  EXPECT_EQ(response.results(4).status().code(), grpc::StatusCode::NOT_FOUND);
  // Another item with an earlier item's author and text is a repeat.
  EXPECT_FALSE(response.results(5).duplicate());
  EXPECT_TRUE(response.results(5).repeat());

  // The refused item carries the same details IngestFeedback returns.
  const google::rpc::Status& refused = response.results(1).status();
  EXPECT_EQ(refused.code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::ErrorReason(refused), "FIELD_INVALID");
  EXPECT_THAT(ViolatedFields(refused), ElementsAre("feedback.external_id"));
  EXPECT_EQ(ListAll().size(), 3u);
}

TEST_F(FeedbackServiceTest, ALaterEditAtTheSourceReplacesTheWordsOfTheItem) {
  v1::Feedback original = Item("g1", "@ana", "Dirty room and rude staff.");
  *original.mutable_edit_time() = original.post_time();
  v1::Feedback stored;
  ASSERT_TRUE(Ingest(original, &stored).ok());
  v1::Feedback edit = original;
  edit.set_text("They cleaned the room at once. Lovely stay after all!");
  edit.mutable_edit_time()->set_seconds(original.post_time().seconds() + 600);

  // An edit time before the post is refused, naming the field, and changes
  // nothing.
  v1::Feedback backwards = edit;
  backwards.mutable_edit_time()->set_seconds(original.post_time().seconds() -
                                             1);
  const grpc::Status refused = Ingest(backwards);
  EXPECT_THAT(refused,
              GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "FIELD_INVALID"));
  EXPECT_THAT(ViolatedFields(refused), ElementsAre("feedback.edit_time"));

  auto context = TestServer::Context(server_.admin_key());
  v1::ImportFeedbackResponse response;
  auto writer = stub_->ImportFeedback(context.get(), &response);
  // The edit, the same edit again, and a late retry of the original.
  for (const v1::Feedback& item : {edit, edit, original}) {
    v1::ImportFeedbackRequest request;
    request.set_parent("organizations/default");
    *request.mutable_feedback() = item;
    ASSERT_TRUE(writer->Write(request));
  }
  writer->WritesDone();
  ASSERT_TRUE(writer->Finish().ok());
  ASSERT_EQ(response.results_size(), 3);
  EXPECT_EQ(response.edited_count(), 1);
  EXPECT_EQ(response.duplicate_count(), 2);
  EXPECT_EQ(response.ingested_count(), 0);
  EXPECT_TRUE(response.results(0).edited());
  EXPECT_FALSE(response.results(0).duplicate());
  EXPECT_EQ(response.results(0).feedback(), stored.name());
  EXPECT_TRUE(response.results(1).duplicate());
  EXPECT_TRUE(response.results(2).duplicate());

  const std::vector<v1::Feedback> listed = ListAll();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].name(), stored.name());
  EXPECT_EQ(listed[0].text(), edit.text());
  EXPECT_EQ(listed[0].edit_time().seconds(), edit.edit_time().seconds());
  EXPECT_EQ(listed[0].analysis().band(), v1::SENTIMENT_BAND_POSITIVE);
  EXPECT_EQ(CountedFeedback(server_.server()), 1);
}

// A social post that says only its rating ("5 stars!", "Une étoile.") is
// the guest's verdict: the stored analysis carries it, in any language.
TEST_F(FeedbackServiceTest, ARatingWrittenIntoTheTextIsItsSentiment) {
  struct Case {
    std::string text;
    std::string language;
    v1::SentimentBand band;
  };
  const std::vector<Case> cases = {
      // No language declared: "stars" tells English.
      {"5 stars!", "", v1::SENTIMENT_BAND_POSITIVE},
      {"Rated it 2/10.", "en", v1::SENTIMENT_BAND_NEGATIVE},
      {"Une étoile.", "fr", v1::SENTIMENT_BAND_NEGATIVE},
      {"Wir geben ★★★★★", "de", v1::SENTIMENT_BAND_POSITIVE},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    v1::Feedback input =
        Item("rated-" + std::to_string(i), "@ana", cases[i].text);
    input.set_language_code(cases[i].language);
    v1::Feedback stored;
    ASSERT_TRUE(Ingest(input, &stored).ok()) << cases[i].text;
    EXPECT_EQ(stored.analysis().band(), cases[i].band) << cases[i].text;
  }
}

// Guests on phones or keyboards set to another language write without
// accents ("Tres decu", "Fruehstueck"): they are heard as those who write
// with them, their language detected and their complaints found.
TEST_F(FeedbackServiceTest, ATextTypedWithoutDiacriticsIsHeard) {
  struct Case {
    std::string text;
    std::string language;
    std::set<std::string> aspects;
  };
  const std::vector<Case> cases = {
      {"Tres decu: chambre sale, petit dejeuner mediocre et personnel "
       "desagreable.",
       "fr",
       {"cleanliness", "food_beverage", "staff_service"}},
      {"Das Fruehstueck war ungeniessbar und das Personal unhoeflich.",
       "de",
       {"food_beverage", "staff_service"}},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    v1::Feedback stored;
    ASSERT_TRUE(
        Ingest(Item("plain-" + std::to_string(i), "@ana", cases[i].text),
               &stored)
            .ok())
        << cases[i].text;
    EXPECT_EQ(stored.analysis().language_code(), cases[i].language);
    EXPECT_EQ(stored.analysis().band(), v1::SENTIMENT_BAND_NEGATIVE)
        << cases[i].text;
    std::set<std::string> aspects;
    for (const auto& mention : stored.analysis().aspects()) {
      aspects.insert(mention.aspect());
    }
    EXPECT_EQ(aspects, cases[i].aspects) << cases[i].text;
  }
}

// "Great location, terrible breakfast": the breakfast is a complaint in the
// stored analysis (and so in the top issues), not a mild praise shared with
// the location.
TEST_F(FeedbackServiceTest, EachAspectOfAClauseKeepsItsOwnJudgement) {
  v1::Feedback stored;
  ASSERT_TRUE(
      Ingest(Item("parts", "@ana", "Great location, terrible breakfast."),
             &stored)
          .ok());
  std::map<std::string, double> sentiment;
  for (const auto& mention : stored.analysis().aspects()) {
    sentiment[mention.aspect()] = mention.sentiment();
  }
  EXPECT_GT(sentiment["location"], 0.05) << stored.DebugString();
  EXPECT_LT(sentiment["food_beverage"], -0.05) << stored.DebugString();
}

TEST_F(FeedbackServiceTest, AnImportedItemNamingAnotherParentIsRefused) {
  auto context = TestServer::Context(server_.admin_key());
  v1::ImportFeedbackResponse response;
  auto writer = stub_->ImportFeedback(context.get(), &response);
  v1::ImportFeedbackRequest request;
  request.set_parent("organizations/default");
  *request.mutable_feedback() = Item("c1", "@ana", "Fine");
  writer->Write(request);
  request.set_parent("organizations/elsewhere");
  *request.mutable_feedback() = Item("c2", "@ana", "Fine");
  writer->Write(request);
  request.set_parent("organizations/default");
  *request.mutable_feedback() = Item("c3", "@ana", "Fine too");
  writer->Write(request);
  writer->WritesDone();
  ASSERT_TRUE(writer->Finish().ok());
  // The first item's parent is the stream's: the stored items' results
  // reach the caller, and only the other parent's item is refused.
  ASSERT_EQ(response.results_size(), 3);
  EXPECT_EQ(response.results(0).status().code(), 0);
  const google::rpc::Status& refused = response.results(1).status();
  EXPECT_EQ(refused.code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(refused.message(),
              ::testing::HasSubstr("parent: changed within the stream"));
  EXPECT_EQ(response.results(2).status().code(), 0);

  // A stream whose first parent is another tenant's fails as a whole.
  auto foreign = TestServer::Context(server_.admin_key());
  auto refused_writer = stub_->ImportFeedback(foreign.get(), &response);
  request.set_parent("organizations/elsewhere");
  refused_writer->Write(request);
  refused_writer->WritesDone();
  EXPECT_FALSE(refused_writer->Finish().ok());
}

TEST_F(FeedbackServiceTest, ListFiltersNewestFirstAndPages) {
  const absl::Time now = server_.clock().Now();
  struct Spec {
    std::string id, hotel, text;
    v1::Source source;
    absl::Duration age;
  };
  const std::vector<Spec> specs = {
      {"l1", "lisbon", "The pool was wonderful", v1::SOURCE_GOOGLE,
       absl::Hours(5)},
      {"l2", "lisbon", "Filthy bathroom, awful", v1::SOURCE_TWITTER,
       absl::Hours(4)},
      {"l3", "tokyo", "Terrible wifi, useless", v1::SOURCE_TWITTER,
       absl::Hours(3)},
      {"l4", "lisbon", "Rude staff at reception", v1::SOURCE_GOOGLE,
       absl::Hours(2)},
      {"l5", "lisbon", "Breakfast was great", v1::SOURCE_TWITTER,
       absl::Hours(1)},
  };
  for (const Spec& spec : specs) {
    v1::Feedback item = Item(spec.id, "@" + spec.id, spec.text, spec.hotel);
    item.set_source(spec.source);
    *item.mutable_post_time() = service::ToProtoTimestamp(now - spec.age);
    ASSERT_TRUE(Ingest(item).ok()) << spec.id;
  }
  auto ids = [](const std::vector<v1::Feedback>& items) {
    std::vector<std::string> ids;
    for (const auto& item : items) ids.push_back(item.external_id());
    return ids;
  };
  v1::ListFeedbackRequest request;
  EXPECT_THAT(ids(ListAll(request)), ElementsAre("l5", "l4", "l3", "l2", "l1"));
  request.set_page_size(2);
  EXPECT_THAT(ids(ListAll(request)), ElementsAre("l5", "l4", "l3", "l2", "l1"));

  request.set_hotel("organizations/default/hotels/lisbon");
  EXPECT_THAT(ids(ListAll(request)), ElementsAre("l5", "l4", "l2", "l1"));
  request.set_source(v1::SOURCE_TWITTER);
  EXPECT_THAT(ids(ListAll(request)), ElementsAre("l5", "l2"));
  request.clear_source();
  request.set_band(v1::SENTIMENT_BAND_NEGATIVE);
  EXPECT_THAT(ids(ListAll(request)), ElementsAre("l4", "l2"));
  request.clear_band();
  request.set_aspect("staff_service");
  EXPECT_THAT(ids(ListAll(request)), ElementsAre("l4"));
  request.clear_aspect();
  *request.mutable_start_time() =
      service::ToProtoTimestamp(now - absl::Hours(4));
  *request.mutable_end_time() = service::ToProtoTimestamp(now - absl::Hours(1));
  EXPECT_THAT(ids(ListAll(request)), ElementsAre("l4", "l2"));

  // What no figure could weigh, to be read: a language without an analyser,
  // a rating without words.
  v1::Feedback chinese = Item("l6", "@l6", "房间很脏，服务员态度很差。");
  *chinese.mutable_post_time() =
      service::ToProtoTimestamp(now - absl::Hours(6));
  ASSERT_TRUE(Ingest(chinese).ok());
  v1::Feedback stars = Item("l7", "@l7", "");
  stars.mutable_rating()->set_value(1);
  stars.mutable_rating()->set_scale_min(1);
  stars.mutable_rating()->set_scale_max(5);
  *stars.mutable_post_time() = service::ToProtoTimestamp(now - absl::Hours(7));
  ASSERT_TRUE(Ingest(stars).ok());
  v1::ListFeedbackRequest by_scoring;
  by_scoring.set_sentiment_state(v1::SENTIMENT_STATE_NOT_SCORED);
  EXPECT_THAT(ids(ListAll(by_scoring)), ElementsAre("l6", "l7"));
  by_scoring.set_page_size(1);
  EXPECT_THAT(ids(ListAll(by_scoring)), ElementsAre("l6", "l7"));
  by_scoring.set_sentiment_state(v1::SENTIMENT_STATE_SCORED);
  EXPECT_THAT(ids(ListAll(by_scoring)),
              ElementsAre("l5", "l4", "l3", "l2", "l1"));

  v1::ListFeedbackRequest by_state;
  by_state.set_case_state(v1::CASE_STATE_OPEN);
  EXPECT_EQ(ListAll(by_state).size(), 7u);
  by_state.set_case_state(v1::CASE_STATE_RESOLVED);
  EXPECT_THAT(ListAll(by_state), IsEmpty());
}

TEST_F(FeedbackServiceTest, ListRejectsBadFiltersAndForeignTokens) {
  v1::ListFeedbackRequest request;
  request.set_parent("organizations/default");
  request.set_aspect("spaceship");
  request.set_band(static_cast<v1::SentimentBand>(9));
  request.set_sentiment_state(static_cast<v1::SentimentState>(7));
  *request.mutable_start_time() =
      service::ToProtoTimestamp(absl::FromUnixSeconds(100));
  *request.mutable_end_time() =
      service::ToProtoTimestamp(absl::FromUnixSeconds(50));
  v1::ListFeedbackResponse response;
  grpc::Status status = stub_->ListFeedback(
      TestServer::Context(server_.admin_key()).get(), request, &response);
  EXPECT_THAT(
      ViolatedFields(status),
      UnorderedElementsAre("aspect", "band", "sentiment_state", "end_time"));

  // Not-scored feedback has no band: the pair could only list nothing.
  v1::ListFeedbackRequest never;
  never.set_parent("organizations/default");
  never.set_band(v1::SENTIMENT_BAND_NEGATIVE);
  never.set_sentiment_state(v1::SENTIMENT_STATE_NOT_SCORED);
  status = stub_->ListFeedback(TestServer::Context(server_.admin_key()).get(),
                               never, &response);
  EXPECT_THAT(ViolatedFields(status), ElementsAre("band"));

  v1::ListFeedbackRequest unknown_hotel;
  unknown_hotel.set_parent("organizations/default");
  unknown_hotel.set_hotel("organizations/default/hotels/nowhere");
  status = stub_->ListFeedback(TestServer::Context(server_.admin_key()).get(),
                               unknown_hotel, &response);
  EXPECT_THAT(status, GrpcCodeIs(grpc::StatusCode::NOT_FOUND));

  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(Ingest(Item("k" + std::to_string(i), "@a", "ok")).ok());
  }
  v1::ListFeedbackRequest paged;
  paged.set_parent("organizations/default");
  paged.set_page_size(1);
  ASSERT_TRUE(stub_
                  ->ListFeedback(TestServer::Context(server_.admin_key()).get(),
                                 paged, &response)
                  .ok());
  ASSERT_FALSE(response.next_page_token().empty());
  paged.set_page_token(response.next_page_token());
  paged.set_source(v1::SOURCE_GOOGLE);
  EXPECT_THAT(
      stub_->ListFeedback(TestServer::Context(server_.admin_key()).get(), paged,
                          &response),
      GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "PAGE_TOKEN_INVALID"));
}

class CaseTest : public FeedbackServiceTest {
 protected:
  grpc::Status Update(const std::string& name, v1::CaseState state,
                      std::vector<std::string> paths, v1::Feedback* out,
                      const std::string& note = "") {
    v1::UpdateFeedbackRequest request;
    request.mutable_feedback()->set_name(name);
    request.mutable_feedback()->mutable_case_()->set_state(state);
    request.mutable_feedback()->mutable_case_()->set_internal_note(note);
    for (auto& path : paths) request.mutable_update_mask()->add_paths(path);
    return stub_->UpdateFeedback(TestServer::Context(server_.admin_key()).get(),
                                 request, out);
  }
};

TEST_F(CaseTest, StatesMoveForwardOnly) {
  v1::Feedback item;
  ASSERT_TRUE(Ingest(Item("c", "@ana", "Broken lift"), &item).ok());
  v1::Feedback updated;
  server_.clock().Advance(absl::Minutes(10));
  ASSERT_TRUE(Update(item.name(), v1::CASE_STATE_ACKNOWLEDGED,
                     {"case.state", "case.internal_note"}, &updated,
                     "engineer called")
                  .ok());
  EXPECT_EQ(updated.case_().state(), v1::CASE_STATE_ACKNOWLEDGED);
  EXPECT_EQ(updated.case_().internal_note(), "engineer called");
  EXPECT_EQ(updated.case_().state_change_time().seconds(),
            absl::ToUnixSeconds(server_.clock().Now()));

  EXPECT_THAT(
      Update(item.name(), v1::CASE_STATE_OPEN, {"case.state"}, &updated),
      GrpcErrorIs(grpc::StatusCode::FAILED_PRECONDITION,
                  "FAILED_PRECONDITION"));
  ASSERT_TRUE(
      Update(item.name(), v1::CASE_STATE_RESOLVED, {"case.state"}, &updated)
          .ok());
  EXPECT_THAT(Update(item.name(), v1::CASE_STATE_ACKNOWLEDGED, {"case.state"},
                     &updated),
              GrpcCodeIs(grpc::StatusCode::FAILED_PRECONDITION));

  v1::ListFeedbackRequest resolved;
  resolved.set_case_state(v1::CASE_STATE_RESOLVED);
  ASSERT_EQ(ListAll(resolved).size(), 1u);
  resolved.set_case_state(v1::CASE_STATE_OPEN);
  EXPECT_THAT(ListAll(resolved), IsEmpty());
}

TEST_F(CaseTest, OpenMayGoStraightToResolved) {
  v1::Feedback item;
  ASSERT_TRUE(Ingest(Item("c", "@ana", "Cold shower"), &item).ok());
  v1::Feedback updated;
  ASSERT_TRUE(
      Update(item.name(), v1::CASE_STATE_RESOLVED, {"case.state"}, &updated)
          .ok());
  EXPECT_EQ(updated.case_().state(), v1::CASE_STATE_RESOLVED);
}

// update_mask is optional (AIP-134): without it the case fields the request
// sets change, and a request that sets none changes nothing and is refused.
TEST_F(CaseTest, WithoutUpdateMaskTheCaseFieldsSetChange) {
  v1::Feedback item;
  ASSERT_TRUE(Ingest(Item("c", "@ana", "Cold shower"), &item).ok());
  v1::UpdateFeedbackRequest request;
  request.mutable_feedback()->set_name(item.name());
  v1::Feedback updated;
  const grpc::Status nothing = stub_->UpdateFeedback(
      TestServer::Context(server_.admin_key()).get(), request, &updated);
  EXPECT_THAT(nothing,
              GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "FIELD_INVALID"));
  EXPECT_THAT(ViolatedFields(nothing), ElementsAre("update_mask"));

  request.mutable_feedback()->mutable_case_()->set_assignee("Rita");
  ASSERT_TRUE(
      stub_
          ->UpdateFeedback(TestServer::Context(server_.admin_key()).get(),
                           request, &updated)
          .ok());
  EXPECT_EQ(updated.case_().assignee(), "Rita");
  EXPECT_EQ(updated.case_().state(), v1::CASE_STATE_OPEN) << "not set, kept";
}

TEST_F(CaseTest, OtherPathsAndUnknownItemsAreRefused) {
  v1::Feedback item;
  ASSERT_TRUE(Ingest(Item("c", "@ana", "Cold shower"), &item).ok());
  v1::Feedback updated;
  const grpc::Status status =
      Update(item.name(), v1::CASE_STATE_RESOLVED, {"text"}, &updated);
  EXPECT_THAT(status,
              GrpcErrorIs(grpc::StatusCode::INVALID_ARGUMENT, "FIELD_INVALID"));
  EXPECT_THAT(ViolatedFields(status), ElementsAre("update_mask"));
  EXPECT_THAT(Update(item.name(), v1::CASE_STATE_RESOLVED,
                     {"case.internal_note"}, &updated, std::string(5000, 'n')),
              GrpcCodeIs(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_THAT(Update(item.name(), v1::CASE_STATE_RESOLVED,
                     {"case.internal_note"}, &updated, "called\x1b[2J"),
              GrpcCodeIs(grpc::StatusCode::INVALID_ARGUMENT));
  EXPECT_THAT(Update("organizations/default/feedback/missing",
                     v1::CASE_STATE_RESOLVED, {"case.state"}, &updated),
              GrpcErrorIs(grpc::StatusCode::NOT_FOUND, "RESOURCE_NOT_FOUND"));
  v1::GetFeedbackRequest get;
  get.set_name(item.name());
  v1::Feedback fetched;
  ASSERT_TRUE(stub_
                  ->GetFeedback(TestServer::Context(server_.admin_key()).get(),
                                get, &fetched)
                  .ok());
  EXPECT_EQ(fetched.case_().state(), v1::CASE_STATE_OPEN);
}

}  // namespace
}  // namespace guestvoice
