#include "storage/schema_stamp.h"

#include "absl/random/random.h"
#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"

namespace guestvoice::storage {
namespace {

constexpr absl::string_view kFormatLine = "format";
constexpr absl::string_view kVersionLine = "schema_version";
constexpr absl::string_view kCreatedLine = "created";
constexpr absl::string_view kStoreIdLine = "store_id";

}  // namespace

SchemaStamp NewSchemaStamp(uint32_t schema_version, absl::Time now) {
  absl::BitGen random;
  SchemaStamp stamp;
  stamp.format = std::string(SchemaStamp::kFormat);
  stamp.schema_version = schema_version;
  stamp.created = now;
  stamp.store_id =
      absl::StrFormat("%016x%016x", absl::Uniform<uint64_t>(random),
                      absl::Uniform<uint64_t>(random));
  return stamp;
}

std::string EncodeSchemaStamp(const SchemaStamp& stamp) {
  return absl::StrCat(
      kFormatLine, ": ", stamp.format, "\n", kVersionLine, ": ",
      stamp.schema_version, "\n", kCreatedLine, ": ",
      absl::FormatTime(absl::RFC3339_full, stamp.created, absl::UTCTimeZone()),
      "\n", kStoreIdLine, ": ", stamp.store_id, "\n");
}

absl::StatusOr<SchemaStamp> DecodeSchemaStamp(std::string_view encoded) {
  SchemaStamp stamp;
  bool has_format = false, has_version = false, has_created = false,
       has_store_id = false;
  // Debian's Abseil has its own string_view type, not std::string_view.
  const absl::string_view lines(encoded.data(), encoded.size());
  for (absl::string_view line :
       absl::StrSplit(lines, '\n', absl::SkipEmpty())) {
    std::pair<absl::string_view, absl::string_view> name_value =
        absl::StrSplit(line, absl::MaxSplits(": ", 1));
    const auto& [name, value] = name_value;
    if (name == kFormatLine) {
      stamp.format = std::string(value);
      has_format = true;
    } else if (name == kVersionLine) {
      if (!absl::SimpleAtoi(value, &stamp.schema_version)) {
        return absl::DataLossError(
            absl::StrCat("schema stamp: bad schema_version '", value, "'"));
      }
      has_version = true;
    } else if (name == kCreatedLine) {
      std::string error;
      if (!absl::ParseTime(absl::RFC3339_full, value, &stamp.created, &error)) {
        return absl::DataLossError(absl::StrCat(
            "schema stamp: bad created time '", value, "': ", error));
      }
      has_created = true;
    } else if (name == kStoreIdLine) {
      stamp.store_id = std::string(value);
      has_store_id = true;
    }
  }
  if (!has_format || !has_version || !has_created || !has_store_id) {
    return absl::DataLossError(
        "schema stamp lacks one of format, schema_version, created, store_id");
  }
  return stamp;
}

}  // namespace guestvoice::storage
