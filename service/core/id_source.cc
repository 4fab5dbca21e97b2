#include "service/core/id_source.h"

#include <openssl/rand.h>

#include <cstdio>
#include <cstdlib>

#include "absl/strings/escaping.h"
#include "service/core/crypto.h"

namespace guestvoice::service {

std::string IdSource::NewResourceId() {
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

std::string IdSource::NewSecret(size_t size) {
  return absl::WebSafeBase64Escape(RandomBytes(size));
}

std::string SystemIdSource::RandomBytes(size_t size) {
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

std::string SeededIdSource::RandomBytes(size_t size) {
  static constexpr size_t kBlockBytes = 32;
  const size_t blocks = (size + kBlockBytes - 1) / kBlockBytes;
  uint64_t first_block = 0;
  {
    absl::MutexLock lock(&mutex_);
    first_block = next_block_;
    next_block_ += blocks;
  }
  std::string bytes;
  bytes.reserve(blocks * kBlockBytes);
  std::string message = seed_;
  message.resize(seed_.size() + sizeof(uint64_t));
  for (uint64_t block = first_block; block < first_block + blocks; ++block) {
    // The block number, big-endian, after the seed.
    for (size_t i = 0; i < sizeof(uint64_t); ++i) {
      message[seed_.size() + i] =
          static_cast<char>(block >> (8 * (sizeof(uint64_t) - 1 - i)));
    }
    bytes += Sha256(message);
  }
  bytes.resize(size);
  return bytes;
}

}  // namespace guestvoice::service
