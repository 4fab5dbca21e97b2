// Feedback items as stored: the parts of their names, author keys under every
// spelling of a handle, the voice an item counts for, and the index entries
// that are written and moved with an item.

#include "service/feedback/records.h"

#include <optional>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/feedback/voices.h"
#include "storage/keys.h"
#include "tests/service/feedback/domain_fixture.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::StatusIs;
using ::testing::HasSubstr;
using ::testing::Optional;

TEST(FeedbackPartsTest, AreTakenFromTheResource) {
  v1::Feedback feedback;
  feedback.set_name("organizations/acme/feedback/f1");
  feedback.set_hotel("organizations/acme/hotels/lisbon");
  *feedback.mutable_post_time() =
      ToProtoTimestamp(absl::FromUnixMillis(1'768'478'400'250));
  EXPECT_EQ(FeedbackIdOf(feedback), "f1");
  EXPECT_EQ(HotelIdOf(feedback), "lisbon");
  EXPECT_EQ(PostTimeOf(feedback), absl::FromUnixMillis(1'768'478'400'250));
}

TEST(NormalizeAuthorHandleTest, SpellsAHandleAsLinkIdentityDoes) {
  EXPECT_EQ(NormalizeAuthorHandle(v1::SOURCE_TWITTER, "@AnaTravels"),
            "anatravels");
  EXPECT_EQ(NormalizeAuthorHandle(v1::SOURCE_TWITTER, "  AnaTravels\t"),
            "anatravels");
  EXPECT_EQ(NormalizeAuthorHandle(v1::SOURCE_INSTAGRAM, " @ana.travels "),
            "ana.travels");
  // Leading @ are handle markers, however many were typed.
  EXPECT_EQ(NormalizeAuthorHandle(v1::SOURCE_TWITTER, "@@ana"), "ana");
  // Case folds beyond ASCII; composed and decomposed letters are one.
  EXPECT_EQ(NormalizeAuthorHandle(v1::SOURCE_TRIPADVISOR, "@ÉLODIE M"),
            "élodie m");
  EXPECT_EQ(NormalizeAuthorHandle(v1::SOURCE_TRIPADVISOR, "E\u0301lodie M"),
            "élodie m");
}

TEST(NormalizeAuthorHandleTest, KeepsTheAtOfAnEmailAddress) {
  EXPECT_EQ(NormalizeAuthorHandle(v1::SOURCE_EMAIL, " Ana@Example.COM "),
            "ana@example.com");
  EXPECT_EQ(NormalizeAuthorHandle(v1::SOURCE_EMAIL, "@ana"), "@ana");
}

TEST(AuthorKeyTest, IsOneKeyForEverySpellingOfAHandle) {
  const std::string key = AuthorKey("acme", v1::SOURCE_TWITTER, "anatravels");
  EXPECT_EQ(key, storage::FeedbackAuthorKey("acme", v1::SOURCE_TWITTER,
                                            "anatravels"));
  for (const char* spelling :
       {"@AnaTravels", "ANATRAVELS", " @anatravels ", "\tAnaTravels\n",
        "\uFF20\uFF21naTravels", "ana\u200Btravels"}) {
    EXPECT_EQ(AuthorKey("acme", v1::SOURCE_TWITTER, spelling), key) << spelling;
  }
}

TEST(AuthorKeyTest, DiffersBySourceOrganizationAndHandle) {
  const std::string key = AuthorKey("acme", v1::SOURCE_TWITTER, "@ana");
  EXPECT_NE(AuthorKey("acme", v1::SOURCE_INSTAGRAM, "@ana"), key);
  EXPECT_NE(AuthorKey("rival", v1::SOURCE_TWITTER, "@ana"), key);
  EXPECT_NE(AuthorKey("acme", v1::SOURCE_TWITTER, "@anna"), key);
  EXPECT_NE(AuthorKey("acme", v1::SOURCE_EMAIL, "@ana"),
            AuthorKey("acme", v1::SOURCE_EMAIL, "ana"));
}

TEST(VoiceOfTest, IsTheAuthorsOwnVoiceUntilAGuestIsKnown) {
  internal::v1::StoredFeedback item;
  item.set_author_voice("a/author1");
  EXPECT_EQ(VoiceOf(item), "a/author1");

  item.mutable_feedback()->set_guest("organizations/acme/guests/g1");
  const std::string voice = VoiceOf(item);
  EXPECT_EQ(voice, GuestVoiceId("g1"));
  EXPECT_NE(voice, "a/author1");
  EXPECT_THAT(GuestIdOfVoice(voice), Optional(std::string_view("g1")));
}

class FeedbackRecordsTest : public testing::FeedbackDomainFixture {
 protected:
  // f1 about lisbon, posted an hour ago, with a negative mention of
  // cleanliness and a positive one of staff.
  internal::v1::StoredFeedback NewItem(bool repeat = false) const {
    internal::v1::StoredFeedback item;
    item.set_author_voice("a/voice1");
    v1::Feedback& feedback = *item.mutable_feedback();
    feedback.set_name("organizations/acme/feedback/f1");
    feedback.set_hotel("organizations/acme/hotels/lisbon");
    feedback.set_source(v1::SOURCE_TWITTER);
    feedback.set_external_id("x-1");
    *feedback.mutable_post_time() = ToProtoTimestamp(post_time_);
    feedback.set_repeat(repeat);
    feedback.mutable_case_()->set_state(v1::CASE_STATE_OPEN);
    v1::AspectMention& dirty = *feedback.mutable_analysis()->add_aspects();
    dirty.set_aspect("cleanliness");
    dirty.set_sentiment(-0.44);
    dirty.set_text("dirty room");
    v1::AspectMention& kind = *feedback.mutable_analysis()->add_aspects();
    kind.set_aspect("staff_service");
    kind.set_sentiment(0.49);
    return item;
  }

  std::optional<std::string> Value(const std::string& key) {
    auto value = store_->Get(storage::ColumnFamily::kFeedback, key);
    EXPECT_TRUE(value.ok()) << value.status();
    return value.ok() ? *value : std::nullopt;
  }

  // Every key of the feedback family.
  int KeyCount() {
    int keys = 0;
    EXPECT_OK(store_->Scan(storage::ColumnFamily::kFeedback, "", "", 0,
                           [&](std::string_view, std::string_view) {
                             ++keys;
                             return storage::ScanStep::kContinue;
                           }));
    return keys;
  }

  void Write(storage::WriteBatch batch) {
    ASSERT_OK(store_->Write(std::move(batch)));
  }

  std::string CaseKey(v1::CaseState state) const {
    return storage::NewestFirstIndexKey(
        storage::FeedbackCaseIndexPrefix("acme", state), post_time_, "f1");
  }
  std::string QuoteKey(const std::string& aspect, uint32_t index) const {
    return storage::NegativeQuoteKey("acme", "lisbon", aspect, post_time_, "f1",
                                     index);
  }
  std::string RepeatKey() const {
    return storage::FeedbackRepeatIndexKey("acme", "a/voice1", "digest");
  }

  const absl::Time post_time_ = clock_.Now() - absl::Hours(1);
};

TEST_F(FeedbackRecordsTest, AnIngestedAuthorIsFoundUnderAnySpelling) {
  const v1::Feedback stored = Ingest(Item("x-1", "@AnaTravels", "Nice view"));
  ASSERT_OK_AND_ASSIGN(
      std::optional<internal::v1::StoredFeedback> item,
      ReadStoredFeedback(*store_, "acme", FeedbackIdOf(stored)));
  ASSERT_TRUE(item.has_value());
  EXPECT_EQ(item->feedback().SerializeAsString(), stored.SerializeAsString());

  ASSERT_OK_AND_ASSIGN(
      std::optional<internal::v1::FeedbackAuthor> author,
      ReadFeedbackAuthor(*store_, "acme", v1::SOURCE_TWITTER, "anatravels"));
  ASSERT_TRUE(author.has_value());
  EXPECT_EQ(author->voice(), item->author_voice());
  EXPECT_EQ(VoiceOf(*item), item->author_voice());

  ASSERT_OK_AND_ASSIGN(
      std::optional<internal::v1::FeedbackAuthor> elsewhere,
      ReadFeedbackAuthor(*store_, "acme", v1::SOURCE_INSTAGRAM, "anatravels"));
  EXPECT_FALSE(elsewhere.has_value());
}

TEST_F(FeedbackRecordsTest, ReadingAMissingOrUnreadableItem) {
  ASSERT_OK_AND_ASSIGN(std::optional<internal::v1::StoredFeedback> missing,
                       ReadStoredFeedback(*store_, "acme", "nope"));
  EXPECT_FALSE(missing.has_value());

  storage::WriteBatch garbage;
  garbage.Put(storage::ColumnFamily::kFeedback,
              storage::FeedbackKey("acme", "bad"), "\xff\xff");
  Write(std::move(garbage));
  EXPECT_THAT(ReadStoredFeedback(*store_, "acme", "bad"),
              StatusIs(absl::StatusCode::kDataLoss,
                       HasSubstr("organizations/acme/feedback/bad")));
}

TEST_F(FeedbackRecordsTest, ANewItemIsWrittenWithEveryIndexEntry) {
  const internal::v1::StoredFeedback item = NewItem();
  storage::WriteBatch batch;
  PutNewFeedback(batch, "acme", item, "digest");
  Write(std::move(batch));

  EXPECT_EQ(Value(storage::FeedbackKey("acme", "f1")),
            item.SerializeAsString());
  EXPECT_EQ(
      Value(storage::FeedbackSourceIndexKey("acme", v1::SOURCE_TWITTER, "x-1")),
      "f1");
  EXPECT_EQ(Value(storage::NewestFirstIndexKey(
                storage::FeedbackTimeIndexPrefix("acme"), post_time_, "f1")),
            "f1");
  EXPECT_EQ(Value(storage::NewestFirstIndexKey(
                storage::FeedbackHotelTimeIndexPrefix("acme", "lisbon"),
                post_time_, "f1")),
            "f1");
  // Open, so not in the case index (HasCaseIndexEntry).
  EXPECT_EQ(Value(CaseKey(v1::CASE_STATE_OPEN)), std::nullopt);
  EXPECT_EQ(Value(storage::FeedbackAuthorIndexKey("acme", "a/voice1", "f1")),
            "f1");
  EXPECT_EQ(Value(RepeatKey()), "f1");
  // Those six and one quote are every key the item has (README.md, "What
  // one ingest costs the store").
  EXPECT_EQ(KeyCount(), 7);

  // A quote for the negative mention only, holding the mention.
  const std::optional<std::string> quote = Value(QuoteKey("cleanliness", 0));
  ASSERT_TRUE(quote.has_value());
  v1::AspectMention mention;
  ASSERT_TRUE(mention.ParseFromString(*quote));
  EXPECT_EQ(mention.text(), "dirty room");
  EXPECT_EQ(Value(QuoteKey("staff_service", 1)), std::nullopt);
}

TEST_F(FeedbackRecordsTest, ARepeatIsNeitherARepeatOriginalNorQuoted) {
  storage::WriteBatch batch;
  PutNewFeedback(batch, "acme", NewItem(/*repeat=*/true), "digest");
  Write(std::move(batch));
  EXPECT_TRUE(Value(storage::FeedbackKey("acme", "f1")).has_value());
  EXPECT_EQ(Value(RepeatKey()), std::nullopt);
  EXPECT_EQ(Value(QuoteKey("cleanliness", 0)), std::nullopt);
}

TEST_F(FeedbackRecordsTest, TheCaseIndexEntryMovesWithTheState) {
  internal::v1::StoredFeedback item = NewItem();
  storage::WriteBatch batch;
  PutNewFeedback(batch, "acme", item, "digest");
  Write(std::move(batch));

  storage::WriteBatch unchanged;
  MoveCaseIndexEntry(unchanged, "acme", item, v1::CASE_STATE_OPEN);
  EXPECT_TRUE(unchanged.empty());

  item.mutable_feedback()->mutable_case_()->set_state(v1::CASE_STATE_RESOLVED);
  storage::WriteBatch move;
  MoveCaseIndexEntry(move, "acme", item, v1::CASE_STATE_OPEN);
  Write(std::move(move));
  EXPECT_EQ(Value(CaseKey(v1::CASE_STATE_OPEN)), std::nullopt);
  EXPECT_EQ(Value(CaseKey(v1::CASE_STATE_RESOLVED)), "f1");
}

TEST_F(FeedbackRecordsTest, ErasureDeletesTheQuotes) {
  const internal::v1::StoredFeedback item = NewItem();
  storage::WriteBatch batch;
  PutNewFeedback(batch, "acme", item, "digest");
  Write(std::move(batch));

  storage::WriteBatch erase;
  DeleteNegativeQuotes(erase, "acme", item);
  Write(std::move(erase));
  EXPECT_EQ(Value(QuoteKey("cleanliness", 0)), std::nullopt);
  EXPECT_TRUE(Value(storage::FeedbackKey("acme", "f1")).has_value());
}

}  // namespace
}  // namespace guestvoice::service
