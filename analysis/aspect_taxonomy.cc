#include "analysis/aspect_taxonomy.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "analysis/internal/embedded_data.h"
#include "analysis/internal/embedded_data_check.h"
#include "analysis/internal/python_unicode.h"
#include "analysis/internal/text_words.h"
#include "common/absl_view.h"
#include "common/utf8.h"

namespace guestvoice::analysis {
namespace {

constexpr std::string_view kIgnore = "ignore";
constexpr std::string_view kLanguage = "language";

bool IsLanguageCode(std::string_view code) {
  return code.size() >= 2 && code.size() <= 3 &&
         std::all_of(code.begin(), code.end(),
                     [](char c) { return c >= 'a' && c <= 'z'; });
}

bool IsAspectId(std::string_view id) {
  if (id.empty()) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

absl::Status LineError(int line_number, std::string_view message,
                       std::string_view line) {
  return absl::InvalidArgumentError(absl::StrCat("aspects line ", line_number,
                                                 ": ", AbslView(message), ": ",
                                                 AbslView(line)));
}

}  // namespace

absl::StatusOr<AspectTaxonomy> AspectTaxonomy::Parse(
    std::string_view file_contents) {
  if (!utf8::IsValid(file_contents)) {
    return absl::InvalidArgumentError("aspects file is not valid UTF-8");
  }
  AspectTaxonomy taxonomy;
  // "language:words joined by spaces" + "*" if prefix -> index into terms_.
  absl::flat_hash_map<std::string, std::size_t> term_index;
  TextWords words;
  std::string language = "en";
  int line_number = 0;
  for (std::string_view line : SplitOn(file_contents, '\n')) {
    ++line_number;
    line = StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    const std::vector<std::string_view> fields = SplitOn(line, '\t');
    if (fields.size() != 2 && fields.size() != 3) {
      return LineError(line_number, "expected <aspect>\\t<term>[\\tweak]",
                       line);
    }
    const bool weak = fields.size() == 3;
    if (weak && StripAsciiWhitespace(fields[2]) != "weak") {
      return LineError(line_number, "the third column can only be 'weak'",
                       line);
    }
    const std::string_view name = StripAsciiWhitespace(fields[0]);
    std::string_view phrase = StripAsciiWhitespace(fields[1]);
    if (name == "version") {
      if (!taxonomy.version_.empty()) {
        return LineError(line_number, "second version line", line);
      }
      if (phrase.empty()) return LineError(line_number, "empty version", line);
      taxonomy.version_ = std::string(phrase);
      continue;
    }
    if (name == kLanguage) {
      if (weak || !IsLanguageCode(phrase)) {
        return LineError(line_number, "expected language\\t<2-3 letter code>",
                         line);
      }
      language = std::string(phrase);
      continue;
    }
    const bool ignore = name == kIgnore;
    if (ignore && weak) return LineError(line_number, "weak ignore", line);
    if (!ignore && !IsAspectId(name)) {
      return LineError(line_number, "aspect ids are [a-z0-9_]+", line);
    }
    const bool prefix = !phrase.empty() && phrase.back() == '*';
    if (prefix) phrase.remove_suffix(1);
    if (phrase.find('*') != std::string_view::npos) {
      return LineError(line_number, "'*' is only allowed at the end", line);
    }
    SplitTextWords(phrase, PythonUnicode::Default(), &words);
    if (words.words.empty()) return LineError(line_number, "no words", line);
    if (prefix && words.words.back().end != phrase.size()) {
      return LineError(line_number, "'*' must follow a letter or digit", line);
    }
    Term term;
    for (const TextWord& word : words.words) {
      term.words.emplace_back(word.lower);
    }
    term.last_word_is_prefix = prefix;
    term.language = language;
    std::string key =
        absl::StrCat(language, ":", absl::StrJoin(term.words, " "));
    if (prefix) key += "*";

    int aspect_index = -1;
    if (!ignore) {
      auto it =
          std::find(taxonomy.aspects_.begin(), taxonomy.aspects_.end(), name);
      if (it == taxonomy.aspects_.end()) {
        taxonomy.aspects_.emplace_back(name);
        it = taxonomy.aspects_.end() - 1;
      }
      aspect_index = static_cast<int>(it - taxonomy.aspects_.begin());
    }
    auto [existing, inserted] =
        term_index.emplace(std::move(key), taxonomy.terms_.size());
    if (inserted) {
      if (!ignore) term.aspects.push_back({aspect_index, weak});
      taxonomy.terms_.push_back(std::move(term));
      continue;
    }
    // Spelling variants ("check-in", "check in") split to the same words;
    // listing a term again is harmless, but a term cannot both mention
    // aspects and be ignored, nor be weak and not weak for one aspect.
    Term& known = taxonomy.terms_[existing->second];
    if (ignore != known.aspects.empty()) {
      return LineError(line_number, "term is both ignored and an aspect term",
                       line);
    }
    if (ignore) continue;
    auto same_aspect = std::find_if(
        known.aspects.begin(), known.aspects.end(),
        [&](const AspectRef& ref) { return ref.index == aspect_index; });
    if (same_aspect == known.aspects.end()) {
      known.aspects.push_back({aspect_index, weak});
    } else if (same_aspect->weak != weak) {
      return LineError(line_number, "term listed both weak and not weak", line);
    }
  }
  if (taxonomy.version_.empty()) {
    return absl::InvalidArgumentError("aspects file has no version line");
  }
  if (taxonomy.aspects_.empty()) {
    return absl::InvalidArgumentError("aspects file defines no aspect");
  }
  return taxonomy;
}

const AspectTaxonomy& AspectTaxonomy::Default() {
  static const AspectTaxonomy* const kDefault = [] {
    absl::StatusOr<AspectTaxonomy> parsed = Parse(embedded::AspectTaxonomy());
    if (!parsed.ok()) AbortOnBrokenEmbeddedData(parsed.status());
    return new AspectTaxonomy(*std::move(parsed));
  }();
  return *kDefault;
}

bool AspectTaxonomy::Contains(std::string_view aspect) const {
  return std::find(aspects_.begin(), aspects_.end(), aspect) != aspects_.end();
}

}  // namespace guestvoice::analysis
