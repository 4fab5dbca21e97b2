#include "service/core/pagination.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/keys.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace guestvoice::service {
namespace {

using ::guestvoice::testing::StatusIs;
using ::testing::ElementsAre;

class PaginationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store =
        storage::Store::Open({.data_dir = dir_.path(), .sync_writes = false});
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(store).value();
    storage::WriteBatch batch;
    for (const char* hotel : {"a", "b", "c", "d", "e"}) {
      batch.Put(storage::ColumnFamily::kEntities,
                storage::HotelKey("acme", hotel), hotel);
    }
    // Another tenant's hotels sort right after acme's; no page may reach them.
    batch.Put(storage::ColumnFamily::kEntities, storage::HotelKey("acmf", "x"),
              "x");
    ASSERT_TRUE(store_->Write(std::move(batch)).ok());
  }

  PageQuery Query(int page_size, std::string token) {
    return PageQuery{.family = storage::ColumnFamily::kEntities,
                     .prefix = storage::HotelPrefix("acme"),
                     .request_identity = "ListHotels|organizations/acme",
                     .page_size = page_size,
                     .page_token = std::move(token)};
  }

  absl::StatusOr<std::string> Page(const PageQuery& query,
                                   std::vector<std::string>& values) {
    return VisitPage(*store_, query,
                     [&](std::string_view, std::string_view value) {
                       values.emplace_back(value);
                       return absl::OkStatus();
                     });
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::Store> store_;
};

TEST_F(PaginationTest, WalksEveryEntryOnceInOrder) {
  std::vector<std::string> values;
  std::string token;
  int pages = 0;
  do {
    auto next = Page(Query(2, token), values);
    ASSERT_TRUE(next.ok()) << next.status();
    token = *next;
    ++pages;
  } while (!token.empty());
  EXPECT_EQ(pages, 3);
  EXPECT_THAT(values, ElementsAre("a", "b", "c", "d", "e"));
}

TEST_F(PaginationTest, LastFullPageHasNoToken) {
  std::vector<std::string> values;
  auto next = Page(Query(5, ""), values);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(*next, "");
  EXPECT_EQ(values.size(), 5);
}

TEST_F(PaginationTest, ZeroMeansDefaultAndNegativeIsRejected) {
  std::vector<std::string> values;
  EXPECT_TRUE(Page(Query(0, ""), values).ok());
  EXPECT_EQ(values.size(), 5);
  EXPECT_THAT(Page(Query(-1, ""), values),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(PaginationTest, RejectsTokensOfOtherRequestsAndGarbage) {
  std::vector<std::string> values;
  auto next = Page(Query(2, ""), values);
  ASSERT_TRUE(next.ok());
  PageQuery other = Query(2, *next);
  other.request_identity = "ListHotels|organizations/other";
  EXPECT_THAT(Page(other, values),
              StatusIs(absl::StatusCode::kInvalidArgument));
  for (const std::string& garbage : std::vector<std::string>{
           "x", "not base64 !!", "AAAA", std::string(3000, 'A')}) {
    EXPECT_THAT(Page(Query(2, garbage), values),
                StatusIs(absl::StatusCode::kInvalidArgument))
        << garbage;
  }
}

}  // namespace
}  // namespace guestvoice::service
