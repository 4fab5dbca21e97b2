#ifndef GUESTVOICE_STORAGE_SCHEMA_STAMP_H_
#define GUESTVOICE_STORAGE_SCHEMA_STAMP_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace guestvoice::storage {

// Says which program and which on-disk schema wrote a store. Kept under
// SchemaStampKey() in the default family as "name: value" lines, so
// `ldb get schema` shows it as is.
struct SchemaStamp {
  static constexpr std::string_view kFormat = "guestvoice";

  std::string format;
  uint32_t schema_version = 0;
  absl::Time created;
  // Random, fixed at creation: tells copies of a store from one another.
  std::string store_id;
};

// A stamp for a store created now with this build's schema version.
SchemaStamp NewSchemaStamp(uint32_t schema_version, absl::Time now);

std::string EncodeSchemaStamp(const SchemaStamp& stamp);
// Lines with unknown names are skipped, so a newer build may add some and
// still be reported as newer rather than unreadable. DATA_LOSS when a known
// line is malformed or one is missing.
absl::StatusOr<SchemaStamp> DecodeSchemaStamp(std::string_view encoded);

}  // namespace guestvoice::storage

#endif  // GUESTVOICE_STORAGE_SCHEMA_STAMP_H_
