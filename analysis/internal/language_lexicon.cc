#include "analysis/internal/language_lexicon.h"

#include <cstddef>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "analysis/internal/lexicons.h"
#include "analysis/internal/python_unicode.h"
#include "common/absl_view.h"
#include "common/status_macros.h"
#include "common/utf8.h"

namespace guestvoice::analysis {
namespace {

// The quoted value after `key` on `line`, if `key` is there.
bool QuotedValue(std::string_view line, std::string_view key,
                 std::string_view* value) {
  const std::size_t at = line.find(key);
  if (at == std::string_view::npos) return false;
  const std::size_t begin = at + key.size();
  const std::size_t end = line.find('"', begin);
  if (end == std::string_view::npos) return false;
  *value = line.substr(begin, end - begin);
  return true;
}

// A field's value in either format: ` form="` (XML) or `"form": "` (JSON).
bool FindField(std::string_view line, std::string_view name,
               std::string_view* value) {
  return QuotedValue(line, absl::StrCat(" ", AbslView(name), "=\""), value) ||
         QuotedValue(line, absl::StrCat("\"", AbslView(name), "\": \""), value);
}

// Python's str.lower(), as texts are lowered before lookup: German forms
// start with capitals beyond ASCII ("Ärger", "Übel").
std::string Lowercase(std::string_view word) {
  std::string lower;
  lower.reserve(word.size());
  for (std::size_t pos = 0; pos < word.size();) {
    const utf8::Step step = utf8::Decode(word, pos);
    PythonUnicode::Default().AppendLowercase(step.code_point, &lower);
    pos += step.length;
  }
  return lower;
}

bool IsLowercaseWord(std::string_view word) {
  if (word.empty() || !utf8::IsValid(word)) return false;
  for (char c : word) {
    if (absl::ascii_isupper(static_cast<unsigned char>(c)) ||
        absl::ascii_isspace(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

// A supplement entry: a lowercase word, or an idiom of such words separated
// by single spaces ("pas terrible").
bool IsLowercaseWordOrPhrase(std::string_view entry) {
  for (std::string_view word : SplitOn(entry, ' ')) {
    if (!IsLowercaseWord(word)) return false;
  }
  return true;
}

absl::Status DuplicateWord(int line_number, std::string_view word) {
  return absl::InvalidArgumentError(
      absl::StrCat("line ", line_number, ": duplicate word: ", AbslView(word)));
}

}  // namespace

absl::StatusOr<WordValences> ParsePatternLexicon(std::string_view contents) {
  struct Sum {
    double polarity = 0;
    int senses = 0;
  };
  absl::flat_hash_map<std::string, Sum> sums;
  std::string form;
  int line_number = 0;
  bool in_comment = false;
  for (std::string_view line : SplitOn(contents, '\n')) {
    ++line_number;
    // An XML comment may show an example entry (textblob-de's German
    // lexicon does): it is no sense of its own.
    if (line.find("<!--") != std::string_view::npos) in_comment = true;
    if (in_comment) {
      in_comment = line.find("-->") == std::string_view::npos;
      continue;
    }
    std::string_view value;
    if (FindField(line, "form", &value)) {
      if (!utf8::IsValid(value)) {
        return absl::InvalidArgumentError(
            absl::StrCat("line ", line_number, ": form is not valid UTF-8"));
      }
      form = Lowercase(value);
    }
    if (!FindField(line, "polarity", &value)) continue;
    double polarity = 0;
    if (form.empty() || !absl::SimpleAtod(AbslView(value), &polarity) ||
        polarity < -1 || polarity > 1) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", line_number, ": bad polarity entry"));
    }
    Sum& sum = sums[form];
    sum.polarity += polarity;
    ++sum.senses;
    form.clear();
  }
  if (sums.empty()) return absl::InvalidArgumentError("no entries");
  WordValences valences;
  valences.reserve(sums.size());
  for (auto& [word, sum] : sums) {
    valences.emplace(word, kPatternToVader * sum.polarity / sum.senses);
  }
  return valences;
}

absl::StatusOr<WordValences> ParseVaderFormatLexicon(
    std::string_view contents) {
  absl::StatusOr<ValenceLexicon> lexicon = ValenceLexicon::ParseVader(contents);
  if (!lexicon.ok()) return lexicon.status();
  if (lexicon->size() == 0) return absl::InvalidArgumentError("no entries");
  WordValences valences;
  valences.reserve(lexicon->size());
  for (const auto& [word, valence] : lexicon->entries()) {
    valences.emplace(word, valence);
  }
  return valences;
}

absl::StatusOr<WordValences> ParseAfinnLexicon(std::string_view contents) {
  WordValences valences;
  int line_number = 0;
  for (std::string_view line : SplitOn(contents, '\n')) {
    ++line_number;
    line = StripAsciiWhitespace(line);
    if (line.empty() || line == "{" || line == "}") continue;
    // "word": 3,   (the last entry has no comma)
    const std::size_t colon = line.rfind("\":");
    int score = 0;
    std::string_view number =
        colon == std::string_view::npos ? "" : line.substr(colon + 2);
    if (!number.empty() && number.back() == ',') number.remove_suffix(1);
    if (line.front() != '"' || colon == std::string_view::npos || colon < 1 ||
        !absl::SimpleAtoi(AbslView(StripAsciiWhitespace(number)), &score) ||
        score == 0 || score < -5 || score > 5) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", line_number, ": expected \"word\": -5..5"));
    }
    const std::string_view word = line.substr(1, colon - 1);
    if (!utf8::IsValid(word)) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", line_number, ": word is not valid UTF-8"));
    }
    const double magnitude = kAfinnToVader[score < 0 ? -score : score];
    valences[Lowercase(word)] = score < 0 ? -magnitude : magnitude;
  }
  if (valences.empty()) return absl::InvalidArgumentError("no entries");
  return valences;
}

absl::StatusOr<LanguageSupplement> ParseLanguageSupplement(
    std::string_view contents) {
  LanguageSupplement supplement;
  WordValences& valences = supplement.valences;
  RETURN_IF_ERROR(ForEachVersionedPair(
      contents, "<word>\\t<valence>[\\tnegated]", "negated",
      [&](int line_number, std::string_view line, std::string_view word,
          std::string_view value, bool negated_only) -> absl::Status {
        double valence = 0;
        if (!IsLowercaseWordOrPhrase(word) ||
            !absl::SimpleAtod(AbslView(value), &valence) || valence < -4 ||
            valence > 4) {
          return absl::InvalidArgumentError(absl::StrCat(
              "line ", line_number,
              ": expected a lowercase word or phrase and a valence in -4..4: ",
              AbslView(line)));
        }
        if (!valences.emplace(std::string(word), valence).second) {
          return DuplicateWord(line_number, word);
        }
        if (negated_only) {
          if (word.find(' ') != std::string_view::npos) {
            return absl::InvalidArgumentError(
                absl::StrCat("line ", line_number,
                             ": \"negated\" marks single words, not phrases: ",
                             AbslView(line)));
          }
          supplement.negated_only.emplace(word);
        }
        return absl::OkStatus();
      }));
  return supplement;
}

absl::StatusOr<VaderTranslations> ParseVaderTranslations(
    std::string_view contents, const ValenceLexicon& vader) {
  VaderTranslations translations;
  RETURN_IF_ERROR(ForEachVersionedPair(
      contents, "<word>\\t<english>", /*marker=*/"",
      [&](int line_number, std::string_view line, std::string_view word,
          std::string_view english, bool /*marked*/) -> absl::Status {
        if (!IsLowercaseWord(word)) {
          return absl::InvalidArgumentError(
              absl::StrCat("line ", line_number,
                           ": expected one lowercase word: ", AbslView(line)));
        }
        const double* valence = vader.Find(english);
        if (valence == nullptr) {
          return absl::InvalidArgumentError(
              absl::StrCat("line ", line_number, ": VADER does not rate \"",
                           AbslView(english), "\""));
        }
        if (!translations.valences.emplace(std::string(word), *valence)
                 .second) {
          return DuplicateWord(line_number, word);
        }
        if (word == english) translations.same_as_english.emplace(word);
        return absl::OkStatus();
      }));
  return translations;
}

}  // namespace guestvoice::analysis
