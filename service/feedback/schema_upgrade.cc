#include "service/feedback/schema_upgrade.h"

#include <string>
#include <string_view>
#include <vector>

#include "common/status_macros.h"
#include "guestvoice/internal/v1/records.pb.h"
#include "guestvoice/v1/feedback.pb.h"
#include "service/core/proto_records.h"
#include "service/feedback/aggregate_rebuild.h"
#include "service/feedback/attention_index.h"
#include "service/feedback/author_respelling.h"
#include "service/feedback/records.h"
#include "service/feedback/repeat_recount.h"
#include "service/tenancy/organization_ids.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

// Deletions per write: bounds one batch's memory.
constexpr size_t kEntriesPerBatch = 2000;

// Deletes the organization's case-index entries of open items, which schema
// 3 wrote for every item it ingested; returns how many.
absl::StatusOr<int64_t> DeleteOpenCaseEntries(storage::Store& store,
                                              std::string_view organization) {
  const std::string prefix =
      storage::FeedbackCaseIndexPrefix(organization, v1::CASE_STATE_OPEN);
  int64_t deleted = 0;
  std::string start_after;
  while (true) {
    std::vector<std::string> keys;
    RETURN_IF_ERROR(store.Scan(storage::ColumnFamily::kFeedback, prefix,
                               start_after, kEntriesPerBatch,
                               [&](std::string_view key, std::string_view) {
                                 keys.emplace_back(key);
                                 return storage::ScanStep::kContinue;
                               }));
    if (keys.empty()) return deleted;
    storage::WriteBatch batch;
    for (const std::string& key : keys) {
      batch.Delete(storage::ColumnFamily::kFeedback, key);
    }
    RETURN_IF_ERROR(store.Write(std::move(batch)));
    deleted += static_cast<int64_t>(keys.size());
    start_after = keys.back();
  }
}

// Puts the attention-index entry of each of the organization's items the
// queue lists; returns how many.
absl::StatusOr<int64_t> PutAttentionEntries(storage::Store& store,
                                            std::string_view organization) {
  const std::string prefix = storage::FeedbackPrefix(organization);
  int64_t put = 0;
  std::string start_after;
  while (true) {
    storage::WriteBatch batch;
    std::string last_key;
    RETURN_IF_ERROR(store.Scan(
        storage::ColumnFamily::kFeedback, prefix, start_after, kEntriesPerBatch,
        [&](std::string_view key,
            std::string_view value) -> absl::StatusOr<storage::ScanStep> {
          internal::v1::StoredFeedback item;
          RETURN_IF_ERROR(ParseStoredInto(value, item, "a feedback item"));
          if (NeedsAttention(item)) {
            PutAttentionEntry(batch, organization, item);
            ++put;
          }
          last_key = key;
          return storage::ScanStep::kContinue;
        }));
    if (last_key.empty()) return put;
    RETURN_IF_ERROR(store.Write(std::move(batch)));
    start_after = std::move(last_key);
  }
}

}  // namespace

absl::StatusOr<FeedbackSchemaUpgrade> UpgradeFeedbackSchema(
    storage::Store& store, uint32_t from_schema_version) {
  FeedbackSchemaUpgrade upgrade;
  if (from_schema_version < 3) {
    ASSIGN_OR_RETURN(upgrade.items_reaggregated, RebuildAggregates(store));
  }
  if (from_schema_version < 4) {
    ASSIGN_OR_RETURN(std::vector<std::string> organizations,
                     ListOrganizationIds(store));
    for (const std::string& organization : organizations) {
      ASSIGN_OR_RETURN(int64_t deleted,
                       DeleteOpenCaseEntries(store, organization));
      upgrade.open_case_entries_deleted += deleted;
    }
  }
  // Schema 5 had the index without the entries of unscored items with a low
  // rating; putting every entry again adds them (one pass for 4 and 5).
  if (from_schema_version < 6) {
    ASSIGN_OR_RETURN(std::vector<std::string> organizations,
                     ListOrganizationIds(store));
    for (const std::string& organization : organizations) {
      ASSIGN_OR_RETURN(int64_t put, PutAttentionEntries(store, organization));
      upgrade.attention_entries_put += put;
    }
  }
  // Authors merged by schema 8's spelling take their repeats with them: the
  // recount of schema 7 decides them again (one pass for 6 and 7).
  if (from_schema_version < 8) {
    ASSIGN_OR_RETURN(std::vector<std::string> organizations,
                     ListOrganizationIds(store));
    for (const std::string& organization : organizations) {
      ASSIGN_OR_RETURN(AuthorRespelling respelled,
                       RespellAuthors(store, organization));
      upgrade.authors.moved += respelled.moved;
      upgrade.authors.merged += respelled.merged;
      upgrade.authors.to_another_guest += respelled.to_another_guest;
      ASSIGN_OR_RETURN(int64_t recounted, RecountRepeats(store, organization));
      upgrade.repeats_recounted += recounted;
    }
  }
  return upgrade;
}

}  // namespace guestvoice::service
