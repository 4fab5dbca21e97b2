#include "service/core/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <cstdio>
#include <cstdlib>

namespace guestvoice::service {

std::string HmacSha256(std::string_view key, std::string_view data) {
  std::string mac(EVP_MAX_MD_SIZE, '\0');
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(),
       reinterpret_cast<unsigned char*>(mac.data()), &size);
  mac.resize(size);
  return mac;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string Sha256(std::string_view data) {
  // OpenSSL 3's one-shot SHA256() looks the algorithm up in its provider
  // registry on every call, which cost more than hashing a review; fetched
  // once, the lookup is gone (ingest hashes each text, every call its key).
  static const EVP_MD* const kSha256 =
      EVP_MD_fetch(/*libctx=*/nullptr, "SHA2-256", /*properties=*/nullptr);
  std::string digest(SHA256_DIGEST_LENGTH, '\0');
  unsigned int size = 0;
  if (kSha256 == nullptr ||
      EVP_Digest(data.data(), data.size(),
                 reinterpret_cast<unsigned char*>(digest.data()), &size,
                 kSha256, /*impl=*/nullptr) != 1) {
    // Without SHA-256 neither keys nor repeats can be checked.
    std::fprintf(stderr, "guestvoiced: OpenSSL's SHA-256 failed\n");
    std::abort();
  }
  return digest;
}

}  // namespace guestvoice::service
