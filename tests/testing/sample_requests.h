#ifndef GUESTVOICE_TESTS_TESTING_SAMPLE_REQUESTS_H_
#define GUESTVOICE_TESTS_TESTING_SAMPLE_REQUESTS_H_

#include <string>

#include "absl/time/time.h"
#include "guestvoice/v1/feedback.pb.h"
#include "guestvoice/v1/hotel_service.pb.h"

namespace guestvoice::testing {

// The organization guestvoiced bootstraps on a fresh data dir.
inline constexpr char kDefaultOrganization[] = "organizations/default";

// A CreateHotel request for `hotel_id` in the default organization, made
// retry-safe by its request id.
v1::CreateHotelRequest SampleHotel(const std::string& hotel_id);

// A valid review of `hotel` (a hotel name) with its own author, so no two
// samples are repeats of one voice. `variant` picks one of a few texts of
// different sentiment and aspects, so the analysis has work to do.
v1::Feedback SampleFeedback(const std::string& hotel,
                            const std::string& external_id, int variant,
                            absl::Time post_time);

}  // namespace guestvoice::testing

#endif  // GUESTVOICE_TESTS_TESTING_SAMPLE_REQUESTS_H_
