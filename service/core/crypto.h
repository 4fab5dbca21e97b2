#ifndef GUESTVOICE_SERVICE_CORE_CRYPTO_H_
#define GUESTVOICE_SERVICE_CORE_CRYPTO_H_

#include <cstddef>
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

// `size` bytes from the operating system's CSPRNG (OpenSSL RAND_bytes),
// web-safe base64 without padding. For secrets.
std::string RandomSecret(size_t size);

// A fresh server-generated resource id: 20 characters of lower-case letters
// and digits starting with a letter, a valid id by IsValidResourceId.
std::string NewResourceId();

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_CORE_CRYPTO_H_
