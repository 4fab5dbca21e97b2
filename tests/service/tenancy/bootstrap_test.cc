// The first start of an empty data dir: organization "default" and a key with
// every scope, written to a file only its owner can read before it is stored.
// Any later start leaves everything alone.

#include "service/tenancy/bootstrap.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/core/crypto.h"
#include "service/core/proto_time.h"
#include "service/core/resource_names.h"
#include "service/tenancy/api_key_verifier.h"
#include "service/tenancy/organizations.h"
#include "storage/keys.h"
#include "tests/service/tenancy/tenancy_fixture.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::SizeIs;

class BootstrapTest : public TenancyFixture {
 protected:
  std::string KeyFile() const { return store_->data_dir() + "/admin-api-key"; }

  static std::string Contents(const std::string& path) {
    std::ifstream file(path);
    std::stringstream contents;
    contents << file.rdbuf();
    return contents.str();
  }

  // The permission bits of `path`.
  static mode_t Mode(const std::string& path) {
    struct stat info {};
    EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
    return info.st_mode & 07777;
  }

  // The keys of every entry under `prefix`.
  std::vector<std::string> Keys(storage::ColumnFamily family,
                                const std::string& prefix) {
    std::vector<std::string> keys;
    EXPECT_OK(store_->Scan(family, prefix, "", 0,
                           [&](std::string_view key, std::string_view) {
                             keys.emplace_back(key);
                             return storage::ScanStep::kContinue;
                           }));
    return keys;
  }

  std::vector<std::string> Organizations() {
    return Keys(storage::ColumnFamily::kIndexes,
                storage::OrganizationIndexPrefix());
  }

  // Closes the store and opens it again, as a restart of the server does.
  void Restart() {
    ASSERT_OK(store_->Close());
    store_.reset();
    ASSERT_OK_AND_ASSIGN(store_, storage::Store::Open({.data_dir = dir_.path(),
                                                       .sync_writes = false}));
  }
};

TEST_F(BootstrapTest,
       TheFirstStartCreatesTheOrganizationAndAnOwnerOnlyKeyFile) {
  ASSERT_OK_AND_ASSIGN(BootstrapResult result,
                       BootstrapIfEmpty(*store_, clock_, ids_));
  EXPECT_TRUE(result.created);
  EXPECT_EQ(result.admin_key_file, KeyFile());
  EXPECT_EQ(Mode(KeyFile()), 0600);
  EXPECT_THAT(Contents(KeyFile()), MatchesRegex("gv_[A-Za-z0-9_-]{43}\n"));

  ASSERT_OK_AND_ASSIGN(std::optional<v1::Organization> organization,
                       ReadOrganization(*store_, "default"));
  ASSERT_TRUE(organization.has_value());
  EXPECT_EQ(organization->name(), "organizations/default");
  EXPECT_EQ(organization->display_name(), "Default organization");
  EXPECT_EQ(FromProtoTimestamp(organization->create_time()), clock_.Now());
  EXPECT_THAT(Organizations(), SizeIs(1));
  EXPECT_THAT(
      Keys(storage::ColumnFamily::kEntities, storage::ApiKeyPrefix("default")),
      SizeIs(1));
}

TEST_F(BootstrapTest, TheKeyInTheFileHasEveryScope) {
  ASSERT_OK_AND_ASSIGN(BootstrapResult result,
                       BootstrapIfEmpty(*store_, clock_, ids_));
  std::string key = Contents(result.admin_key_file);
  ASSERT_FALSE(key.empty());
  key.pop_back();  // the newline

  ApiKeyVerifier verifier(*store_);
  ASSERT_OK_AND_ASSIGN(Principal caller, verifier.Verify(key, clock_.Now()));
  EXPECT_EQ(caller.organization(), "default");
  EXPECT_THAT(caller.api_key_name(),
              MatchesRegex("organizations/default/apiKeys/[a-z][a-z0-9]{19}"));
  for (int scope = v1::Scope_MIN + 1; scope <= v1::Scope_MAX; ++scope) {
    EXPECT_TRUE(caller.HasScope(v1::Scope(scope))) << v1::Scope_Name(scope);
  }
  // Only its hash is stored, and the key does not expire.
  ASSERT_OK_AND_ASSIGN(ApiKeyName name,
                       ParseApiKeyName("name", caller.api_key_name()));
  ASSERT_OK_AND_ASSIGN(std::optional<internal::v1::StoredApiKey> stored,
                       ReadApiKey(*store_, "default", name.api_key));
  ASSERT_TRUE(stored.has_value());
  EXPECT_THAT(stored->api_key().key_string(), IsEmpty());
  EXPECT_EQ(stored->secret_sha256(), Sha256(key));
  EXPECT_FALSE(stored->api_key().has_expire_time());
  EXPECT_OK(
      verifier.Verify(key, clock_.Now() + absl::Hours(24 * 3650)).status());
}

TEST_F(BootstrapTest, AnotherStartDoesNothing) {
  ASSERT_OK_AND_ASSIGN(BootstrapResult first,
                       BootstrapIfEmpty(*store_, clock_, ids_));
  const std::string key_file = Contents(first.admin_key_file);
  const std::vector<std::string> keys =
      Keys(storage::ColumnFamily::kEntities, storage::ApiKeyPrefix("default"));

  Restart();
  clock_.Advance(absl::Hours(1));
  ASSERT_OK_AND_ASSIGN(BootstrapResult second,
                       BootstrapIfEmpty(*store_, clock_, ids_));
  EXPECT_FALSE(second.created);
  EXPECT_THAT(second.admin_key_file, IsEmpty());
  EXPECT_EQ(Contents(KeyFile()), key_file);
  EXPECT_THAT(Organizations(), SizeIs(1));
  EXPECT_EQ(
      Keys(storage::ColumnFamily::kEntities, storage::ApiKeyPrefix("default")),
      keys);
}

TEST_F(BootstrapTest, AStoreWithAnyOrganizationIsLeftAlone) {
  v1::Organization acme;
  acme.set_name("organizations/acme");
  acme.set_display_name("Acme");
  storage::WriteBatch batch;
  PutOrganization(batch, "acme", acme);
  ASSERT_OK(store_->Write(std::move(batch)));

  ASSERT_OK_AND_ASSIGN(BootstrapResult result,
                       BootstrapIfEmpty(*store_, clock_, ids_));
  EXPECT_FALSE(result.created);
  EXPECT_FALSE(std::filesystem::exists(KeyFile()));
  EXPECT_THAT(Organizations(),
              ElementsAre(storage::OrganizationIndexKey("acme")));
}

TEST_F(BootstrapTest, AnOldKeyFileIsReplacedAndMadeOwnerOnly) {
  {
    std::ofstream stale(KeyFile());
    stale << "gv_a key of a store that is gone, and longer than a new one\n";
  }
  ASSERT_EQ(::chmod(KeyFile().c_str(), 0644), 0);

  ASSERT_OK_AND_ASSIGN(BootstrapResult result,
                       BootstrapIfEmpty(*store_, clock_, ids_));
  EXPECT_TRUE(result.created);
  EXPECT_EQ(Mode(KeyFile()), 0600);
  EXPECT_THAT(Contents(KeyFile()), MatchesRegex("gv_[A-Za-z0-9_-]{43}\n"));
}

TEST_F(BootstrapTest, NothingIsStoredWhenTheKeyFileCannotBeWritten) {
  // A directory where the file should go: open() fails, even for root.
  ASSERT_TRUE(std::filesystem::create_directory(KeyFile()));

  EXPECT_THAT(BootstrapIfEmpty(*store_, clock_, ids_),
              StatusIs(absl::StatusCode::kFailedPrecondition,
                       HasSubstr("cannot create " + KeyFile())));
  EXPECT_THAT(Organizations(), IsEmpty());
  EXPECT_THAT(Keys(storage::ColumnFamily::kIndexes, ""), IsEmpty());

  // Once the way is clear, the next start bootstraps.
  ASSERT_TRUE(std::filesystem::remove(KeyFile()));
  ASSERT_OK_AND_ASSIGN(BootstrapResult result,
                       BootstrapIfEmpty(*store_, clock_, ids_));
  EXPECT_TRUE(result.created);
  EXPECT_THAT(Organizations(), SizeIs(1));
}

// The first start's domain write as a cluster's apply step runs it: given
// only the hash of the admin key's secret, drawn by the node that received
// the start.
TEST_F(BootstrapTest, TheDomainWriteStoresTheAdminKeyByItsHashOnly) {
  const ApiKeySecret admin_key = ApiKeySecret::Draw();
  ASSERT_OK_AND_ASSIGN(
      bool created,
      CreateFirstOrganization(*store_, clock_.Now(), ids_, admin_key.sha256()));
  EXPECT_TRUE(created);
  ApiKeyVerifier verifier(*store_);
  ASSERT_OK_AND_ASSIGN(Principal caller,
                       verifier.Verify(admin_key.key_string(), clock_.Now()));
  EXPECT_EQ(caller.organization(), "default");
  EXPECT_TRUE(caller.HasScope(v1::SCOPE_PLATFORM_ADMIN));
  EXPECT_FALSE(StoreContains(admin_key.key_string()));
  EXPECT_FALSE(std::filesystem::exists(KeyFile()));

  // Applied again (a second node's start raced the first), it does nothing.
  const ApiKeySecret second_key = ApiKeySecret::Draw();
  ASSERT_OK_AND_ASSIGN(created,
                       CreateFirstOrganization(*store_, clock_.Now(), ids_,
                                               second_key.sha256()));
  EXPECT_FALSE(created);
  EXPECT_THAT(Organizations(), SizeIs(1));
  EXPECT_THAT(verifier.Verify(second_key.key_string(), clock_.Now()),
              StatusIs(absl::StatusCode::kUnauthenticated));
}

}  // namespace
}  // namespace guestvoice::service
