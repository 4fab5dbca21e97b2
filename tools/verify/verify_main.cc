// guestvoice-verify: recomputes every insight pre-aggregate and attention
// queue entry of a data dir from its raw feedback records and their current
// attribution, prints each difference, and exits 1 on any (2 when the store
// cannot be read). Run it with the server stopped: it opens the store itself.

#include <iostream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "storage/store.h"
#include "tools/verify/aggregate_verifier.h"

ABSL_FLAG(std::string, data_dir, "", "The guestvoiced data dir to verify.");

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "guestvoice-verify --data_dir=DIR: checks that the insight "
      "pre-aggregates equal a recomputation from the raw feedback; exits 1 "
      "on any difference.");
  absl::ParseCommandLine(argc, argv);
  const std::string data_dir = absl::GetFlag(FLAGS_data_dir);
  if (data_dir.empty()) {
    std::cerr << "guestvoice-verify: --data_dir is required\n";
    return 2;
  }
  auto store = guestvoice::storage::Store::Open(
      {.data_dir = data_dir, .sync_writes = false, .create_if_missing = false});
  if (!store.ok()) {
    std::cerr << "guestvoice-verify: " << store.status() << "\n";
    return 2;
  }
  if ((*store)->needs_upgrade()) {
    std::cerr << "guestvoice-verify: the store in " << data_dir
              << " has schema version "
              << (*store)->schema_stamp().schema_version
              << "; start guestvoiced on it once to upgrade it, then verify\n";
    return 2;
  }
  auto report = guestvoice::verify::VerifyAggregates(**store);
  if (!report.ok()) {
    std::cerr << "guestvoice-verify: " << report.status() << "\n";
    return 2;
  }
  for (const std::string& difference : report->differences) {
    std::cout << "DIFFERENT " << difference << "\n";
  }
  std::cout << report->organizations << " organizations, "
            << report->feedback_items << " feedback items, "
            << report->aggregates << " aggregates checked, "
            << report->attention_entries << " attention entries checked, "
            << report->differences.size() << " differences\n";
  return report->differences.empty() ? 0 : 1;
}
