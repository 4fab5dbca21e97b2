#include "analysis/internal/lexicons.h"

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/absl_view.h"
#include "common/status_macros.h"
#include "common/utf8.h"

namespace guestvoice::analysis {
namespace {

// The reference splits on '\n' after dropping trailing newlines and strips
// each line, which also removes the '\r' of the files' CRLF line ends.
std::vector<std::string_view> ReferenceLines(std::string_view contents) {
  while (!contents.empty() && contents.back() == '\n')
    contents.remove_suffix(1);
  return SplitOn(contents, '\n');
}

// The first two fields of a tab-separated line, as SplitOn(line, '\t')
// gives them, without building the list of every field (these files have
// thousands of lines). False when the line has a single field.
bool FirstTwoFields(std::string_view line, std::string_view* first,
                    std::string_view* second) {
  const std::size_t tab = line.find('\t');
  if (tab == std::string_view::npos) return false;
  *first = line.substr(0, tab);
  const std::string_view rest = line.substr(tab + 1);
  *second = rest.substr(0, rest.find('\t'));
  return true;
}

absl::StatusOr<double> ParseValence(std::string_view field,
                                    std::string_view line) {
  double value = 0;
  if (!absl::SimpleAtod(AbslView(field), &value)) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad valence in: ", AbslView(line)));
  }
  return value;
}

bool IsLowercaseAsciiWord(std::string_view word) {
  if (word.empty()) return false;
  for (char c : word) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80 || absl::ascii_isupper(byte) || absl::ascii_isspace(byte))
      return false;
  }
  return true;
}

// Lowercase ASCII words separated by single spaces: a word, or a phrase.
bool IsLowercaseAsciiPhrase(std::string_view phrase) {
  for (std::string_view word : SplitOn(phrase, ' ')) {
    if (!IsLowercaseAsciiWord(word)) return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<ValenceLexicon> ValenceLexicon::ParseVader(
    std::string_view contents) {
  ValenceLexicon lexicon;
  for (std::string_view line : ReferenceLines(contents)) {
    if (line.empty()) continue;  // the reference skips empty lines first
    std::string_view word;
    std::string_view mean;
    if (!FirstTwoFields(StripAsciiWhitespace(line), &word, &mean)) {
      return absl::InvalidArgumentError(
          absl::StrCat("bad line: ", AbslView(line)));
    }
    absl::StatusOr<double> valence = ParseValence(mean, line);
    if (!valence.ok()) return valence.status();
    lexicon.valences_.insert_or_assign(std::string(word), *valence);
  }
  return lexicon;
}

absl::StatusOr<ValenceLexicon> ValenceLexicon::ParseSupplement(
    std::string_view contents) {
  ValenceLexicon lexicon;
  int line_number = 0;
  for (std::string_view line : SplitOn(contents, '\n')) {
    ++line_number;
    line = StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string_view> fields = SplitOn(line, '\t');
    const bool negated_only = fields.size() == 3 && fields[2] == "negated";
    if (fields.size() != 2 && !negated_only) {
      return absl::InvalidArgumentError(absl::StrCat(
          "line ", line_number,
          ": expected <word>\\t<valence>[\\tnegated]: ", AbslView(line)));
    }
    if (fields[0] == "version") {
      lexicon.version_ = std::string(fields[1]);
      continue;
    }
    if (!IsLowercaseAsciiPhrase(fields[0])) {
      return absl::InvalidArgumentError(absl::StrCat(
          "line ", line_number,
          ": words must be lowercase ASCII, a phrase's separated by single "
          "spaces: ",
          AbslView(line)));
    }
    absl::StatusOr<double> valence = ParseValence(fields[1], line);
    if (!valence.ok()) return valence.status();
    auto& entries = fields[0].find(' ') == std::string_view::npos
                        ? lexicon.valences_
                        : lexicon.phrases_;
    if (!entries.emplace(std::string(fields[0]), *valence).second) {
      return absl::InvalidArgumentError(absl::StrCat(
          "line ", line_number, ": duplicate word: ", AbslView(fields[0])));
    }
    if (negated_only) lexicon.negated_only_.emplace(fields[0]);
  }
  if (lexicon.version_.empty()) {
    return absl::InvalidArgumentError("missing version line");
  }
  return lexicon;
}

absl::StatusOr<EmojiLexicon> EmojiLexicon::Parse(std::string_view contents) {
  EmojiLexicon lexicon;
  for (std::string_view line : ReferenceLines(contents)) {
    std::string_view emoji;
    std::string_view description;
    if (!FirstTwoFields(StripAsciiWhitespace(line), &emoji, &description) ||
        emoji.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("bad line: ", AbslView(line)));
    }
    const utf8::Step first = utf8::Decode(emoji, 0);
    if (!first.well_formed) {
      return absl::InvalidArgumentError(
          absl::StrCat("bad UTF-8 in: ", AbslView(line)));
    }
    if (first.length != emoji.size()) continue;
    lexicon.descriptions_.insert_or_assign(first.code_point,
                                           std::string(description));
  }
  return lexicon;
}

absl::Status ForEachVersionedPair(
    std::string_view contents, std::string_view shape, std::string_view marker,
    absl::FunctionRef<absl::Status(int line_number, std::string_view line,
                                   std::string_view first,
                                   std::string_view second, bool marked)>
        entry) {
  bool has_version = false;
  int line_number = 0;
  for (std::string_view line : SplitOn(contents, '\n')) {
    ++line_number;
    line = StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    const std::vector<std::string_view> fields = SplitOn(line, '\t');
    const bool marked =
        !marker.empty() && fields.size() == 3 && fields[2] == marker;
    if (fields.size() != 2 && !marked) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", line_number, ": expected ", AbslView(shape),
                       ": ", AbslView(line)));
    }
    if (fields[0] == "version") {
      if (has_version) {
        return absl::InvalidArgumentError(
            absl::StrCat("line ", line_number, ": a second version line"));
      }
      has_version = true;
      continue;
    }
    RETURN_IF_ERROR(entry(line_number, line, fields[0], fields[1], marked));
  }
  if (!has_version) return absl::InvalidArgumentError("missing version line");
  return absl::OkStatus();
}

absl::StatusOr<EmojiSupplement> EmojiSupplement::Parse(
    std::string_view contents) {
  EmojiSupplement supplement;
  RETURN_IF_ERROR(ForEachVersionedPair(
      contents, "<emoji>\\t<valence>", /*marker=*/"",
      [&](int line_number, std::string_view line, std::string_view emoji,
          std::string_view valence, bool) -> absl::Status {
        const utf8::Step step = utf8::Decode(emoji, 0);
        if (!step.well_formed || step.length != emoji.size() ||
            step.code_point < 0x80) {
          return absl::InvalidArgumentError(absl::StrCat(
              "line ", line_number,
              ": expected one emoji (a single code point): ", AbslView(line)));
        }
        ASSIGN_OR_RETURN(const double value, ParseValence(valence, line));
        if (!supplement.valences_.emplace(step.code_point, value).second) {
          return absl::InvalidArgumentError(absl::StrCat(
              "line ", line_number, ": duplicate emoji: ", AbslView(emoji)));
        }
        return absl::OkStatus();
      }));
  return supplement;
}

}  // namespace guestvoice::analysis
