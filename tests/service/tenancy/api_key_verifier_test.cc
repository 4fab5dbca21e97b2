// ApiKeyVerifier remembers verified keys, and a revoked or expired key stops
// working at once whatever it remembers.

#include "service/tenancy/api_key_verifier.h"

#include <optional>
#include <string>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/crypto.h"
#include "service/core/proto_time.h"
#include "service/tenancy/api_keys.h"
#include "service/tenancy/organizations.h"
#include "storage/keys.h"
#include "tests/service/tenancy/tenancy_fixture.h"
#include "tests/testing/status_details.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::HasErrorReason;

class ApiKeyVerifierTest : public TenancyFixture {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(TenancyFixture::SetUp());
    verifier_.emplace(store());
  }

  // Stores a new key of organization "acme" (optionally expiring) and
  // returns it with its secret.
  v1::ApiKey StoreKey(std::optional<absl::Time> expire_time = std::nullopt) {
    v1::ApiKey request;
    request.set_display_name("reporting");
    request.add_scopes(v1::SCOPE_INSIGHTS_READ);
    if (expire_time.has_value()) {
      *request.mutable_expire_time() = ToProtoTimestamp(*expire_time);
    }
    const ApiKeySecret secret = ApiKeySecret::Draw();
    const internal::v1::StoredApiKey stored =
        MintApiKey("acme", request, clock_.Now(), ids_, secret.sha256());
    const std::string& name = stored.api_key().name();
    storage::WriteBatch batch;
    PutApiKey(batch, "acme", name.substr(name.rfind('/') + 1), stored);
    EXPECT_OK(store().Write(std::move(batch)));
    v1::ApiKey with_secret = stored.api_key();
    with_secret.set_key_string(secret.key_string());
    return with_secret;
  }

  // Removes the key's hash index entry behind the verifier's back, so only
  // its memory can still answer for the key.
  void DropFromStore(const v1::ApiKey& key) {
    storage::WriteBatch batch;
    batch.Delete(storage::ColumnFamily::kIndexes,
                 storage::ApiKeyHashIndexKey(Sha256(key.key_string())));
    ASSERT_OK(store().Write(std::move(batch)));
  }

  ApiKeyVerifier& verifier() { return *verifier_; }

 private:
  std::optional<ApiKeyVerifier> verifier_;
};

TEST_F(ApiKeyVerifierTest, AVerifiedKeyIsRememberedWithoutAnotherRead) {
  const v1::ApiKey key = StoreKey();
  ASSERT_OK_AND_ASSIGN(Principal first,
                       verifier().Verify(key.key_string(), clock_.Now()));
  EXPECT_EQ(first.api_key_name(), key.name());
  EXPECT_TRUE(first.HasScope(v1::SCOPE_INSIGHTS_READ));

  DropFromStore(key);
  ASSERT_OK_AND_ASSIGN(Principal again,
                       verifier().Verify(key.key_string(), clock_.Now()));
  EXPECT_EQ(again.api_key_name(), key.name());
}

TEST_F(ApiKeyVerifierTest, UnknownKeysAreNotRemembered) {
  EXPECT_THAT(verifier().Verify("gv_unknown", clock_.Now()),
              HasErrorReason(v1::ERROR_REASON_API_KEY_INVALID));
  // A key refused once is looked up again next time, so one that appears
  // meanwhile is found.
  const v1::ApiKey key = StoreKey();
  EXPECT_THAT(verifier().Verify("gv_unknown", clock_.Now()),
              HasErrorReason(v1::ERROR_REASON_API_KEY_INVALID));
  EXPECT_OK(verifier().Verify(key.key_string(), clock_.Now()));
}

TEST_F(ApiKeyVerifierTest, ARevokedKeyIsRefusedAtOnce) {
  v1::CreateOrganizationRequest create;
  create.set_organization_id("acme");
  create.mutable_organization()->set_display_name("Acme");
  v1::Organization organization;
  ASSERT_OK(Organizations(domain()).Create(
      Caller("default", {v1::SCOPE_PLATFORM_ADMIN}), create, organization));
  const v1::ApiKey key = StoreKey();
  ASSERT_OK(verifier().Verify(key.key_string(), clock_.Now()).status());

  v1::RevokeApiKeyRequest revoke;
  revoke.set_name(key.name());
  v1::ApiKey revoked;
  ASSERT_OK(ApiKeys(domain(), verifier())
                .Revoke(Caller("acme", {v1::SCOPE_ADMIN}), revoke, revoked));
  EXPECT_THAT(verifier().Verify(key.key_string(), clock_.Now()),
              HasErrorReason(v1::ERROR_REASON_API_KEY_INVALID));
}

TEST_F(ApiKeyVerifierTest, ARememberedKeyExpiresOnTime) {
  const v1::ApiKey key = StoreKey(clock_.Now() + absl::Hours(1));
  ASSERT_OK(verifier().Verify(key.key_string(), clock_.Now()).status());
  clock_.Advance(absl::Hours(1));
  EXPECT_THAT(verifier().Verify(key.key_string(), clock_.Now()),
              HasErrorReason(v1::ERROR_REASON_API_KEY_EXPIRED));
}

TEST_F(ApiKeyVerifierTest, ForgetOnlyForgetsTheNamedKey) {
  const v1::ApiKey kept = StoreKey();
  const v1::ApiKey forgotten = StoreKey();
  ASSERT_OK(verifier().Verify(kept.key_string(), clock_.Now()).status());
  ASSERT_OK(verifier().Verify(forgotten.key_string(), clock_.Now()).status());
  DropFromStore(kept);
  DropFromStore(forgotten);
  verifier().Forget(forgotten.name());
  EXPECT_OK(verifier().Verify(kept.key_string(), clock_.Now()).status());
  EXPECT_THAT(verifier().Verify(forgotten.key_string(), clock_.Now()),
              HasErrorReason(v1::ERROR_REASON_API_KEY_INVALID));
}

}  // namespace
}  // namespace guestvoice::service
