#ifndef GUESTVOICE_COMMON_BUILD_INFO_H_
#define GUESTVOICE_COMMON_BUILD_INFO_H_

#include <string_view>

namespace guestvoice {

// The guestvoice release this binary is (the CMake project version).
std::string_view GuestvoiceVersion();

// The git commit this binary was built from: 12 hex digits, "-dirty" when the
// work tree had uncommitted changes, or what GUESTVOICE_GIT_REVISION was set
// to for a build outside a git checkout (a container build), else "unknown".
std::string_view GitRevision();

}  // namespace guestvoice

#endif  // GUESTVOICE_COMMON_BUILD_INFO_H_
