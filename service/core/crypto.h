#ifndef GUESTVOICE_SERVICE_CORE_CRYPTO_H_
#define GUESTVOICE_SERVICE_CORE_CRYPTO_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace guestvoice::service {

// SHA-256 of `data`, 32 raw bytes (OpenSSL).
std::string Sha256(std::string_view data);

// `size` bytes from the operating system's CSPRNG (OpenSSL RAND_bytes),
// web-safe base64 without padding. For secrets.
std::string RandomSecret(size_t size);

// A fresh server-generated resource id: 20 characters of lower-case letters
// and digits starting with a letter, a valid id by IsValidResourceId.
std::string NewResourceId();

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_CORE_CRYPTO_H_
