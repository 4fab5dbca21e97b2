#ifndef GUESTVOICE_SERVICE_API_HELD_COUNTS_H_
#define GUESTVOICE_SERVICE_API_HELD_COUNTS_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "common/absl_view.h"

namespace guestvoice::service {

// How many of something (open streams) each holder (an API key, an
// organization) holds, for caps per holder. Holders that hold none take no
// memory. Not thread-safe: its owner guards it with its own lock.
class HeldCounts {
 public:
  size_t Of(std::string_view holder) const {
    const auto found = counts_.find(AbslView(holder));
    return found == counts_.end() ? 0 : found->second;
  }
  void Take(std::string_view holder) { ++counts_[AbslView(holder)]; }
  // Gives back one that Take counted.
  void Give(std::string_view holder) {
    const auto found = counts_.find(AbslView(holder));
    if (found != counts_.end() && --found->second == 0) counts_.erase(found);
  }

 private:
  absl::flat_hash_map<std::string, size_t> counts_;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_API_HELD_COUNTS_H_
