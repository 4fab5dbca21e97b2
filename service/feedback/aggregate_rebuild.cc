#include "service/feedback/aggregate_rebuild.h"

#include <string>
#include <string_view>
#include <vector>

#include "common/status_macros.h"
#include "guestvoice/internal/v1/records.pb.h"
#include "service/core/proto_records.h"
#include "service/feedback/aggregates.h"
#include "service/feedback/records.h"
#include "service/tenancy/organization_ids.h"
#include "storage/keys.h"

namespace guestvoice::service {
namespace {

// Items per write: bounds the memory of one batch's deltas.
constexpr int64_t kItemsPerBatch = 2000;

absl::StatusOr<int64_t> RebuildOrganization(storage::Store& store,
                                            const std::string& organization) {
  int64_t items = 0;
  AggregateDeltas deltas{organization};
  int64_t pending = 0;
  RETURN_IF_ERROR(store.Scan(
      storage::ColumnFamily::kFeedback, storage::FeedbackPrefix(organization),
      "", 0,
      [&](std::string_view,
          std::string_view value) -> absl::StatusOr<storage::ScanStep> {
        internal::v1::StoredFeedback item;
        RETURN_IF_ERROR(ParseStoredInto(value, item, "a feedback item"));
        deltas.Add(item, VoiceOf(item), +1);
        ++items;
        if (++pending == kItemsPerBatch) {
          storage::WriteBatch batch;
          deltas.AppendTo(batch);
          RETURN_IF_ERROR(store.Write(std::move(batch)));
          deltas = AggregateDeltas{organization};
          pending = 0;
        }
        return storage::ScanStep::kContinue;
      }));
  storage::WriteBatch batch;
  deltas.AppendTo(batch);
  RETURN_IF_ERROR(store.Write(std::move(batch)));
  return items;
}

}  // namespace

absl::StatusOr<int64_t> RebuildAggregates(storage::Store& store) {
  RETURN_IF_ERROR(store.ClearFamily(storage::ColumnFamily::kAggregates));
  ASSIGN_OR_RETURN(std::vector<std::string> organizations,
                   ListOrganizationIds(store));
  int64_t items = 0;
  for (const std::string& organization : organizations) {
    ASSIGN_OR_RETURN(int64_t organization_items,
                     RebuildOrganization(store, organization));
    items += organization_items;
  }
  return items;
}

}  // namespace guestvoice::service
