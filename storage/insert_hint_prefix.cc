#include "storage/insert_hint_prefix.h"

#include <cstddef>
#include <optional>
#include <string_view>

#include "storage/key_codec.h"

namespace guestvoice::storage {
namespace {

// The length of the hint's prefix of `key`, or nullopt outside the domain.
std::optional<size_t> HintPrefixLength(std::string_view key) {
  KeyReader reader(key);
  if (!reader.ReadString().ok()) return std::nullopt;
  absl::StatusOr<KeyKind> kind = reader.ReadKind();
  if (!kind.ok()) return std::nullopt;
  int strings_after_kind = 0;
  switch (*kind) {
    case KeyKind::kFeedbackTimeIndex:
    case KeyKind::kAttentionIndex:
      break;
    case KeyKind::kFeedbackCaseIndex:
      if (!reader.ReadUint32().ok()) return std::nullopt;
      break;
    case KeyKind::kFeedbackHotelTimeIndex:
    case KeyKind::kFeedbackAuthorIndex:
    case KeyKind::kFeedbackRepeatIndex:
      strings_after_kind = 1;
      break;
    case KeyKind::kNegativeQuote:
      strings_after_kind = 2;
      break;
    default:
      return std::nullopt;
  }
  for (int i = 0; i < strings_after_kind; ++i) {
    if (!reader.ReadString().ok()) return std::nullopt;
  }
  return key.size() - reader.remaining().size();
}

class FeedbackInsertHintPrefix final : public rocksdb::SliceTransform {
 public:
  const char* Name() const override {
    return "guestvoice.FeedbackInsertHintPrefix";
  }
  // RocksDB transforms only keys InDomain accepts; any other key would be
  // its own group.
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    return rocksdb::Slice(
        key.data(), HintPrefixLength(key.ToStringView()).value_or(key.size()));
  }
  bool InDomain(const rocksdb::Slice& key) const override {
    return HintPrefixLength(key.ToStringView()).has_value();
  }
};

class WholeKeyInsertHint final : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "guestvoice.WholeKeyInsertHint"; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    return key;
  }
  bool InDomain(const rocksdb::Slice& key) const override {
    return !key.empty();
  }
};

}  // namespace

const rocksdb::SliceTransform* NewFeedbackInsertHintPrefix() {
  return new FeedbackInsertHintPrefix();
}

const rocksdb::SliceTransform* NewWholeKeyInsertHint() {
  return new WholeKeyInsertHint();
}

}  // namespace guestvoice::storage
