// The loyalty records as records.h lays them out, on a store of their own:
// guests and identity owners, the program, the ledger (written, read in day
// order up to a date, deleted), new stays and check-ins with their indexes,
// and the status the ledger adds up to.

#include "service/loyalty/records.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/proto_date.h"
#include "service/core/resource_names.h"
#include "service/loyalty/program.h"
#include "storage/keys.h"
#include "tests/service/loyalty/loyalty_fixture.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Optional;

// The fields of a ledger entry that tests compare.
auto EntryIs(int64_t credit_day, LedgerEntryKind kind,
             const std::string& record_id, int32_t nights, int64_t units,
             const std::string& currency) {
  using ::testing::AllOf;
  using ::testing::Field;
  return AllOf(Field(&LedgerEntry::credit_day, credit_day),
               Field(&LedgerEntry::kind, kind),
               Field(&LedgerEntry::record_id, record_id),
               Field(&LedgerEntry::nights, nights),
               Field(&LedgerEntry::spend_units, units),
               Field(&LedgerEntry::spend_currency, currency));
}

std::vector<std::string> RecordIds(const std::vector<LedgerEntry>& entries) {
  std::vector<std::string> ids;
  for (const LedgerEntry& entry : entries) ids.push_back(entry.record_id);
  return ids;
}

class RecordsTest : public LoyaltyFixture {
 protected:
  void Write(storage::WriteBatch batch) {
    ASSERT_OK(store_->Write(std::move(batch)));
  }

  void PutLedger(const std::string& guest_id,
                 const std::vector<LedgerEntry>& entries,
                 const std::string& organization = "acme") {
    storage::WriteBatch batch;
    for (const LedgerEntry& entry : entries) {
      PutLedgerEntry(batch, organization, guest_id, entry);
    }
    Write(std::move(batch));
  }

  std::vector<LedgerEntry> Ledger(
      const std::string& guest_id,
      std::optional<absl::CivilDay> through = std::nullopt) {
    auto ledger = ReadLedger(*store_, "acme", guest_id, through);
    EXPECT_OK(ledger.status());
    return ledger.ok() ? *std::move(ledger) : std::vector<LedgerEntry>{};
  }

  std::optional<std::string> OwnerOf(const v1::Identity& identity,
                                     const std::string& organization = "acme") {
    auto owner = LookupIdentityOwner(*store_, organization, identity);
    EXPECT_OK(owner.status());
    return owner.ok() ? *owner : std::nullopt;
  }

  static v1::Stay Stay(absl::CivilDay arrival, int nights, int64_t units,
                       const std::string& currency = "USD") {
    v1::Stay stay;
    stay.set_hotel(Hotel("lisbon"));
    *stay.mutable_arrival_date() = ToProtoDate(arrival);
    stay.set_nights(nights);
    stay.set_booking_reference("BK-1");
    stay.mutable_qualifying_spend()->set_currency_code(currency);
    stay.mutable_qualifying_spend()->set_units(units);
    return stay;
  }

  static LedgerEntry StayEntry(const std::string& id, absl::CivilDay arrival,
                               int nights, int64_t units,
                               const std::string& currency = "USD") {
    return StayLedgerEntry(id, Stay(arrival, nights, units, currency));
  }
};

TEST_F(RecordsTest, ReadGuestFindsTheOrganizationsGuestsOnly) {
  const std::string ana = NewGuest({Email("ana@example.com")});
  const std::string ana_id(LastNameSegment(ana));
  ASSERT_OK_AND_ASSIGN(std::optional<internal::v1::StoredGuest> guest,
                       ReadGuest(*store_, "acme", ana_id));
  ASSERT_TRUE(guest.has_value());
  EXPECT_EQ(guest->guest().name(), ana);
  ASSERT_EQ(guest->guest().identities_size(), 1);
  EXPECT_EQ(guest->guest().identities(0).value(), "ana@example.com");

  ASSERT_OK_AND_ASSIGN(guest, ReadGuest(*store_, "acme", "nobody"));
  EXPECT_FALSE(guest.has_value());
  ASSERT_OK_AND_ASSIGN(guest, ReadGuest(*store_, "zeta", ana_id));
  EXPECT_FALSE(guest.has_value()) << "another organization's";
}

TEST_F(RecordsTest, ReadExistingGuestIsNotFoundNamingTheRequestedResource) {
  const std::string ana = NewGuest();
  ASSERT_OK_AND_ASSIGN(
      internal::v1::StoredGuest guest,
      ReadExistingGuest(*store_, "acme", LastNameSegment(ana), ana));
  EXPECT_EQ(guest.guest().name(), ana);
  EXPECT_THAT(ReadExistingGuest(*store_, "acme", "nobody",
                                "organizations/acme/guests/nobody/stays/s1"),
              StatusIs(absl::StatusCode::kNotFound,
                       "organizations/acme/guests/nobody/stays/s1 not found"));
}

TEST_F(RecordsTest, IdentityOwnersAreFoundByKindSourceAndValue) {
  const std::string ana =
      NewGuest({Email("Ana@Example.com"), Handle(v1::SOURCE_TWITTER, "@ana")});
  const std::string ana_id(LastNameSegment(ana));
  // Stored normalised: looked up by the normalised value.
  EXPECT_THAT(OwnerOf(Email("ana@example.com")), Optional(ana_id));
  EXPECT_THAT(OwnerOf(Handle(v1::SOURCE_TWITTER, "ana")), Optional(ana_id));

  EXPECT_EQ(OwnerOf(Handle(v1::SOURCE_INSTAGRAM, "ana")), std::nullopt)
      << "a handle is one source's";
  v1::Identity loyalty_number;
  loyalty_number.set_kind(v1::IDENTITY_KIND_LOYALTY_NUMBER);
  loyalty_number.set_value("ana@example.com");
  EXPECT_EQ(OwnerOf(loyalty_number), std::nullopt)
      << "the same value of another kind";
  EXPECT_EQ(OwnerOf(Email("ana@example.com"), "zeta"), std::nullopt)
      << "another organization's";
  EXPECT_NE(IdentityIndexKeyOf("acme", Email("ana@example.com")),
            IdentityIndexKeyOf("zeta", Email("ana@example.com")));
}

TEST_F(RecordsTest, TheProgramIsTheDefaultUntilOneIsStored) {
  ASSERT_OK_AND_ASSIGN(v1::LoyaltyProgram program,
                       ReadLoyaltyProgram(*store_, "acme"));
  v1::LoyaltyProgram expected = DefaultLoyaltyProgram();
  expected.set_name("organizations/acme/loyaltyProgram");
  EXPECT_EQ(program.SerializeAsString(), expected.SerializeAsString());

  v1::LoyaltyProgram stored = DefaultLoyaltyProgram();
  stored.set_points_per_night(7);
  storage::WriteBatch batch;
  batch.Put(storage::ColumnFamily::kEntities,
            storage::LoyaltyProgramKey("acme"), stored.SerializeAsString());
  Write(std::move(batch));
  ASSERT_OK_AND_ASSIGN(program, ReadLoyaltyProgram(*store_, "acme"));
  EXPECT_EQ(program.name(), "organizations/acme/loyaltyProgram")
      << "the name is set on read";
  EXPECT_EQ(program.points_per_night(), 7);
  ASSERT_OK_AND_ASSIGN(program, ReadLoyaltyProgram(*store_, "zeta"));
  EXPECT_EQ(program.points_per_night(), 100) << "zeta still has the default";
}

TEST_F(RecordsTest, AnUnreadableProgramIsDataLoss) {
  storage::WriteBatch batch;
  batch.Put(storage::ColumnFamily::kEntities,
            storage::LoyaltyProgramKey("acme"), "\xff\xff not a proto");
  Write(std::move(batch));
  EXPECT_THAT(ReadLoyaltyProgram(*store_, "acme"),
              StatusIs(absl::StatusCode::kDataLoss));
}

TEST_F(RecordsTest, StaysCountOnTheirDepartureDayAndCheckInsOnTheirOwn) {
  const LedgerEntry stay =
      StayEntry("s1", absl::CivilDay(2025, 12, 30), 3, 250, "EUR");
  EXPECT_THAT(stay, EntryIs(DayNumber(absl::CivilDay(2026, 1, 2)),
                            LedgerEntryKind::kStay, "s1", 3, 250, "EUR"));
  EXPECT_THAT(CheckInLedgerEntry("c1", 20000),
              EntryIs(20000, LedgerEntryKind::kCheckIn, "c1", 0, 0, ""));
}

TEST_F(RecordsTest, TheLedgerIsReadInDayOrderThroughTheGivenDay) {
  const int64_t jan10 = DayNumber(absl::CivilDay(2026, 1, 10));
  PutLedger("ana", {CheckInLedgerEntry("c20", jan10 + 10),
                    StayEntry("s10", absl::CivilDay(2026, 1, 8), 2, 300),
                    CheckInLedgerEntry("c15", jan10 + 5)});

  EXPECT_THAT(
      Ledger("ana"),
      ElementsAre(
          EntryIs(jan10, LedgerEntryKind::kStay, "s10", 2, 300, "USD"),
          EntryIs(jan10 + 5, LedgerEntryKind::kCheckIn, "c15", 0, 0, ""),
          EntryIs(jan10 + 10, LedgerEntryKind::kCheckIn, "c20", 0, 0, "")));
  EXPECT_THAT(RecordIds(Ledger("ana", absl::CivilDay(2026, 1, 15))),
              ElementsAre("s10", "c15"))
      << "the through day itself counts";
  EXPECT_THAT(Ledger("ana", absl::CivilDay(2026, 1, 9)), IsEmpty());
}

TEST_F(RecordsTest, LedgersAreKeptPerGuestAndOrganization) {
  PutLedger("ana", {CheckInLedgerEntry("c-ana", 20000)});
  PutLedger("ana2", {CheckInLedgerEntry("c-ana2", 20000)});
  PutLedger("ana", {CheckInLedgerEntry("c-zeta", 20000)}, "zeta");
  EXPECT_THAT(RecordIds(Ledger("ana")), ElementsAre("c-ana"));
  EXPECT_THAT(RecordIds(Ledger("ana2")), ElementsAre("c-ana2"));
}

TEST_F(RecordsTest, DeleteLedgerEntryRemovesThatEntryOnly) {
  const LedgerEntry kept = CheckInLedgerEntry("c1", 20000);
  const LedgerEntry deleted = CheckInLedgerEntry("c2", 20000);
  const LedgerEntry stay = StayEntry("s1", DayFromNumber(19998), 2, 0);
  PutLedger("ana", {kept, deleted, stay});
  storage::WriteBatch batch;
  DeleteLedgerEntry(batch, "acme", "ana", deleted);
  DeleteLedgerEntry(batch, "acme", "ana", stay);
  Write(std::move(batch));
  EXPECT_THAT(RecordIds(Ledger("ana")), ElementsAre("c1"));
}

TEST_F(RecordsTest, PutNewStayWritesTheRecordAndEveryIndexEntry) {
  v1::Stay stay = Stay(absl::CivilDay(2025, 11, 3), 2, 400);
  stay.set_name(FormatStayName("acme", "ana", "s1"));
  storage::WriteBatch batch;
  PutNewStay(batch, "acme", "ana", "lisbon", "s1", stay);
  Write(std::move(batch));

  ASSERT_OK_AND_ASSIGN(auto stays, ReadStays(*store_, "acme", "ana"));
  ASSERT_EQ(stays.size(), 1u);
  EXPECT_EQ(stays[0].record.SerializeAsString(), stay.SerializeAsString());

  ASSERT_OK_AND_ASSIGN(
      std::optional<std::string> booking,
      store_->Get(storage::ColumnFamily::kIndexes,
                  storage::StayBookingIndexKey("acme", "BK-1")));
  ASSERT_TRUE(booking.has_value());
  internal::v1::StayLocator locator;
  ASSERT_TRUE(locator.ParseFromString(*booking));
  EXPECT_EQ(locator.guest_id(), "ana");
  EXPECT_EQ(locator.stay_id(), "s1");
  EXPECT_EQ(locator.arrival_day(), DayNumber(absl::CivilDay(2025, 11, 3)));

  ASSERT_OK_AND_ASSIGN(
      std::optional<std::string> hotel_guest,
      store_->Get(storage::ColumnFamily::kIndexes,
                  storage::HotelGuestIndexKey("acme", "lisbon", "ana")));
  EXPECT_TRUE(hotel_guest.has_value()) << "ana is on lisbon's guest list";
  EXPECT_THAT(Ledger("ana"), ElementsAre(EntryIs(
                                 DayNumber(absl::CivilDay(2025, 11, 5)),
                                 LedgerEntryKind::kStay, "s1", 2, 400, "USD")));
}

TEST_F(RecordsTest, PutNewCheckInWritesTheRecordAndEveryIndexEntry) {
  v1::CheckIn check_in =
      CheckInRequest(FormatGuestName("acme", "ana"), "fsq-1", clock_.Now())
          .check_in();
  check_in.set_name(FormatCheckInName("acme", "ana", "c1"));
  const int64_t local_day = DayNumber(absl::CivilDay(2026, 1, 15));
  storage::WriteBatch batch;
  PutNewCheckIn(batch, "acme", "ana", "c1", local_day, check_in);
  Write(std::move(batch));

  ASSERT_OK_AND_ASSIGN(auto check_ins, ReadCheckIns(*store_, "acme", "ana"));
  ASSERT_EQ(check_ins.size(), 1u);
  EXPECT_EQ(check_ins[0].record.SerializeAsString(),
            check_in.SerializeAsString());
  EXPECT_EQ(check_ins[0].key,
            storage::CheckInKey("acme", "ana", local_day, "c1"));

  ASSERT_OK_AND_ASSIGN(
      std::optional<std::string> source,
      store_->Get(
          storage::ColumnFamily::kIndexes,
          storage::CheckInSourceIndexKey(
              "acme", static_cast<uint32_t>(v1::SOURCE_FOURSQUARE), "fsq-1")));
  ASSERT_TRUE(source.has_value());
  internal::v1::CheckInLocator locator;
  ASSERT_TRUE(locator.ParseFromString(*source));
  EXPECT_EQ(locator.guest_id(), "ana");
  EXPECT_EQ(locator.check_in_id(), "c1");
  EXPECT_EQ(locator.local_day(), local_day);

  EXPECT_THAT(Ledger("ana"),
              ElementsAre(EntryIs(local_day, LedgerEntryKind::kCheckIn, "c1", 0,
                                  0, "")));
}

TEST_F(RecordsTest, StaysAndCheckInsAreReadInDateOrder) {
  storage::WriteBatch batch;
  for (const auto& [id, arrival] :
       {std::pair{"late", absl::CivilDay(2025, 12, 1)},
        {"early", absl::CivilDay(2025, 10, 1)},
        {"middle", absl::CivilDay(2025, 11, 1)}}) {
    v1::Stay stay = Stay(arrival, 1, 0);
    stay.set_booking_reference(id);
    stay.set_name(FormatStayName("acme", "ana", id));
    PutNewStay(batch, "acme", "ana", "lisbon", id, stay);
    v1::CheckIn check_in;
    check_in.set_name(FormatCheckInName("acme", "ana", id));
    check_in.set_external_id(id);
    PutNewCheckIn(batch, "acme", "ana", id, DayNumber(arrival), check_in);
  }
  Write(std::move(batch));

  ASSERT_OK_AND_ASSIGN(auto stays, ReadStays(*store_, "acme", "ana"));
  ASSERT_OK_AND_ASSIGN(auto check_ins, ReadCheckIns(*store_, "acme", "ana"));
  std::vector<std::string> stay_ids;
  for (const auto& stay : stays) {
    stay_ids.emplace_back(LastNameSegment(stay.record.name()));
  }
  std::vector<std::string> check_in_ids;
  for (const auto& check_in : check_ins) {
    check_in_ids.emplace_back(LastNameSegment(check_in.record.name()));
  }
  EXPECT_THAT(stay_ids, ElementsAre("early", "middle", "late"));
  EXPECT_THAT(check_in_ids, ElementsAre("early", "middle", "late"));
  ASSERT_OK_AND_ASSIGN(stays, ReadStays(*store_, "acme", "bea"));
  EXPECT_THAT(stays, IsEmpty());
}

TEST_F(RecordsTest, UnreadableRecordsAreDataLoss) {
  storage::WriteBatch batch;
  batch.Put(storage::ColumnFamily::kEntities,
            storage::StayKey("acme", "ana", 20000, "s1"), "\xff\xff");
  batch.Put(storage::ColumnFamily::kIndexes,
            storage::LoyaltyLedgerKey(
                "acme", "bea", 20000,
                static_cast<uint32_t>(LedgerEntryKind::kStay), "s1"),
            "\x01");
  Write(std::move(batch));
  EXPECT_THAT(
      ReadStays(*store_, "acme", "ana"),
      StatusIs(absl::StatusCode::kDataLoss, "a stored stay is unreadable"));
  EXPECT_THAT(ReadLedger(*store_, "acme", "bea", std::nullopt),
              StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(
      ReadLoyaltyStatus(*store_, "acme", "bea", {}, DefaultLoyaltyProgram(),
                        StatusDay::On(absl::CivilDay(2026, 1, 15))),
      StatusIs(absl::StatusCode::kDataLoss,
               "a loyalty ledger entry is unreadable"));
}

TEST_F(RecordsTest, TheStatusAddsUpTheLedgerThroughTheAsOfDay) {
  // Default program: 100 points a night plus 10 per whole USD.
  PutLedger("ana",
            {StayEntry("usd", absl::CivilDay(2025, 12, 1), 2, 30),
             StayEntry("eur", absl::CivilDay(2025, 12, 10), 3, 500, "EUR"),
             CheckInLedgerEntry("c1", DayNumber(absl::CivilDay(2025, 12, 20))),
             StayEntry("later", absl::CivilDay(2026, 1, 10), 4, 1000)});
  const v1::LoyaltyProgram program = DefaultLoyaltyProgram();

  ASSERT_OK_AND_ASSIGN(
      v1::LoyaltyStatus status,
      ReadLoyaltyStatus(*store_, "acme", "ana", {}, program,
                        StatusDay::On(absl::CivilDay(2026, 1, 13))));
  EXPECT_EQ(status.guest(), "organizations/acme/guests/ana");
  EXPECT_EQ(status.qualifying_stays(), 2) << "the later stay departs on 14th";
  EXPECT_EQ(status.qualifying_nights(), 5);
  EXPECT_EQ(status.qualifying_check_ins(), 1);
  EXPECT_EQ(status.points_balance(), 2 * 100 + 30 * 10 + 3 * 100)
      << "spend in euros earns no points; its nights do";

  ASSERT_OK_AND_ASSIGN(
      status, ReadLoyaltyStatus(*store_, "acme", "ana", {}, program,
                                StatusDay::On(absl::CivilDay(2026, 1, 14))));
  EXPECT_EQ(status.qualifying_stays(), 3);
  EXPECT_EQ(status.qualifying_nights(), 9);
}

TEST_F(RecordsTest, TheStatusHonoursTheGuestsManualTiers) {
  internal::v1::StoredGuest guest;
  internal::v1::ManualTierAssignment& gold = *guest.add_manual_tiers();
  *gold.mutable_effective_date() = ToProtoDate(absl::CivilDay(2026, 1, 10));
  gold.set_tier_id("gold");
  // A date that is no full date never applies.
  internal::v1::ManualTierAssignment& partial = *guest.add_manual_tiers();
  partial.mutable_effective_date()->set_year(2026);
  partial.set_tier_id("platinum");

  const v1::LoyaltyProgram program = DefaultLoyaltyProgram();
  ASSERT_OK_AND_ASSIGN(
      v1::LoyaltyStatus before,
      ReadLoyaltyStatus(*store_, "acme", "ana", guest, program,
                        StatusDay::On(absl::CivilDay(2026, 1, 9))));
  EXPECT_EQ(before.tier(), "member");
  ASSERT_OK_AND_ASSIGN(
      v1::LoyaltyStatus after,
      ReadLoyaltyStatus(*store_, "acme", "ana", guest, program,
                        StatusDay::On(absl::CivilDay(2026, 1, 10))));
  EXPECT_EQ(after.tier(), "gold");
  EXPECT_EQ(after.manual_tier(), "gold");
}

TEST(LastNameSegmentTest, IsWhatFollowsTheLastSlash) {
  EXPECT_EQ(LastNameSegment("organizations/acme/guests/g1/stays/s1"), "s1");
  EXPECT_EQ(LastNameSegment("s1"), "s1");
  EXPECT_EQ(LastNameSegment("organizations/acme/"), "");
  EXPECT_EQ(LastNameSegment(""), "");
}

}  // namespace
}  // namespace guestvoice::service
