#ifndef GUESTVOICE_TESTS_STORAGE_MALFORMED_KEYS_H_
#define GUESTVOICE_TESTS_STORAGE_MALFORMED_KEYS_H_

// The malformed-key cases every Parse<Kind>Key in storage/keys.h must reject
// alike, shared by keys_test.cc and feedback_keys_test.cc.

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/key_codec.h"
#include "tests/testing/status_matchers.h"

namespace guestvoice::storage {

// Expects `parse` to reject `key` (a well-formed key of its kind in `scope`)
// with another kind byte, cut short anywhere, and with a byte after its last
// part, each time with DATA_LOSS "undecodable <what> key: ...".
template <typename Parse>
void ExpectRejectsMalformed(Parse parse, const std::string& key,
                            std::string_view scope, std::string_view what) {
  using ::guestvoice::testing::StatusIs;
  using ::testing::HasSubstr;
  const std::string undecodable = "undecodable " + std::string(what) + " key: ";

  // Same layout, so only the kind byte can give it away.
  std::string other_kind = key;
  const size_t kind_offset = KeyBuilder().AppendString(scope).key().size();
  other_kind[kind_offset] = static_cast<char>(other_kind[kind_offset] ^ 0x01);
  EXPECT_THAT(parse(other_kind), StatusIs(absl::StatusCode::kDataLoss,
                                          HasSubstr(undecodable + "kind 0x")));

  for (size_t size = 0; size < key.size(); ++size) {
    EXPECT_THAT(parse(std::string_view(key).substr(0, size)),
                StatusIs(absl::StatusCode::kDataLoss, HasSubstr(undecodable)))
        << "cut to " << size << " of " << key.size() << " bytes";
  }

  EXPECT_THAT(parse(key + "x"),
              StatusIs(absl::StatusCode::kDataLoss,
                       HasSubstr(undecodable + "1 byte after the last part")));
}

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_TESTS_STORAGE_MALFORMED_KEYS_H_
