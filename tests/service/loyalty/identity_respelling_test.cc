#include "service/loyalty/identity_respelling.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/resource_names.h"
#include "service/loyalty/records.h"
#include "service/tenancy/organizations.h"
#include "storage/keys.h"
#include "tests/service/loyalty/loyalty_fixture.h"

namespace guestvoice::service {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

v1::Identity Handle(const std::string& value) {
  v1::Identity identity;
  identity.set_kind(v1::IDENTITY_KIND_HANDLE);
  identity.set_source(v1::SOURCE_TRIPADVISOR);
  identity.set_value(value);
  return identity;
}

class IdentityRespellingTest : public LoyaltyFixture {
 protected:
  // The respelling visits the organizations the organization index lists.
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(LoyaltyFixture::SetUp());
    storage::WriteBatch batch;
    v1::Organization acme;
    acme.set_name(kAcme);
    PutOrganization(batch, "acme", acme);
    ASSERT_OK(store_->Write(std::move(batch)));
  }

  // Gives guest `name` the identity `schema7_value` as a schema-7 store held
  // it: indexed and listed under that spelling, in place of `value` (this
  // build's spelling) or, when `value` is empty, beside the others.
  void HoldAsSchema7(const std::string& name, const std::string& value,
                     const std::string& schema7_value) {
    const std::string guest_id(LastNameSegment(name));
    ASSERT_OK_AND_ASSIGN(std::optional<internal::v1::StoredGuest> guest,
                         ReadGuest(*store_, "acme", guest_id));
    ASSERT_TRUE(guest.has_value());
    storage::WriteBatch batch;
    auto& identities = *guest->mutable_guest()->mutable_identities();
    if (value.empty()) {
      *identities.Add() = Handle(schema7_value);
    } else {
      for (v1::Identity& identity : identities) {
        if (identity.value() == value) identity.set_value(schema7_value);
      }
      batch.Delete(storage::ColumnFamily::kIndexes,
                   IdentityIndexKeyOf("acme", Handle(value)));
    }
    batch.Put(storage::ColumnFamily::kIndexes,
              IdentityIndexKeyOf("acme", Handle(schema7_value)), guest_id);
    PutGuest(batch, "acme", guest_id, *guest);
    ASSERT_OK(store_->Write(std::move(batch)));
  }

  std::vector<std::string> HandlesOf(const std::string& name) {
    v1::Guest guest;
    EXPECT_OK(GetGuest(name, &guest));
    std::vector<std::string> values;
    for (const v1::Identity& identity : guest.identities()) {
      values.push_back(identity.value());
    }
    return values;
  }

  std::string OwnerOf(const std::string& typed) {
    v1::Guest guest;
    const absl::Status status = Lookup(Handle(typed), &guest);
    return status.ok() ? guest.name() : status.ToString();
  }
};

TEST_F(IdentityRespellingTest, SpellsEachHandleAnewOnceForOneGuest) {
  // Schema 7 lower-cased ASCII only.
  const std::string elodie = NewGuest({Handle("Élodie M")});
  ASSERT_NO_FATAL_FAILURE(HoldAsSchema7(elodie, "élodie m", "Élodie m"));
  // Two schema-7 spellings of one handle on one guest.
  const std::string jose = NewGuest({Handle("josé")});
  ASSERT_NO_FATAL_FAILURE(HoldAsSchema7(jose, "", "josÉ"));
  // Two guests whose handles are one spelling now: the first keeps it.
  const std::string ana = NewGuest({Handle("ana b")});
  const std::string other_ana = NewGuest();
  ASSERT_NO_FATAL_FAILURE(HoldAsSchema7(other_ana, "", "ana\u00A0b"));
  ASSERT_THAT(OwnerOf("ÉLODIE M"), HasSubstr("NOT_FOUND"));

  ASSERT_OK_AND_ASSIGN(IdentityRespelling respelling,
                       RespellHandleIdentities(*store_));
  EXPECT_EQ(respelling.respelled, 1);
  EXPECT_EQ(respelling.merged, 1);
  EXPECT_EQ(respelling.to_another_guest, 1);
  EXPECT_EQ(OwnerOf("ÉLODIE M"), elodie);
  EXPECT_THAT(HandlesOf(elodie), ElementsAre("élodie m"));
  EXPECT_EQ(OwnerOf("JOSÉ"), jose);
  EXPECT_THAT(HandlesOf(jose), ElementsAre("josé"));
  // The guest who held the new spelling keeps the handle; the other loses
  // it, as its author joined the first guest's.
  EXPECT_EQ(OwnerOf("Ana\u00A0B"), ana);
  EXPECT_THAT(HandlesOf(other_ana), ::testing::IsEmpty());

  // Again, as after a crash before the stamp: nothing more moves.
  ASSERT_OK_AND_ASSIGN(respelling, RespellHandleIdentities(*store_));
  EXPECT_EQ(
      respelling.respelled + respelling.merged + respelling.to_another_guest,
      0);
}

}  // namespace
}  // namespace guestvoice::service
