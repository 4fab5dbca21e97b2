#ifndef GUESTVOICE_SERVICE_LOYALTY_IDENTITIES_H_
#define GUESTVOICE_SERVICE_LOYALTY_IDENTITIES_H_

// One spelling per identity, so that "Ana@Example.com" and "ana@example.com",
// or "@AnaTravels" and "anatravels" on Twitter, find the same guest.

#include <optional>
#include <string>
#include <string_view>

#include "guestvoice/v1/loyalty.pb.h"
#include "service/core/errors.h"
#include "service/feedback/voices.h"

namespace guestvoice::service {

// The identity in its normal form, or nullopt after adding violations under
// `field` ("identity", "identities[2]"):
//  - EMAIL: lower-cased; one @, a dot-atom local part of up to 64 characters,
//    a domain of LDH labels with an alphabetic (or xn--) top-level label; at
//    most 254 characters. No source.
//  - PHONE: a valid number by libphonenumber (phone_numbers.h), in E.164.
//    A number without its country code is read as one of `phone_region`
//    (a hotel's region_code; empty: none accepted). No source.
//  - LOYALTY_NUMBER: spaces and hyphens dropped, upper-cased; 3 to 32 ASCII
//    letters and digits. No source.
//  - HANDLE: a source is required (not EMAIL: use kind EMAIL); one leading @
//    dropped; Twitter/X 1-15 of [a-z0-9_], Instagram 1-30 of [a-z0-9._],
//    Facebook 1-50 of [a-z0-9.], Foursquare 1-64 of [a-z0-9._-], all
//    lower-cased; other sources (review sites, surveys) name reviewers by
//    display name: trimmed, ASCII lower-cased, 1-128 characters of UTF-8
//    without control characters.
std::optional<v1::Identity> NormalizeIdentity(FieldViolations& violations,
                                              std::string_view field,
                                              const v1::Identity& identity,
                                              std::string_view phone_region);

// Whether two normalised identities are one: kind, source and value.
bool SameIdentity(const v1::Identity& a, const v1::Identity& b);

// The feedback author an identity stands for (docs/voices.md): a HANDLE is
// the author (source, value), an EMAIL the author (SOURCE_EMAIL, value);
// phones and loyalty numbers are no author. `identity` must be normalised.
std::optional<AuthorRef> AuthorOfIdentity(const v1::Identity& identity);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_LOYALTY_IDENTITIES_H_
