#include "tests/testing/store_contents.h"

#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "gtest/gtest.h"
#include "storage/keys.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::testing {

std::vector<std::string> StoreContents(const storage::Store& store) {
  const std::string stamp_key = storage::SchemaStampKey();
  const std::string secret_key = storage::StoreSecretKey();
  std::vector<std::string> entries;
  for (storage::ColumnFamily family : storage::kAllColumnFamilies) {
    const absl::Status scanned = store.Scan(
        family, "", "", 0, [&](std::string_view key, std::string_view value) {
          if (family != storage::ColumnFamily::kDefault ||
              (key != stamp_key && key != secret_key)) {
            entries.push_back(
                absl::StrCat(AbslView(storage::ColumnFamilyName(family)), " ",
                             AbslView(key), " = ", AbslView(value)));
          }
          return storage::ScanStep::kContinue;
        });
    EXPECT_OK(scanned);
  }
  return entries;
}

}  // namespace guestvoice::testing
