// GuestTiers on a store of its own: each guest's tier and rank on the as-of
// day under the organization's program, read once, and nothing for a guest
// who does not exist.

#include "service/loyalty/tiers.h"

#include <string>

#include "absl/time/civil_time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/loyalty/program.h"
#include "service/loyalty/records.h"
#include "storage/keys.h"
#include "tests/service/loyalty/loyalty_fixture.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::StatusIs;

class TiersTest : public LoyaltyFixture {
 protected:
  // Four two-night stays make a guest silver under the default program; the
  // last departs on 2025-10-24.
  std::string SilverGuest() {
    const std::string guest = NewGuest();
    for (int i = 0; i < 4; ++i) {
      RecordStay(StayRequest(guest, guest + "-BK-" + std::to_string(i),
                             absl::CivilDay(2025, 10, 1 + 7 * i), 2));
    }
    return guest;
  }

  void SetManualTier(const std::string& guest, const std::string& tier) {
    v1::SetManualTierRequest request;
    request.set_guest(guest);
    request.set_tier(tier);
    v1::LoyaltyStatus status;
    ASSERT_OK(statuses().SetManualTier(acme_, request, status));
  }

  GuestTiers Tiers(absl::CivilDay as_of = absl::CivilDay(2026, 1, 15)) {
    return LoadGuestTiers(*store_, "acme", StatusDay::On(as_of)).value();
  }

  // The tier GuestTiers finds for `guest` (a resource name).
  static const GuestTier* Find(GuestTiers& tiers, const std::string& guest) {
    auto tier = tiers.Find(LastNameSegment(guest));
    EXPECT_OK(tier.status());
    return tier.ok() ? *tier : nullptr;
  }
};

TEST_F(TiersTest, LoadsTheOrganizationsProgram) {
  GuestTiers tiers = Tiers();
  EXPECT_EQ(tiers.program().name(), "organizations/acme/loyaltyProgram");
  ASSERT_EQ(tiers.program().tiers_size(), 4);
  EXPECT_EQ(tiers.program().tiers(0).tier_id(), "member");

  v1::LoyaltyProgram two_tiers = DefaultLoyaltyProgram();
  two_tiers.mutable_tiers()->DeleteSubrange(2, 2);
  storage::WriteBatch batch;
  batch.Put(storage::ColumnFamily::kEntities,
            storage::LoyaltyProgramKey("acme"), two_tiers.SerializeAsString());
  ASSERT_OK(store_->Write(std::move(batch)));
  EXPECT_EQ(Tiers().program().tiers_size(), 2);
}

TEST_F(TiersTest, RanksAreIndexesIntoTheProgramsTiers) {
  const std::string member = NewGuest();
  const std::string silver = SilverGuest();
  const std::string platinum = NewGuest();
  SetManualTier(platinum, "platinum");

  GuestTiers tiers = Tiers();
  const GuestTier* tier = Find(tiers, member);
  ASSERT_NE(tier, nullptr);
  EXPECT_EQ(tier->tier_id, "member");
  EXPECT_EQ(tier->rank, 0);
  EXPECT_EQ(tier->guest.guest().name(), member);

  tier = Find(tiers, silver);
  ASSERT_NE(tier, nullptr);
  EXPECT_EQ(tier->tier_id, "silver");
  EXPECT_EQ(tier->rank, 1);

  tier = Find(tiers, platinum);
  ASSERT_NE(tier, nullptr);
  EXPECT_EQ(tier->tier_id, "platinum");
  EXPECT_EQ(tier->rank, 3);
}

TEST_F(TiersTest, TiersAreThoseOfTheAsOfDay) {
  const std::string silver = SilverGuest();
  GuestTiers before = Tiers(absl::CivilDay(2025, 10, 23));
  const GuestTier* tier = Find(before, silver);
  ASSERT_NE(tier, nullptr);
  EXPECT_EQ(tier->tier_id, "member");
  EXPECT_EQ(tier->rank, 0);

  GuestTiers on = Tiers(absl::CivilDay(2025, 10, 24));
  tier = Find(on, silver);
  ASSERT_NE(tier, nullptr);
  EXPECT_EQ(tier->tier_id, "silver");
}

TEST_F(TiersTest, UnknownAndErasedGuestsHaveNoTier) {
  const std::string erased = SilverGuest();
  v1::EraseGuestRequest erase;
  erase.set_name(erased);
  ASSERT_OK(guests().Erase(acme_, erase));

  GuestTiers tiers = Tiers();
  EXPECT_EQ(Find(tiers, erased), nullptr);
  EXPECT_EQ(Find(tiers, std::string(kAcme) + "/guests/nobody"), nullptr);
}

TEST_F(TiersTest, AGuestIsReadOnceAndItsTierStaysPut) {
  const std::string ana = NewGuest();
  const std::string bea = SilverGuest();
  GuestTiers tiers = Tiers();
  const GuestTier* first = Find(tiers, ana);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->tier_id, "member");

  // A later change is not seen by this GuestTiers: it answers from what it
  // read, and its pointers stay valid while it finds other guests.
  SetManualTier(ana, "gold");
  const GuestTier* other = Find(tiers, bea);
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(other->tier_id, "silver");
  EXPECT_EQ(Find(tiers, ana), first);
  EXPECT_EQ(first->tier_id, "member");

  GuestTiers fresh = Tiers();
  const GuestTier* now = Find(fresh, ana);
  ASSERT_NE(now, nullptr);
  EXPECT_EQ(now->tier_id, "gold");
}

TEST_F(TiersTest, AnUnreadableGuestIsDataLoss) {
  storage::WriteBatch batch;
  batch.Put(storage::ColumnFamily::kEntities, storage::GuestKey("acme", "bad"),
            "\xff\xff");
  ASSERT_OK(store_->Write(std::move(batch)));
  GuestTiers tiers = Tiers();
  EXPECT_THAT(tiers.Find("bad"), StatusIs(absl::StatusCode::kDataLoss));
}

}  // namespace
}  // namespace guestvoice::service
