#ifndef GUESTVOICE_TESTS_TESTING_STORE_CONTENTS_H_
#define GUESTVOICE_TESTS_TESTING_STORE_CONTENTS_H_

// A store's state as comparable text, for the tests that two stores given
// the same inputs hold the same bytes (docs/cluster.md, "A node's state is a
// function of its inputs").

#include <string>
#include <vector>

#include "storage/store.h"

namespace guestvoice::testing {

// Every entry of every column family as "family key = value", in key order,
// but for the store's own identity (its schema stamp, with the time it was
// made, and the secret its page tokens are signed with), which no write
// makes. A failed scan is a test failure.
std::vector<std::string> StoreContents(const storage::Store& store);

}  // namespace guestvoice::testing

#endif  // GUESTVOICE_TESTS_TESTING_STORE_CONTENTS_H_
