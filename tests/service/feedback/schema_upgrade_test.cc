#include "service/feedback/schema_upgrade.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/crypto.h"
#include "service/core/handle_spelling.h"
#include "service/feedback/aggregates.h"
#include "service/feedback/attention_index.h"
#include "service/feedback/records.h"
#include "service/feedback/text_fingerprint.h"
#include "service/feedback/voices.h"
#include "service/tenancy/organizations.h"
#include "storage/keys.h"
#include "tests/service/feedback/domain_fixture.h"
#include "tools/verify/aggregate_verifier.h"

namespace guestvoice::service {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class SchemaUpgradeTest : public testing::FeedbackDomainFixture {
 protected:
  // The upgrade visits the organizations the organization index lists.
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(FeedbackDomainFixture::SetUp());
    storage::WriteBatch batch;
    v1::Organization acme;
    acme.set_name(kAcme);
    PutOrganization(batch, "acme", acme);
    ASSERT_OK(store_->Write(std::move(batch)));
  }

  // The case-index entry schema 3 wrote for `item` in `state`.
  std::string CaseEntry(const v1::Feedback& item, v1::CaseState state) const {
    return storage::NewestFirstIndexKey(
        storage::FeedbackCaseIndexPrefix("acme", state), PostTimeOf(item),
        FeedbackIdOf(item));
  }

  void Put(const std::string& key, const std::string& value) {
    storage::WriteBatch batch;
    batch.Put(storage::ColumnFamily::kFeedback, key, value);
    ASSERT_OK(store_->Write(std::move(batch)));
  }

  // The feedback ids under the case index of `state`.
  std::vector<std::string> CaseIndex(v1::CaseState state) {
    std::vector<std::string> ids;
    EXPECT_OK(store_->Scan(storage::ColumnFamily::kFeedback,
                           storage::FeedbackCaseIndexPrefix("acme", state), "",
                           0, [&](std::string_view, std::string_view id) {
                             ids.emplace_back(id);
                             return storage::ScanStep::kContinue;
                           }));
    return ids;
  }
};

TEST_F(SchemaUpgradeTest, FromSchema3DeletesTheOpenCaseEntriesOnly) {
  const v1::Feedback open = Ingest(Item("x-1", "ana", "Dirty room."));
  const v1::Feedback resolved = Ingest(Item("x-2", "ben", "Rude staff."));
  // What schema 3 held: an entry for every open item, in batches of more
  // than one write's worth, and one for the resolved item.
  Put(CaseEntry(open, v1::CASE_STATE_OPEN), std::string(FeedbackIdOf(open)));
  for (int i = 0; i < 2500; ++i) {
    v1::Feedback other = open;
    other.set_name(absl::StrCat(open.name(), "-", i));
    Put(CaseEntry(other, v1::CASE_STATE_OPEN), "unused");
  }
  Put(CaseEntry(resolved, v1::CASE_STATE_RESOLVED),
      std::string(FeedbackIdOf(resolved)));

  ASSERT_OK_AND_ASSIGN(FeedbackSchemaUpgrade upgrade,
                       UpgradeFeedbackSchema(*store_, 3));
  EXPECT_EQ(upgrade.open_case_entries_deleted, 2501);
  EXPECT_EQ(upgrade.items_reaggregated, 0);
  EXPECT_THAT(CaseIndex(v1::CASE_STATE_OPEN), IsEmpty());
  EXPECT_THAT(CaseIndex(v1::CASE_STATE_RESOLVED),
              ElementsAre(FeedbackIdOf(resolved)));

  // Again, as after a crash before the stamp: nothing left to do.
  ASSERT_OK_AND_ASSIGN(upgrade, UpgradeFeedbackSchema(*store_, 3));
  EXPECT_EQ(upgrade.open_case_entries_deleted, 0);
}

TEST_F(SchemaUpgradeTest, FromOlderSchemasRebuildsTheAggregatesToo) {
  const v1::Feedback item = Ingest(Item("x-1", "ana", "Dirty room."));
  Ingest(Item("x-2", "ben", "Lovely breakfast.", "tokyo"));
  Put(CaseEntry(item, v1::CASE_STATE_OPEN), std::string(FeedbackIdOf(item)));
  ASSERT_OK(store_->ClearFamily(storage::ColumnFamily::kAggregates));

  ASSERT_OK_AND_ASSIGN(FeedbackSchemaUpgrade upgrade,
                       UpgradeFeedbackSchema(*store_, 2));
  EXPECT_EQ(upgrade.items_reaggregated, 2);
  EXPECT_EQ(upgrade.open_case_entries_deleted, 1);
  ASSERT_OK_AND_ASSIGN(verify::VerifyReport report,
                       verify::VerifyAggregates(*store_));
  EXPECT_THAT(report.differences, IsEmpty());
  EXPECT_GT(report.aggregates, 0);
}

TEST_F(SchemaUpgradeTest, FromSchema4PutsTheAttentionEntries) {
  // Two complaints, a compliment and a repeat of the first complaint: the
  // queue lists the complaints only.
  Ingest(Item("x-1", "ana", "Dirty room."));
  Ingest(Item("x-2", "ben", "Rude staff, awful stay.", "tokyo"));
  Ingest(Item("x-3", "cai", "Lovely breakfast."));
  Ingest(Item("x-4", "ana", "Dirty room."));
  // What schema 4 held: no attention index.
  std::vector<std::string> entries;
  ASSERT_OK(store_->Scan(storage::ColumnFamily::kFeedback,
                         storage::AttentionIndexPrefix("acme"), "", 0,
                         [&](std::string_view key, std::string_view) {
                           entries.emplace_back(key);
                           return storage::ScanStep::kContinue;
                         }));
  ASSERT_EQ(entries.size(), 2);
  storage::WriteBatch batch;
  for (const std::string& key : entries) {
    batch.Delete(storage::ColumnFamily::kFeedback, key);
  }
  ASSERT_OK(store_->Write(std::move(batch)));
  ASSERT_OK_AND_ASSIGN(verify::VerifyReport before,
                       verify::VerifyAggregates(*store_));
  EXPECT_EQ(before.differences.size(), 2);

  ASSERT_OK_AND_ASSIGN(FeedbackSchemaUpgrade upgrade,
                       UpgradeFeedbackSchema(*store_, 4));
  EXPECT_EQ(upgrade.attention_entries_put, 2);
  EXPECT_EQ(upgrade.open_case_entries_deleted, 0);
  EXPECT_EQ(upgrade.items_reaggregated, 0);
  ASSERT_OK_AND_ASSIGN(verify::VerifyReport after,
                       verify::VerifyAggregates(*store_));
  EXPECT_THAT(after.differences, IsEmpty());
  EXPECT_EQ(after.attention_entries, 2);

  // Again, as after a crash before the stamp: the same entries again.
  ASSERT_OK_AND_ASSIGN(upgrade, UpgradeFeedbackSchema(*store_, 4));
  EXPECT_EQ(upgrade.attention_entries_put, 2);
  ASSERT_OK_AND_ASSIGN(after, verify::VerifyAggregates(*store_));
  EXPECT_THAT(after.differences, IsEmpty());
}

TEST_F(SchemaUpgradeTest, FromSchema5PutsTheEntriesOfLowRatingsToo) {
  Ingest(Item("x-1", "ana", "Dirty room."));
  v1::Feedback stars = Item("x-2", "ben", "");
  stars.mutable_rating()->set_value(1);
  stars.mutable_rating()->set_scale_min(1);
  stars.mutable_rating()->set_scale_max(5);
  const v1::Feedback rated = Ingest(stars);
  // What schema 5 held: the complaint's entry, none for the rating.
  ASSERT_OK_AND_ASSIGN(
      std::optional<internal::v1::StoredFeedback> stored,
      ReadStoredFeedback(*store_, "acme", FeedbackIdOf(rated)));
  ASSERT_TRUE(stored.has_value());
  storage::WriteBatch batch;
  batch.Delete(storage::ColumnFamily::kFeedback,
               AttentionEntryKey("acme", *stored));
  ASSERT_OK(store_->Write(std::move(batch)));
  ASSERT_OK_AND_ASSIGN(verify::VerifyReport before,
                       verify::VerifyAggregates(*store_));
  EXPECT_EQ(before.differences.size(), 1);

  ASSERT_OK_AND_ASSIGN(FeedbackSchemaUpgrade upgrade,
                       UpgradeFeedbackSchema(*store_, 5));
  EXPECT_EQ(upgrade.attention_entries_put, 2) << "every entry, put again";
  EXPECT_EQ(upgrade.open_case_entries_deleted, 0);
  EXPECT_EQ(upgrade.items_reaggregated, 0);
  ASSERT_OK_AND_ASSIGN(verify::VerifyReport after,
                       verify::VerifyAggregates(*store_));
  EXPECT_THAT(after.differences, IsEmpty());
  EXPECT_EQ(after.attention_entries, 2);
}

TEST_F(SchemaUpgradeTest, FromSchema6CountsTheSameWordsAboutAnotherHotel) {
  const v1::Feedback lisbon = Ingest(Item("x-1", "ana", "Dirty room."));
  clock_.Advance(absl::Minutes(1));
  const v1::Feedback tokyo = Ingest(Item("x-2", "ana", "Dirty room.", "tokyo"));
  clock_.Advance(absl::Minutes(1));
  const v1::Feedback again = Ingest(Item("x-3", "ana", "dirty  room."));
  ASSERT_FALSE(tokyo.repeat());
  ASSERT_TRUE(again.repeat());
  // What schema 6 held: Tokyo's item a repeat of Lisbon's, without
  // contributions, quotes or attention entry, and one repeat entry keyed
  // by the words alone.
  ASSERT_OK_AND_ASSIGN(
      std::optional<internal::v1::StoredFeedback> stored,
      ReadStoredFeedback(*store_, "acme", FeedbackIdOf(tokyo)));
  ASSERT_TRUE(stored.has_value());
  const std::string voice = stored->author_voice();
  storage::WriteBatch batch;
  AggregateDeltas deltas{"acme"};
  deltas.Add(*stored, VoiceOf(*stored), -1);
  deltas.AppendTo(batch);
  DeleteNegativeQuotes(batch, "acme", *stored);
  DeleteAttentionEntry(batch, "acme", *stored);
  stored->mutable_feedback()->set_repeat(true);
  PutStoredFeedback(batch, "acme", *stored);
  for (const v1::Feedback& item : {lisbon, tokyo}) {
    batch.Delete(storage::ColumnFamily::kFeedback,
                 storage::FeedbackRepeatIndexKey("acme", voice,
                                                 RepeatFingerprint(item)));
  }
  const std::string schema6_entry = storage::FeedbackRepeatIndexKey(
      "acme", voice, Sha256(NormalizeForRepeats("Dirty room.")));
  batch.Put(storage::ColumnFamily::kFeedback, schema6_entry,
            std::string(FeedbackIdOf(lisbon)));
  ASSERT_OK(store_->Write(std::move(batch)));
  ASSERT_OK_AND_ASSIGN(verify::VerifyReport before,
                       verify::VerifyAggregates(*store_));
  ASSERT_THAT(before.differences, IsEmpty());
  EXPECT_EQ(before.attention_entries, 1);

  ASSERT_OK_AND_ASSIGN(FeedbackSchemaUpgrade upgrade,
                       UpgradeFeedbackSchema(*store_, 6));
  EXPECT_EQ(upgrade.repeats_recounted, 1);
  EXPECT_EQ(upgrade.items_reaggregated, 0);
  const auto repeat = [&](const v1::Feedback& item) {
    absl::StatusOr<std::optional<internal::v1::StoredFeedback>> read =
        ReadStoredFeedback(*store_, "acme", FeedbackIdOf(item));
    EXPECT_OK(read.status());
    return read.ok() && read->has_value() && (*read)->feedback().repeat();
  };
  EXPECT_FALSE(repeat(lisbon));
  EXPECT_FALSE(repeat(tokyo));
  EXPECT_TRUE(repeat(again));
  ASSERT_OK_AND_ASSIGN(verify::VerifyReport after,
                       verify::VerifyAggregates(*store_));
  EXPECT_THAT(after.differences, IsEmpty());
  EXPECT_EQ(after.attention_entries, 2);
  // The repeat entries name the items that count, keyed as ingest keys
  // them: a third post about Tokyo is a repeat, and the old entry is gone.
  std::vector<std::string> entries;
  ASSERT_OK(store_->Scan(storage::ColumnFamily::kFeedback,
                         storage::FeedbackRepeatIndexPrefix("acme", voice), "",
                         0, [&](std::string_view key, std::string_view id) {
                           entries.push_back(
                               (key == schema6_entry ? "old:" : "") +
                               std::string(id));
                           return storage::ScanStep::kContinue;
                         }));
  EXPECT_THAT(entries, ::testing::UnorderedElementsAre(
                           std::string(FeedbackIdOf(lisbon)),
                           std::string(FeedbackIdOf(tokyo))));
  EXPECT_TRUE(Ingest(Item("x-4", "ana", "Dirty room.", "tokyo")).repeat());

  // Again, as after a crash before the stamp: nothing more moves.
  ASSERT_OK_AND_ASSIGN(upgrade, UpgradeFeedbackSchema(*store_, 6));
  EXPECT_EQ(upgrade.repeats_recounted, 0);
  ASSERT_OK_AND_ASSIGN(after, verify::VerifyAggregates(*store_));
  EXPECT_THAT(after.differences, IsEmpty());
}

TEST_F(SchemaUpgradeTest, FromSchema6CountsAWhiteSpaceTextAsARating) {
  // Schema 6 read a no-break space as words: rated 1 of 5 after one rated
  // 5 of 5, it was a repeat. Without words, it counts.
  const auto rated = [&](const std::string& id, double stars) {
    v1::Feedback item = Item(id, "ana", "\xC2\xA0");
    item.mutable_rating()->set_value(stars);
    item.mutable_rating()->set_scale_min(1);
    item.mutable_rating()->set_scale_max(5);
    return Ingest(item);
  };
  rated("x-1", 5);
  clock_.Advance(absl::Minutes(1));
  const v1::Feedback low = rated("x-2", 1);
  ASSERT_FALSE(low.repeat());
  ASSERT_OK_AND_ASSIGN(std::optional<internal::v1::StoredFeedback> stored,
                       ReadStoredFeedback(*store_, "acme", FeedbackIdOf(low)));
  ASSERT_TRUE(stored.has_value());
  storage::WriteBatch batch;
  AggregateDeltas deltas{"acme"};
  deltas.Add(*stored, VoiceOf(*stored), -1);
  deltas.AppendTo(batch);
  DeleteAttentionEntry(batch, "acme", *stored);
  stored->mutable_feedback()->set_repeat(true);
  PutStoredFeedback(batch, "acme", *stored);
  ASSERT_OK(store_->Write(std::move(batch)));

  ASSERT_OK_AND_ASSIGN(FeedbackSchemaUpgrade upgrade,
                       UpgradeFeedbackSchema(*store_, 6));
  EXPECT_EQ(upgrade.repeats_recounted, 1);
  ASSERT_OK_AND_ASSIGN(stored,
                       ReadStoredFeedback(*store_, "acme", FeedbackIdOf(low)));
  ASSERT_TRUE(stored.has_value());
  EXPECT_FALSE(stored->feedback().repeat());
  ASSERT_OK_AND_ASSIGN(verify::VerifyReport after,
                       verify::VerifyAggregates(*store_));
  EXPECT_THAT(after.differences, IsEmpty());
  EXPECT_EQ(after.attention_entries, 1) << "the 1 of 5";
}

// Files the author of `handle` under the key schema 7 gave `schema7_handle`
// (ASCII lower-cased only), as a schema-7 store held it.
void SpellAsSchema7(storage::Store& store, const std::string& handle,
                    const std::string& schema7_handle) {
  const std::string key = AuthorKey("acme", v1::SOURCE_TWITTER, handle);
  ASSERT_OK_AND_ASSIGN(std::optional<std::string> record,
                       store.Get(storage::ColumnFamily::kFeedback, key));
  ASSERT_TRUE(record.has_value()) << handle;
  storage::WriteBatch batch;
  batch.Delete(storage::ColumnFamily::kFeedback, key);
  batch.Put(
      storage::ColumnFamily::kFeedback,
      storage::FeedbackAuthorKey("acme", v1::SOURCE_TWITTER, schema7_handle),
      *record);
  ASSERT_OK(store.Write(std::move(batch)));
}

TEST_F(SchemaUpgradeTest, FromSchema7MergesTheAuthorsOfOneHandle) {
  // Schema 7 spelled "José" "josé" and "JOSÉ" "josÉ": two authors, so the
  // same words were no repeat. A no-break space made a third spelling.
  Ingest(Item("x-1", "José", "Dirty room."));
  clock_.Advance(absl::Minutes(1));
  const v1::Feedback capital = Ingest(Item("x-2", "JOSÉ", "Dirty room."));
  clock_.Advance(absl::Minutes(1));
  Ingest(Item("x-3", "Ana\u00A0B", "Nice pool."));
  ASSERT_TRUE(capital.repeat()) << "one author in this build";
  // What schema 7 held: the second item its own author's, counted.
  ASSERT_OK_AND_ASSIGN(
      std::optional<internal::v1::StoredFeedback> stored,
      ReadStoredFeedback(*store_, "acme", FeedbackIdOf(capital)));
  ASSERT_TRUE(stored.has_value());
  const std::string voice = stored->author_voice();
  {
    storage::WriteBatch batch;
    internal::v1::FeedbackAuthor schema7_author;
    schema7_author.set_voice("a/schema7");
    batch.Put(storage::ColumnFamily::kFeedback,
              storage::FeedbackAuthorKey(
                  "acme", v1::SOURCE_TWITTER,
                  EarlierHandleSpelling("JOSÉ", LeadingAt::kDropped)),
              schema7_author.SerializeAsString());
    batch.Delete(
        storage::ColumnFamily::kFeedback,
        storage::FeedbackAuthorIndexKey("acme", voice, FeedbackIdOf(capital)));
    batch.Put(storage::ColumnFamily::kFeedback,
              storage::FeedbackAuthorIndexKey("acme", "a/schema7",
                                              FeedbackIdOf(capital)),
              std::string(FeedbackIdOf(capital)));
    stored->set_author_voice("a/schema7");
    stored->mutable_feedback()->set_repeat(false);
    AggregateDeltas deltas{"acme"};
    deltas.Add(*stored, VoiceOf(*stored), +1);
    deltas.AppendTo(batch);
    PutNegativeQuotes(batch, "acme", *stored);
    PutAttentionEntry(batch, "acme", *stored);
    PutStoredFeedback(batch, "acme", *stored);
    ASSERT_OK(store_->Write(std::move(batch)));
  }
  ASSERT_NO_FATAL_FAILURE(SpellAsSchema7(*store_, "Ana\u00A0B", "ana\u00A0b"));
  ASSERT_OK_AND_ASSIGN(verify::VerifyReport before,
                       verify::VerifyAggregates(*store_));
  ASSERT_THAT(before.differences, IsEmpty());

  ASSERT_OK_AND_ASSIGN(FeedbackSchemaUpgrade upgrade,
                       UpgradeFeedbackSchema(*store_, 7));
  EXPECT_EQ(upgrade.authors.moved, 1) << "Ana B";
  EXPECT_EQ(upgrade.authors.merged, 1) << "JOSÉ";
  EXPECT_EQ(upgrade.authors.to_another_guest, 0);
  EXPECT_EQ(upgrade.repeats_recounted, 1) << "JOSÉ's words, José's again";
  ASSERT_OK_AND_ASSIGN(
      stored, ReadStoredFeedback(*store_, "acme", FeedbackIdOf(capital)));
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->author_voice(), voice);
  EXPECT_TRUE(stored->feedback().repeat());
  ASSERT_OK_AND_ASSIGN(verify::VerifyReport after,
                       verify::VerifyAggregates(*store_));
  EXPECT_THAT(after.differences, IsEmpty());
  // Every author is under its spelling now, found by any of them.
  std::vector<std::string> handles;
  ASSERT_OK(store_->Scan(
      storage::ColumnFamily::kFeedback, storage::FeedbackAuthorPrefix("acme"),
      "", 0, [&](std::string_view key, std::string_view) {
        handles.emplace_back(storage::ParseFeedbackAuthorKey(key)->handle);
        return storage::ScanStep::kContinue;
      }));
  EXPECT_THAT(handles, ::testing::UnorderedElementsAre("josé", "ana b"));
  EXPECT_EQ(ReadAuthorItemIds(*store_, "acme", "a/schema7")->size(), 0u);
  EXPECT_TRUE(Ingest(Item("x-4", "jose\u0301", "Dirty room.")).repeat());
  EXPECT_TRUE(Ingest(Item("x-5", "ANA  B", "Nice pool.")).repeat());

  // Again, as after a crash before the stamp: nothing more moves.
  ASSERT_OK_AND_ASSIGN(upgrade, UpgradeFeedbackSchema(*store_, 7));
  EXPECT_EQ(upgrade.authors.moved + upgrade.authors.merged, 0);
  EXPECT_EQ(upgrade.repeats_recounted, 0);
}

TEST_F(SchemaUpgradeTest,
       FromSchema7TheLinkedSpellingGivesTheMergedAuthorItsGuest) {
  Ingest(Item("x-1", "José", "Dirty room."));
  clock_.Advance(absl::Minutes(1));
  Ingest(Item("x-2", "maria", "Great pool."));
  {
    storage::WriteBatch batch;
    ASSERT_OK(AttributeAuthor(*store_, ids_, "acme",
                              {v1::SOURCE_TWITTER, "maria"}, "g1", batch));
    ASSERT_OK(store_->Write(std::move(batch)));
  }
  // Schema 7's "JOSÉ", linked to guest g1.
  ASSERT_NO_FATAL_FAILURE(SpellAsSchema7(*store_, "maria", "josÉ"));

  ASSERT_OK_AND_ASSIGN(FeedbackSchemaUpgrade upgrade,
                       UpgradeFeedbackSchema(*store_, 7));
  EXPECT_EQ(upgrade.authors.merged, 1);
  ASSERT_OK_AND_ASSIGN(
      std::optional<internal::v1::FeedbackAuthor> author,
      ReadFeedbackAuthor(*store_, "acme", v1::SOURCE_TWITTER, "JOSÉ"));
  ASSERT_TRUE(author.has_value());
  EXPECT_EQ(author->guest(), "g1");
  ASSERT_OK_AND_ASSIGN(std::vector<internal::v1::StoredFeedback> items,
                       ReadAuthorItems(*store_, "acme", author->voice()));
  ASSERT_EQ(items.size(), 2u);
  for (const internal::v1::StoredFeedback& item : items) {
    EXPECT_EQ(VoiceOf(item), GuestVoiceId("g1")) << item.feedback().name();
  }
  ASSERT_OK_AND_ASSIGN(verify::VerifyReport after,
                       verify::VerifyAggregates(*store_));
  EXPECT_THAT(after.differences, IsEmpty());
}

// Two guests linked to two spellings of one handle: the handle is one
// author now, the one at its spelling, and its guest's; the other guest's
// items count for that guest (identity_respelling.h drops its identity).
TEST_F(SchemaUpgradeTest, FromSchema7AnotherGuestsSpellingJoinsTheAuthorThere) {
  Ingest(Item("x-1", "José", "Dirty room."));
  const v1::Feedback marias = Ingest(Item("x-2", "maria", "Great pool."));
  {
    storage::WriteBatch batch;
    ASSERT_OK(AttributeAuthor(*store_, ids_, "acme",
                              {v1::SOURCE_TWITTER, "José"}, "g1", batch));
    ASSERT_OK(AttributeAuthor(*store_, ids_, "acme",
                              {v1::SOURCE_TWITTER, "maria"}, "g2", batch));
    ASSERT_OK(store_->Write(std::move(batch)));
  }
  ASSERT_NO_FATAL_FAILURE(SpellAsSchema7(*store_, "maria", "josÉ"));
  ASSERT_OK_AND_ASSIGN(FeedbackSchemaUpgrade upgrade,
                       UpgradeFeedbackSchema(*store_, 7));
  EXPECT_EQ(upgrade.authors.merged, 1);
  EXPECT_EQ(upgrade.authors.to_another_guest, 1);
  ASSERT_OK_AND_ASSIGN(
      std::optional<internal::v1::FeedbackAuthor> author,
      ReadFeedbackAuthor(*store_, "acme", v1::SOURCE_TWITTER, "JOSÉ"));
  ASSERT_TRUE(author.has_value());
  EXPECT_EQ(author->guest(), "g1");
  ASSERT_OK_AND_ASSIGN(
      std::optional<internal::v1::StoredFeedback> stored,
      ReadStoredFeedback(*store_, "acme", FeedbackIdOf(marias)));
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(VoiceOf(*stored), GuestVoiceId("g1"));
  ASSERT_OK_AND_ASSIGN(verify::VerifyReport after,
                       verify::VerifyAggregates(*store_));
  EXPECT_THAT(after.differences, IsEmpty());
}

// Schema 7 took a handle of only invisible characters; spelled as nothing
// now, its authors keep their keys and voices rather than become one.
TEST_F(SchemaUpgradeTest, FromSchema7AuthorsSpelledAsNothingStayAsTheyWere) {
  Ingest(Item("x-1", "ana", "Dirty room."));
  Ingest(Item("x-2", "maria", "Dirty room."));
  ASSERT_NO_FATAL_FAILURE(SpellAsSchema7(*store_, "ana", "\u200B"));
  ASSERT_NO_FATAL_FAILURE(SpellAsSchema7(*store_, "maria", "\u3000"));
  ASSERT_OK_AND_ASSIGN(FeedbackSchemaUpgrade upgrade,
                       UpgradeFeedbackSchema(*store_, 7));
  EXPECT_EQ(upgrade.authors.moved + upgrade.authors.merged, 0);
  EXPECT_EQ(upgrade.repeats_recounted, 0);
  for (const char* handle : {"\u200B", "\u3000"}) {
    ASSERT_OK_AND_ASSIGN(std::optional<std::string> record,
                         store_->Get(storage::ColumnFamily::kFeedback,
                                     storage::FeedbackAuthorKey(
                                         "acme", v1::SOURCE_TWITTER, handle)));
    EXPECT_TRUE(record.has_value()) << handle;
  }
}

TEST_F(SchemaUpgradeTest, ACurrentStoreHasNothingToUpgrade) {
  Ingest(Item("x-1", "ana", "Dirty room."));
  ASSERT_OK_AND_ASSIGN(
      FeedbackSchemaUpgrade upgrade,
      UpgradeFeedbackSchema(*store_, storage::Store::kSchemaVersion));
  EXPECT_EQ(upgrade.items_reaggregated, 0);
  EXPECT_EQ(upgrade.open_case_entries_deleted, 0);
  EXPECT_EQ(upgrade.attention_entries_put, 0);
  EXPECT_EQ(upgrade.repeats_recounted, 0);
}

}  // namespace
}  // namespace guestvoice::service
