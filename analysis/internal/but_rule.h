#ifndef GUESTVOICE_ANALYSIS_INTERNAL_BUT_RULE_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_BUT_RULE_H_

#include <cstddef>
#include <vector>

namespace guestvoice::analysis {

// The reference's _but_check: sentiments before the first "but" are halved,
// those after it are multiplied by 1.5. It does so by value, not position:
//
//   for sentiment in sentiments:
//       si = sentiments.index(sentiment)   # first element EQUAL to it
//       ... replace sentiments[si] by sentiment * 0.5 (or * 1.5)
//
// so when an earlier element already holds the same value (a repeated word,
// or a value that an earlier step produced), that earlier element is scaled
// again and the current one is left alone. This reproduces that exactly in
// O(n log n) instead of the reference's O(n^2) list scans.
void ApplyButRule(std::size_t but_index, std::vector<double>* sentiments);

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_BUT_RULE_H_
