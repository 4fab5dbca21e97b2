#ifndef GUESTVOICE_TESTS_TESTING_STATUS_MATCHERS_H_
#define GUESTVOICE_TESTS_TESTING_STATUS_MATCHERS_H_

// gMock matchers for absl::Status and absl::StatusOr<T> (this Abseil has
// none):
//   EXPECT_THAT(store.Write(...), IsOk());
//   EXPECT_THAT(Store::Open(options), StatusIs(absl::StatusCode::kNotFound));
//   EXPECT_THAT(status, StatusIs(kFailedPrecondition, HasSubstr("in use")));
//   ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, Store::Open(options));
// The error details domain code attaches (reason, field violations) are read
// with status_details.h.

#include <ostream>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace guestvoice::testing {
namespace internal {

inline const absl::Status& GetStatus(const absl::Status& status) {
  return status;
}

template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

class StatusIsMatcher {
 public:
  StatusIsMatcher(absl::StatusCode code,
                  ::testing::Matcher<const std::string&> message)
      : code_(code), message_(std::move(message)) {}

  template <typename StatusType>
  bool MatchAndExplain(const StatusType& actual,
                       ::testing::MatchResultListener* listener) const {
    const absl::Status& status = GetStatus(actual);
    *listener << "whose status is " << status;
    return status.code() == code_ &&
           message_.Matches(std::string(status.message()));
  }

  void DescribeTo(std::ostream* os) const {
    *os << "has status code " << absl::StatusCodeToString(code_)
        << " and a message that ";
    message_.DescribeTo(os);
  }

  void DescribeNegationTo(std::ostream* os) const {
    *os << "does not have status code " << absl::StatusCodeToString(code_)
        << " or has a message that ";
    message_.DescribeNegationTo(os);
  }

 private:
  absl::StatusCode code_;
  ::testing::Matcher<const std::string&> message_;
};

#define GUESTVOICE_TESTING_CONCAT_INNER(a, b) a##b
#define GUESTVOICE_TESTING_CONCAT(a, b) GUESTVOICE_TESTING_CONCAT_INNER(a, b)
#define GUESTVOICE_TESTING_ASSERT_OK_AND_ASSIGN(status_or, lhs, expression) \
  auto status_or = (expression);                                            \
  ASSERT_TRUE(status_or.ok()) << status_or.status();                        \
  lhs = std::move(status_or).value()

}  // namespace internal

// Matches an absl::Status or absl::StatusOr<T> with this code and a message
// matching `message` (anything by default).
inline ::testing::PolymorphicMatcher<internal::StatusIsMatcher> StatusIs(
    absl::StatusCode code,
    ::testing::Matcher<const std::string&> message = ::testing::_) {
  return ::testing::MakePolymorphicMatcher(
      internal::StatusIsMatcher(code, std::move(message)));
}

inline ::testing::PolymorphicMatcher<internal::StatusIsMatcher> IsOk() {
  return StatusIs(absl::StatusCode::kOk);
}

}  // namespace guestvoice::testing

#define EXPECT_OK(expression) \
  EXPECT_THAT((expression), ::guestvoice::testing::IsOk())
#define ASSERT_OK(expression) \
  ASSERT_THAT((expression), ::guestvoice::testing::IsOk())
// Declares or assigns `lhs` from the value of a StatusOr `expression`,
// failing the test (and returning) when it is not OK.
#define ASSERT_OK_AND_ASSIGN(lhs, expression) \
  GUESTVOICE_TESTING_ASSERT_OK_AND_ASSIGN(    \
      GUESTVOICE_TESTING_CONCAT(status_or_, __LINE__), lhs, expression)

#endif  // GUESTVOICE_TESTS_TESTING_STATUS_MATCHERS_H_
