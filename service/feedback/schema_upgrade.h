#ifndef GUESTVOICE_SERVICE_FEEDBACK_SCHEMA_UPGRADE_H_
#define GUESTVOICE_SERVICE_FEEDBACK_SCHEMA_UPGRADE_H_

// Bringing the feedback data of a store of an older schema up to this
// build's (storage::Store::kSchemaVersion). Each schema changed only what
// the feedback items determine, so every step is a pass over the store:
//   1 -> 2 -> 3  the aggregates layout (aggregate_rebuild.h rebuilds it);
//   3 -> 4       open items lose their case-index entries
//                (records.h HasCaseIndexEntry), which are deleted;
//   4 -> 5       the items the attention queue lists gain their entries
//                of the attention index (attention_index.h), which are put;
//   5 -> 6       the queue also lists items judged by their rating (a low
//                rating without scored words, JudgedSentiment): every
//                entry is put again, which adds theirs and rewrites the
//                others as they were;
//   6 -> 7       a repeat is the same words about the same hotel with the
//                same rating (text_fingerprint.h): each author's repeats
//                are recounted (repeat_recount.h), and the items no longer
//                repeats count;
//   7 -> 8       handles are spelled by Unicode (handle_spelling.h): each
//                author record is keyed by its handle spelled so, which
//                merges the authors that are one now
//                (author_respelling.h), and repeats are recounted again.

#include <cstdint>

#include "absl/status/statusor.h"
#include "service/feedback/author_respelling.h"
#include "storage/store.h"

namespace guestvoice::service {

struct FeedbackSchemaUpgrade {
  // Feedback items whose pre-aggregates were rebuilt (none from schema 3).
  int64_t items_reaggregated = 0;
  // Case-index entries of open items deleted.
  int64_t open_case_entries_deleted = 0;
  // Attention-index entries put.
  int64_t attention_entries_put = 0;
  // Items whose repeat mark changed when repeats were recounted.
  int64_t repeats_recounted = 0;
  // Authors whose key was spelled anew.
  AuthorRespelling authors;
};

// Runs the steps from `from_schema_version` (the store's stamp) on. The
// caller must be the store's only user meanwhile, and stamps the store
// (Store::FinishUpgrade) once this succeeds. Safe to repeat after a crash:
// each step starts over from what the store holds.
absl::StatusOr<FeedbackSchemaUpgrade> UpgradeFeedbackSchema(
    storage::Store& store, uint32_t from_schema_version);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_FEEDBACK_SCHEMA_UPGRADE_H_
