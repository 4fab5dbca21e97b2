#include "storage/schema_stamp.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::storage {
namespace {

using ::guestvoice::testing::StatusIs;

TEST(SchemaStampTest, RoundTrips) {
  const SchemaStamp stamp =
      NewSchemaStamp(3, absl::FromUnixMicros(1'700'000'000'123'456));
  ASSERT_OK_AND_ASSIGN(SchemaStamp decoded,
                       DecodeSchemaStamp(EncodeSchemaStamp(stamp)));
  EXPECT_EQ(decoded.format, "guestvoice");
  EXPECT_EQ(decoded.schema_version, 3u);
  EXPECT_EQ(decoded.created, stamp.created);
  EXPECT_EQ(decoded.store_id, stamp.store_id);
}

TEST(SchemaStampTest, IsReadableText) {
  SchemaStamp stamp = NewSchemaStamp(1, absl::FromUnixSeconds(0));
  stamp.store_id = "0123";
  EXPECT_EQ(EncodeSchemaStamp(stamp),
            "format: guestvoice\nschema_version: 1\n"
            "created: 1970-01-01T00:00:00+00:00\nstore_id: 0123\n");
}

TEST(SchemaStampTest, StoreIdsDiffer) {
  EXPECT_NE(NewSchemaStamp(1, absl::Now()).store_id,
            NewSchemaStamp(1, absl::Now()).store_id);
}

TEST(SchemaStampTest, SkipsUnknownLines) {
  ASSERT_OK_AND_ASSIGN(
      SchemaStamp decoded,
      DecodeSchemaStamp("format: guestvoice\nschema_version: 9\n"
                        "shards: 4\ncreated: 2030-01-01T00:00:00Z\n"
                        "store_id: ab\n"));
  EXPECT_EQ(decoded.schema_version, 9u);
}

TEST(SchemaStampTest, RejectsMissingOrMalformedLines) {
  EXPECT_THAT(DecodeSchemaStamp(""), StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(DecodeSchemaStamp("format: guestvoice\nschema_version: 1\n"),
              StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(
      DecodeSchemaStamp("format: guestvoice\nschema_version: one\n"
                        "created: 2030-01-01T00:00:00Z\nstore_id: ab\n"),
      StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(DecodeSchemaStamp("format: guestvoice\nschema_version: 1\n"
                                "created: yesterday\nstore_id: ab\n"),
              StatusIs(absl::StatusCode::kDataLoss));
}

}  // namespace
}  // namespace guestvoice::storage
