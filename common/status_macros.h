#ifndef GUESTVOICE_COMMON_STATUS_MACROS_H_
#define GUESTVOICE_COMMON_STATUS_MACROS_H_

// Early-return helpers for absl::Status and absl::StatusOr, which Abseil
// 20220623 does not ship.

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define GUESTVOICE_CONCAT_INNER(a, b) a##b
#define GUESTVOICE_CONCAT(a, b) GUESTVOICE_CONCAT_INNER(a, b)

// Returns `expr`'s status from the enclosing function unless it is OK.
#define RETURN_IF_ERROR(expr)                           \
  do {                                                  \
    if (absl::Status status_ = (expr); !status_.ok()) { \
      return status_;                                   \
    }                                                   \
  } while (false)

// Declares or assigns `lhs` from the StatusOr `rexpr`, returning its status
// from the enclosing function when it holds an error.
#define ASSIGN_OR_RETURN(lhs, rexpr) \
  ASSIGN_OR_RETURN_IMPL(GUESTVOICE_CONCAT(status_or_, __LINE__), lhs, rexpr)

#define ASSIGN_OR_RETURN_IMPL(status_or, lhs, rexpr) \
  auto status_or = (rexpr);                          \
  if (!status_or.ok()) {                             \
    return std::move(status_or).status();            \
  }                                                  \
  lhs = *std::move(status_or)

#endif  // GUESTVOICE_COMMON_STATUS_MACROS_H_
