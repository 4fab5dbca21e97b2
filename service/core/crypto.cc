#include "service/core/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cstdio>
#include <cstdlib>

#include "absl/strings/escaping.h"

namespace guestvoice::service {
namespace {

std::string RandomBytes(size_t size) {
  std::string bytes(size, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(bytes.data()),
                 static_cast<int>(size)) != 1) {
    // Without entropy no secret or id can be trusted; refusing to go on is
    // the only safe answer.
    std::fprintf(stderr, "guestvoiced: the system CSPRNG failed\n");
    std::abort();
  }
  return bytes;
}

}  // namespace

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

std::string RandomSecret(size_t size) {
  return absl::WebSafeBase64Escape(RandomBytes(size));
}

std::string NewResourceId() {
  static constexpr std::string_view kLetters = "abcdefghijklmnopqrstuvwxyz";
  static constexpr std::string_view kAlphabet =
      "abcdefghijklmnopqrstuvwxyz0123456789";
  const std::string random = RandomBytes(20);
  std::string id(random.size(), '\0');
  // The modulo bias (256 % 36) is irrelevant for ids; uniqueness comes from
  // ~100 bits of entropy.
  id[0] = kLetters[static_cast<unsigned char>(random[0]) % kLetters.size()];
  for (size_t i = 1; i < random.size(); ++i) {
    id[i] = kAlphabet[static_cast<unsigned char>(random[i]) % kAlphabet.size()];
  }
  return id;
}

}  // namespace guestvoice::service
