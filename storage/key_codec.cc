#include "storage/key_codec.h"

#include <cstring>
#include <limits>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace guestvoice::storage {
namespace {

constexpr uint64_t kSignBit = uint64_t{1} << 63;
// A two-byte length of 0xFFFF announces a four-byte length.
constexpr uint16_t kLongStringEscape = 0xFFFF;

void AppendBigEndian(std::string& out, uint64_t value, int bytes) {
  for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((value >> shift) & 0xFF));
  }
}

uint64_t ParseBigEndian(std::string_view bytes) {
  uint64_t value = 0;
  for (char c : bytes) value = (value << 8) | static_cast<uint8_t>(c);
  return value;
}

uint64_t OrderedFromInt64(int64_t value) {
  return static_cast<uint64_t>(value) ^ kSignBit;
}

int64_t Int64FromOrdered(uint64_t ordered) {
  return static_cast<int64_t>(ordered ^ kSignBit);
}

}  // namespace

KeyBuilder& KeyBuilder::AppendByte(uint8_t value) {
  key_.push_back(static_cast<char>(value));
  return *this;
}

KeyBuilder& KeyBuilder::AppendKind(KeyKind kind) {
  return AppendByte(static_cast<uint8_t>(kind));
}

KeyBuilder& KeyBuilder::AppendUint32(uint32_t value) {
  AppendBigEndian(key_, value, 4);
  return *this;
}

KeyBuilder& KeyBuilder::AppendUint64(uint64_t value) {
  AppendBigEndian(key_, value, 8);
  return *this;
}

KeyBuilder& KeyBuilder::AppendInt64(int64_t value) {
  return AppendUint64(OrderedFromInt64(value));
}

KeyBuilder& KeyBuilder::AppendString(std::string_view value) {
  if (value.size() < kLongStringEscape) {
    AppendBigEndian(key_, value.size(), 2);
  } else {
    AppendBigEndian(key_, kLongStringEscape, 2);
    AppendBigEndian(key_, value.size(), 4);
  }
  key_.append(value);
  return *this;
}

KeyBuilder& KeyBuilder::AppendNewestFirst(absl::Time time) {
  return AppendUint64(~OrderedFromInt64(absl::ToUnixMicros(time)));
}

KeyBuilder& KeyBuilder::AppendDouble(double value) {
  uint64_t bits;
  static_assert(sizeof(bits) == sizeof(value));
  std::memcpy(&bits, &value, sizeof(bits));
  // Negative doubles order inversely to their bit patterns, so flip them all;
  // positive ones only need to rise above the negatives.
  return AppendUint64((bits & kSignBit) ? ~bits : bits ^ kSignBit);
}

absl::StatusOr<std::string_view> KeyReader::Take(size_t size,
                                                 const char* what) {
  if (remaining_.size() < size) {
    return absl::DataLossError(
        absl::StrCat("malformed key: ", what, " at byte ", consumed_, " needs ",
                     size, " bytes, only ", remaining_.size(), " left"));
  }
  std::string_view taken = remaining_.substr(0, size);
  remaining_.remove_prefix(size);
  consumed_ += size;
  return taken;
}

absl::StatusOr<uint8_t> KeyReader::ReadByte() {
  absl::StatusOr<std::string_view> bytes = Take(1, "byte");
  if (!bytes.ok()) return bytes.status();
  return static_cast<uint8_t>((*bytes)[0]);
}

absl::StatusOr<KeyKind> KeyReader::ReadKind() {
  absl::StatusOr<uint8_t> byte = ReadByte();
  if (!byte.ok()) return byte.status();
  return static_cast<KeyKind>(*byte);
}

absl::StatusOr<uint32_t> KeyReader::ReadUint32() {
  absl::StatusOr<std::string_view> bytes = Take(4, "uint32");
  if (!bytes.ok()) return bytes.status();
  return static_cast<uint32_t>(ParseBigEndian(*bytes));
}

absl::StatusOr<uint64_t> KeyReader::ReadUint64() {
  absl::StatusOr<std::string_view> bytes = Take(8, "uint64");
  if (!bytes.ok()) return bytes.status();
  return ParseBigEndian(*bytes);
}

absl::StatusOr<int64_t> KeyReader::ReadInt64() {
  absl::StatusOr<uint64_t> ordered = ReadUint64();
  if (!ordered.ok()) return ordered.status();
  return Int64FromOrdered(*ordered);
}

absl::StatusOr<std::string_view> KeyReader::ReadString() {
  absl::StatusOr<std::string_view> length_bytes = Take(2, "string length");
  if (!length_bytes.ok()) return length_bytes.status();
  uint64_t length = ParseBigEndian(*length_bytes);
  if (length == kLongStringEscape) {
    length_bytes = Take(4, "long string length");
    if (!length_bytes.ok()) return length_bytes.status();
    length = ParseBigEndian(*length_bytes);
  }
  return Take(length, "string");
}

absl::StatusOr<absl::Time> KeyReader::ReadNewestFirst() {
  absl::StatusOr<uint64_t> complement = ReadUint64();
  if (!complement.ok()) return complement.status();
  return absl::FromUnixMicros(Int64FromOrdered(~*complement));
}

absl::StatusOr<double> KeyReader::ReadDouble() {
  absl::StatusOr<uint64_t> ordered = ReadUint64();
  if (!ordered.ok()) return ordered.status();
  uint64_t bits = (*ordered & kSignBit) ? *ordered ^ kSignBit : ~*ordered;
  double value;
  std::memcpy(&value, &bits, sizeof(value));
  return value;
}

std::string PrefixSuccessor(std::string_view prefix) {
  std::string successor(prefix);
  while (!successor.empty() && static_cast<uint8_t>(successor.back()) ==
                                   std::numeric_limits<uint8_t>::max()) {
    successor.pop_back();
  }
  if (!successor.empty()) {
    successor.back() =
        static_cast<char>(static_cast<uint8_t>(successor.back()) + 1);
  }
  return successor;
}

}  // namespace guestvoice::storage
