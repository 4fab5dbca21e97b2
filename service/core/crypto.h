#ifndef GUESTVOICE_SERVICE_CORE_CRYPTO_H_
#define GUESTVOICE_SERVICE_CORE_CRYPTO_H_

#include <string>
#include <string_view>

namespace guestvoice::service {

// SHA-256 of `data`, 32 raw bytes (OpenSSL).
std::string Sha256(std::string_view data);

// HMAC-SHA-256 of `data` under `key`, 32 raw bytes (OpenSSL).
std::string HmacSha256(std::string_view key, std::string_view data);

// Whether two byte strings are equal, in time that depends only on their
// lengths (for comparing MACs).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_CORE_CRYPTO_H_
