#ifndef GUESTVOICE_SERVICE_CORE_ID_SOURCE_H_
#define GUESTVOICE_SERVICE_CORE_ID_SOURCE_H_

// Where the domain gets every id it makes up (resource ids, author voices,
// operation ids): from DomainContext::ids, never from a random source of its
// own. Secrets are the exception: an API key's secret is drawn from a
// SystemIdSource where the call is received (ApiKeySecret,
// service/tenancy/organizations.h), and the domain stores only its hash, so
// a seeded source, whose seed a cluster keeps in its command log, never
// yields one. Ids are what makes a write's outcome
// depend on more than (state, request, receive time); with them drawn from
// one replaceable source, a seeded source makes every write a function of
// its inputs, which is what lets two stores that apply the same writes reach
// the same bytes (docs/cluster.md).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace guestvoice::service {

class IdSource {
 public:
  virtual ~IdSource() = default;

  // A fresh server-generated resource id: 20 characters of lower-case letters
  // and digits starting with a letter, a valid id by IsValidResourceId.
  std::string NewResourceId();

  // `size` random bytes, web-safe base64 without padding. For secrets.
  std::string NewSecret(size_t size);

 private:
  // `size` bytes that nobody without the source's state can predict.
  virtual std::string RandomBytes(size_t size) = 0;
};

// The production source: the operating system's CSPRNG (OpenSSL RAND_bytes).
// Thread-safe.
class SystemIdSource final : public IdSource {
 private:
  std::string RandomBytes(size_t size) override;
};

// A deterministic source: the same seed gives the same ids and secrets, in the
// same order. Its bytes are SHA-256(seed, block number) blocks, so its ids are
// as unique as random ones and its secrets exactly as secret as the seed.
// Thread-safe; callers racing each other get the sequence in the order they
// happen to call.
class SeededIdSource final : public IdSource {
 public:
  explicit SeededIdSource(std::string_view seed) : seed_(seed) {}

 private:
  std::string RandomBytes(size_t size) override;

  const std::string seed_;
  absl::Mutex mutex_;
  uint64_t next_block_ ABSL_GUARDED_BY(mutex_) = 0;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_CORE_ID_SOURCE_H_
