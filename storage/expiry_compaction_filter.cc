#include "storage/expiry_compaction_filter.h"

#include <string>
#include <string_view>
#include <utility>

namespace guestvoice::storage {
namespace {

class ExpiryFilter final : public rocksdb::CompactionFilter {
 public:
  explicit ExpiryFilter(const ExpiringFamily::IsExpired& is_expired)
      : is_expired_(is_expired) {}

  bool Filter(int /*level*/, const rocksdb::Slice& key,
              const rocksdb::Slice& existing_value, std::string* /*new_value*/,
              bool* /*value_changed*/) const override {
    return is_expired_(
        std::string_view(key.data(), key.size()),
        std::string_view(existing_value.data(), existing_value.size()));
  }

  const char* Name() const override { return "guestvoice.ExpiryFilter"; }

 private:
  const ExpiringFamily::IsExpired& is_expired_;
};

class ExpiryFilterFactory final : public rocksdb::CompactionFilterFactory {
 public:
  explicit ExpiryFilterFactory(ExpiringFamily::IsExpired is_expired)
      : is_expired_(std::move(is_expired)) {}

  std::unique_ptr<rocksdb::CompactionFilter> CreateCompactionFilter(
      const rocksdb::CompactionFilter::Context& /*context*/) override {
    return std::make_unique<ExpiryFilter>(is_expired_);
  }

  const char* Name() const override { return "guestvoice.ExpiryFilterFactory"; }

 private:
  const ExpiringFamily::IsExpired is_expired_;
};

}  // namespace

std::shared_ptr<rocksdb::CompactionFilterFactory> NewExpiryFilterFactory(
    ExpiringFamily::IsExpired is_expired) {
  return std::make_shared<ExpiryFilterFactory>(std::move(is_expired));
}

}  // namespace guestvoice::storage
