// API keys on a store of their own: who may administer an organization's
// keys, minting, revocation, and how the ApiKeyVerifier treats valid,
// revoked and expired keys.

#include "service/tenancy/api_keys.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status_macros.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/proto_time.h"
#include "service/tenancy/organizations.h"
#include "storage/store.h"
#include "tests/service/tenancy/tenancy_fixture.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::StartsWith;

class ApiKeysTest : public TenancyFixture {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(TenancyFixture::SetUp());
    for (const char* id : {"default", "acme", "globex"}) {
      v1::CreateOrganizationRequest request;
      request.set_organization_id(id);
      request.mutable_organization()->set_display_name(id);
      v1::Organization created;
      ASSERT_OK(
          Organizations(domain()).Create(platform_admin_, request, created));
    }
  }

  static v1::ApiKey KeyWith(std::vector<v1::Scope> scopes) {
    v1::ApiKey key;
    key.set_display_name("reporting");
    for (v1::Scope scope : scopes) key.add_scopes(scope);
    return key;
  }

  absl::StatusOr<v1::ApiKey> Create(
      const Principal& caller, v1::ApiKey key,
      const std::string& parent = "organizations/acme",
      const std::string& request_id = "") {
    v1::CreateApiKeyRequest request;
    request.set_parent(parent);
    *request.mutable_api_key() = std::move(key);
    request.set_request_id(request_id);
    v1::ApiKey created;
    RETURN_IF_ERROR(api_keys().Create(caller, request, created));
    return created;
  }

  absl::StatusOr<v1::ApiKey> Get(const Principal& caller,
                                 const std::string& name) {
    v1::GetApiKeyRequest request;
    request.set_name(name);
    v1::ApiKey key;
    RETURN_IF_ERROR(api_keys().Get(caller, request, key));
    return key;
  }

  absl::StatusOr<v1::ListApiKeysResponse> List(
      const Principal& caller,
      const std::string& parent = "organizations/acme") {
    v1::ListApiKeysRequest request;
    request.set_parent(parent);
    v1::ListApiKeysResponse response;
    RETURN_IF_ERROR(api_keys().List(caller, request, response));
    return response;
  }

  absl::StatusOr<v1::ApiKey> Revoke(const Principal& caller,
                                    const std::string& name) {
    v1::RevokeApiKeyRequest request;
    request.set_name(name);
    v1::ApiKey revoked;
    RETURN_IF_ERROR(api_keys().Revoke(caller, request, revoked));
    return revoked;
  }

  absl::StatusOr<Principal> Authenticate(const std::string& key_string) {
    return verifier().Verify(key_string, clock_.Now());
  }

  ApiKeys api_keys() { return ApiKeys(domain(), verifier()); }

  ApiKeyVerifier& verifier() {
    if (!verifier_.has_value()) verifier_.emplace(store());
    return *verifier_;
  }

  // A platform admin key of organization "default", as bootstrapped.
  const Principal platform_admin_ =
      Caller("default", {v1::SCOPE_ADMIN, v1::SCOPE_PLATFORM_ADMIN});
  const Principal acme_admin_ = Caller("acme", {v1::SCOPE_ADMIN});

 private:
  std::optional<ApiKeyVerifier> verifier_;
};

TEST_F(ApiKeysTest, AMintedKeyAuthenticatesAndIsStoredWithoutItsSecret) {
  ASSERT_OK_AND_ASSIGN(v1::ApiKey created,
                       Create(acme_admin_, KeyWith({v1::SCOPE_INSIGHTS_READ,
                                                    v1::SCOPE_FEEDBACK_READ,
                                                    v1::SCOPE_INSIGHTS_READ})));
  EXPECT_THAT(created.name(), StartsWith("organizations/acme/apiKeys/"));
  EXPECT_THAT(created.key_string(), StartsWith("gv_"));
  EXPECT_THAT(created.scopes(),
              ElementsAre(v1::SCOPE_FEEDBACK_READ, v1::SCOPE_INSIGHTS_READ));
  EXPECT_EQ(FromProtoTimestamp(created.create_time()), clock_.Now());

  ASSERT_OK_AND_ASSIGN(Principal caller, Authenticate(created.key_string()));
  EXPECT_EQ(caller.organization(), "acme");
  EXPECT_EQ(caller.api_key_name(), created.name());
  EXPECT_TRUE(caller.HasScope(v1::SCOPE_FEEDBACK_READ));
  EXPECT_FALSE(caller.HasScope(v1::SCOPE_ADMIN));

  ASSERT_OK_AND_ASSIGN(v1::ApiKey fetched, Get(acme_admin_, created.name()));
  EXPECT_THAT(fetched.key_string(), IsEmpty());
  created.clear_key_string();
  EXPECT_EQ(fetched.SerializeAsString(), created.SerializeAsString());
  ASSERT_OK_AND_ASSIGN(v1::ListApiKeysResponse listed, List(acme_admin_));
  ASSERT_EQ(listed.api_keys_size(), 1);
  EXPECT_EQ(listed.api_keys(0).SerializeAsString(),
            created.SerializeAsString());
}

TEST_F(ApiKeysTest, ARetryReturnsTheKeyWithoutItsSecretAndMintsNoOther) {
  ASSERT_OK_AND_ASSIGN(v1::ApiKey first,
                       Create(acme_admin_, KeyWith({v1::SCOPE_ADMIN}),
                              "organizations/acme", "key-req-1"));
  ASSERT_OK_AND_ASSIGN(v1::ApiKey retry,
                       Create(acme_admin_, KeyWith({v1::SCOPE_ADMIN}),
                              "organizations/acme", "key-req-1"));
  EXPECT_EQ(retry.name(), first.name());
  EXPECT_THAT(retry.key_string(), IsEmpty());
  ASSERT_OK_AND_ASSIGN(v1::ListApiKeysResponse listed, List(acme_admin_));
  EXPECT_EQ(listed.api_keys_size(), 1);
}

// The domain write as a cluster's apply step runs it: the secret was drawn
// where the call was received, and only its hash reaches the domain.
TEST_F(ApiKeysTest, TheDomainWriteStoresAKeyByTheHashOfASecretDrawnElsewhere) {
  const ApiKeySecret secret = ApiKeySecret::Draw();
  EXPECT_THAT(secret.key_string(), MatchesRegex("gv_[A-Za-z0-9_-]{43}"));
  v1::CreateApiKeyRequest request;
  request.set_parent("organizations/acme");
  *request.mutable_api_key() = KeyWith({v1::SCOPE_INSIGHTS_READ});
  request.set_request_id("key-req-1");
  v1::ApiKey stored;
  ASSERT_OK_AND_ASSIGN(
      bool minted,
      api_keys().StoreNewKey(acme_admin_, request, secret.sha256(), stored));
  EXPECT_TRUE(minted);
  EXPECT_THAT(stored.key_string(), IsEmpty());

  ASSERT_OK_AND_ASSIGN(Principal caller, Authenticate(secret.key_string()));
  EXPECT_EQ(caller.api_key_name(), stored.name());
  EXPECT_TRUE(StoreContains(secret.sha256()));
  EXPECT_FALSE(StoreContains(secret.key_string()));

  // A retry carries the hash of a secret drawn afresh: it is answered from
  // the first call's record, says it stored nothing, and that hash opens
  // nothing.
  const ApiKeySecret retry_secret = ApiKeySecret::Draw();
  v1::ApiKey replayed;
  ASSERT_OK_AND_ASSIGN(minted,
                       api_keys().StoreNewKey(acme_admin_, request,
                                              retry_secret.sha256(), replayed));
  EXPECT_FALSE(minted);
  EXPECT_EQ(replayed.SerializeAsString(), stored.SerializeAsString());
  EXPECT_THAT(Authenticate(retry_secret.key_string()),
              StatusIs(absl::StatusCode::kUnauthenticated));
}

// Nodes of a cluster apply the same command with the same seed. The seed is
// in the log, so the key must not follow from it: the same write with the
// same ids on two stores gives the same key, which opens only with the
// secret its own receiving side drew.
TEST_F(ApiKeysTest, TheSecretDoesNotFollowFromTheIdsOfTheWrite) {
  testing::TempDir other_dir;
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<storage::Store> other_store,
                       storage::Store::Open({.data_dir = other_dir.path(),
                                             .sync_writes = false}));
  {
    const DomainContext setup{*other_store, locks_, clock_, ids_,
                              organization_locks_};
    v1::CreateOrganizationRequest organization;
    organization.set_organization_id("acme");
    organization.mutable_organization()->set_display_name("acme");
    v1::Organization created;
    ASSERT_OK(
        Organizations(setup).Create(platform_admin_, organization, created));
  }
  // The ids of the write come from the command's seed on both stores.
  SeededIdSource here_ids{"command seed"};
  SeededIdSource there_ids{"command seed"};
  const DomainContext here_domain{store(), locks_, clock_, here_ids,
                                  organization_locks_};
  const DomainContext there_domain{*other_store, locks_, clock_, there_ids,
                                   organization_locks_};

  v1::CreateApiKeyRequest request;
  request.set_parent("organizations/acme");
  *request.mutable_api_key() = KeyWith({v1::SCOPE_ADMIN});
  const ApiKeySecret here_secret = ApiKeySecret::Draw();
  const ApiKeySecret there_secret = ApiKeySecret::Draw();
  v1::ApiKey here;
  ASSERT_OK(ApiKeys(here_domain, verifier())
                .StoreNewKey(acme_admin_, request, here_secret.sha256(), here)
                .status());
  ApiKeyVerifier other_verifier(*other_store);
  v1::ApiKey there;
  ASSERT_OK(ApiKeys(there_domain, other_verifier)
                .StoreNewKey(acme_admin_, request, there_secret.sha256(), there)
                .status());

  EXPECT_EQ(there.SerializeAsString(), here.SerializeAsString());
  EXPECT_NE(there_secret.key_string(), here_secret.key_string());
  EXPECT_OK(Authenticate(here_secret.key_string()).status());
  EXPECT_THAT(Authenticate(there_secret.key_string()),
              StatusIs(absl::StatusCode::kUnauthenticated));
  EXPECT_OK(
      other_verifier.Verify(there_secret.key_string(), clock_.Now()).status());
  EXPECT_THAT(other_verifier.Verify(here_secret.key_string(), clock_.Now()),
              StatusIs(absl::StatusCode::kUnauthenticated));
}

TEST_F(ApiKeysTest, EveryBadFieldIsReported) {
  v1::ApiKey bad;
  bad.add_scopes(v1::SCOPE_UNSPECIFIED);
  bad.add_scopes(static_cast<v1::Scope>(99));
  *bad.mutable_expire_time() = ToProtoTimestamp(clock_.Now());
  const absl::Status status =
      Create(acme_admin_, bad, "organizations/acme", std::string(200, 'r'))
          .status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(
      ViolatedFields(status),
      ElementsAre("api_key.display_name", "api_key.scopes[0]",
                  "api_key.scopes[1]", "api_key.expire_time", "request_id"));
  EXPECT_THAT(ViolatedFields(Create(acme_admin_, KeyWith({})).status()),
              ElementsAre("api_key.scopes"));
  // Past year 9999: never reached, and no timestamp.
  v1::ApiKey unreal = KeyWith({v1::SCOPE_FEEDBACK_READ});
  unreal.mutable_expire_time()->set_seconds(int64_t{1} << 62);
  EXPECT_THAT(ViolatedFields(Create(acme_admin_, unreal).status()),
              ElementsAre("api_key.expire_time"));
}

TEST_F(ApiKeysTest, OnlyPlatformAdminsGrantPlatformAdmin) {
  EXPECT_THAT(
      ViolatedFields(
          Create(acme_admin_, KeyWith({v1::SCOPE_PLATFORM_ADMIN})).status()),
      ElementsAre("api_key.scopes[0]"));
  EXPECT_OK(
      Create(platform_admin_, KeyWith({v1::SCOPE_PLATFORM_ADMIN})).status());
}

TEST_F(ApiKeysTest, AnOrganizationsOwnKeysNeedScopeAdmin) {
  const Principal reader = Caller("acme", {v1::SCOPE_FEEDBACK_READ});
  EXPECT_THAT(Create(reader, KeyWith({v1::SCOPE_FEEDBACK_READ})),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(List(reader), StatusIs(absl::StatusCode::kPermissionDenied));

  ASSERT_OK_AND_ASSIGN(v1::ApiKey created,
                       Create(acme_admin_, KeyWith({v1::SCOPE_ADMIN})));
  EXPECT_THAT(Get(reader, created.name()),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(Revoke(reader, created.name()),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(ApiKeysTest, OtherOrganizationsSeeNoKeysAtAll) {
  ASSERT_OK_AND_ASSIGN(v1::ApiKey created,
                       Create(acme_admin_, KeyWith({v1::SCOPE_ADMIN})));
  const Principal globex_admin = Caller("globex", {v1::SCOPE_ADMIN});
  EXPECT_THAT(Create(globex_admin, KeyWith({v1::SCOPE_ADMIN})),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Get(globex_admin, created.name()),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(List(globex_admin), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Revoke(globex_admin, created.name()),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_OK(Authenticate(created.key_string()).status());
}

TEST_F(ApiKeysTest, PlatformAdminsAdministerEveryOrganizationThatExists) {
  ASSERT_OK_AND_ASSIGN(v1::ApiKey created,
                       Create(platform_admin_, KeyWith({v1::SCOPE_ADMIN})));
  EXPECT_THAT(created.name(), StartsWith("organizations/acme/apiKeys/"));
  EXPECT_OK(Get(platform_admin_, created.name()).status());
  EXPECT_OK(List(platform_admin_).status());
  ASSERT_OK_AND_ASSIGN(v1::ApiKey revoked,
                       Revoke(platform_admin_, created.name()));
  EXPECT_TRUE(revoked.has_revoke_time());

  // Its own organization, with SCOPE_PLATFORM_ADMIN alone.
  EXPECT_OK(Create(Caller("default", {v1::SCOPE_PLATFORM_ADMIN}),
                   KeyWith({v1::SCOPE_ADMIN}), "organizations/default")
                .status());

  EXPECT_THAT(Create(platform_admin_, KeyWith({v1::SCOPE_ADMIN}),
                     "organizations/ghost"),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(List(platform_admin_, "organizations/ghost"),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(ApiKeysTest, ARevokedKeyNoLongerAuthenticatesAndRevokingAgainIsANoOp) {
  ASSERT_OK_AND_ASSIGN(v1::ApiKey created,
                       Create(acme_admin_, KeyWith({v1::SCOPE_ADMIN})));
  ASSERT_OK(Authenticate(created.key_string()).status());

  ASSERT_OK_AND_ASSIGN(v1::ApiKey revoked, Revoke(acme_admin_, created.name()));
  EXPECT_EQ(FromProtoTimestamp(revoked.revoke_time()), clock_.Now());
  EXPECT_THAT(Authenticate(created.key_string()),
              StatusIs(absl::StatusCode::kUnauthenticated,
                       HasSubstr("unknown or revoked")));

  clock_.Advance(absl::Hours(1));
  ASSERT_OK_AND_ASSIGN(v1::ApiKey again, Revoke(acme_admin_, created.name()));
  EXPECT_EQ(again.SerializeAsString(), revoked.SerializeAsString());
  ASSERT_OK_AND_ASSIGN(v1::ApiKey fetched, Get(acme_admin_, created.name()));
  EXPECT_EQ(fetched.SerializeAsString(), revoked.SerializeAsString());
}

TEST_F(ApiKeysTest, AKeyCannotRevokeItself) {
  ASSERT_OK_AND_ASSIGN(v1::ApiKey created,
                       Create(acme_admin_, KeyWith({v1::SCOPE_ADMIN})));
  ASSERT_OK_AND_ASSIGN(Principal itself, Authenticate(created.key_string()));
  EXPECT_THAT(Revoke(itself, created.name()),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("cannot revoke itself")));
  EXPECT_OK(Authenticate(created.key_string()).status());
}

TEST_F(ApiKeysTest, OnlyAPlatformAdminRevokesAPlatformAdminKey) {
  ASSERT_OK_AND_ASSIGN(
      v1::ApiKey platform,
      Create(platform_admin_, KeyWith({v1::SCOPE_PLATFORM_ADMIN}),
             "organizations/default"));
  const Principal default_admin = Caller("default", {v1::SCOPE_ADMIN});
  EXPECT_THAT(Revoke(default_admin, platform.name()),
              StatusIs(absl::StatusCode::kPermissionDenied,
                       HasSubstr("SCOPE_PLATFORM_ADMIN")));
  EXPECT_OK(Authenticate(platform.key_string()).status());
  ASSERT_OK_AND_ASSIGN(v1::ApiKey revoked,
                       Revoke(platform_admin_, platform.name()));
  EXPECT_TRUE(revoked.has_revoke_time());
}

TEST_F(ApiKeysTest, AnExpiredKeyNoLongerAuthenticates) {
  v1::ApiKey request = KeyWith({v1::SCOPE_ADMIN});
  *request.mutable_expire_time() =
      ToProtoTimestamp(clock_.Now() + absl::Hours(1));
  ASSERT_OK_AND_ASSIGN(v1::ApiKey created, Create(acme_admin_, request));
  EXPECT_OK(Authenticate(created.key_string()).status());
  clock_.Advance(absl::Hours(1));
  EXPECT_THAT(
      Authenticate(created.key_string()),
      StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("expired")));
}

TEST_F(ApiKeysTest, AnUnknownKeyDoesNotAuthenticate) {
  EXPECT_THAT(Authenticate("gv_not-a-key-anyone-minted"),
              StatusIs(absl::StatusCode::kUnauthenticated,
                       HasSubstr("unknown or revoked")));
}

TEST_F(ApiKeysTest, UnknownAndMalformedKeyNames) {
  EXPECT_THAT(Get(acme_admin_, "organizations/acme/apiKeys/missing"),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Revoke(acme_admin_, "organizations/acme/apiKeys/missing"),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(ViolatedFields(Get(acme_admin_, "apiKeys/x").status()),
              ElementsAre("name"));
}

}  // namespace
}  // namespace guestvoice::service
