#include "analysis/internal/text_ratings.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <system_error>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "common/absl_view.h"

namespace guestvoice::analysis {
namespace {

// Full marks weigh as "excellent" does in VADER's lexicon; three of five is
// what a guest gives a stay with nothing to praise; below it blame grows as
// praise does above it, and nothing at all weighs a little more than one of
// five.
constexpr double kMiddlingFraction = 0.6;
constexpr double kFullMarksValence = 3.0;
constexpr double kNothingValence = -3.4;

// UTF-8 of the star symbols: "★", "☆", "⭐", and the emoji presentation
// selector that may follow one.
constexpr std::string_view kBlackStar = "\u2605";
constexpr std::string_view kWhiteStar = "\u2606";
constexpr std::string_view kStarEmoji = "\u2b50";
constexpr std::string_view kPresentationSelector = "\ufe0f";

struct NumberWord {
  std::string_view word;
  int value;
  // "un", "ein", "een": a number only before a singular word for star.
  bool article;
};

// Zero to five and ten in the seven languages scored, lowercase.
constexpr NumberWord kNumberWords[] = {
    {"zero", 0, false},   {"zéro", 0, false},   {"null", 0, false},
    {"cero", 0, false},   {"nul", 0, false},    {"one", 1, false},
    {"eins", 1, false},   {"één", 1, false},    {"eén", 1, false},
    {"un", 1, true},      {"une", 1, true},     {"una", 1, true},
    {"uno", 1, true},     {"ein", 1, true},     {"eine", 1, true},
    {"einen", 1, true},   {"een", 1, true},     {"um", 1, true},
    {"uma", 1, true},     {"two", 2, false},    {"deux", 2, false},
    {"zwei", 2, false},   {"dos", 2, false},    {"due", 2, false},
    {"dois", 2, false},   {"duas", 2, false},   {"twee", 2, false},
    {"three", 3, false},  {"trois", 3, false},  {"drei", 3, false},
    {"tres", 3, false},   {"tre", 3, false},    {"três", 3, false},
    {"drie", 3, false},   {"four", 4, false},   {"quatre", 4, false},
    {"vier", 4, false},   {"cuatro", 4, false}, {"quattro", 4, false},
    {"quatro", 4, false}, {"five", 5, false},   {"cinq", 5, false},
    {"fünf", 5, false},   {"cinco", 5, false},  {"cinque", 5, false},
    {"vijf", 5, false},   {"ten", 10, false},   {"dix", 10, false},
    {"zehn", 10, false},  {"diez", 10, false},  {"dieci", 10, false},
    {"dez", 10, false},   {"tien", 10, false},
};

constexpr std::string_view kSingularStars[] = {
    "star", "étoile", "stern", "estrella", "stella", "estrela", "ster"};
constexpr std::string_view kPluralStars[] = {"stars",    "étoiles",   "sterne",
                                             "sternen",  "estrellas", "stelle",
                                             "estrelas", "sterren"};
constexpr std::string_view kPoints[] = {"points", "punkte", "punkten", "punti",
                                        "puntos", "pontos", "punten",  "pts"};
// The word between "4" and "5" of "4 out of 5" (after "out"), and its
// equivalents: "3 von 5", "4 sur 5", "8 su 10", "4 op 5", "8 uit 10",
// "4 de 5", "4 sobre 5", "4 em 5".
constexpr std::string_view kOutOf[] = {"von", "sur", "su",    "op", "uit",
                                       "van", "de",  "sobre", "em"};
// Words before a number that make its stars a class, not a rating: articles,
// possessives, prepositions ("a 5 star hotel", "its 5 stars", "hotel de 5
// estrellas", "un 5 stelle").
constexpr std::string_view kClassBefore[] = {
    "a",    "an",    "the",   "un",  "une",   "una",  "uno",   "ein",
    "eine", "einem", "eines", "een", "um",    "uma",  "de",    "di",
    "da",   "del",   "les",   "die", "der",   "das",  "los",   "las",
    "gli",  "os",    "het",   "its", "their", "ses",  "seine", "ihre",
    "sus",  "suoi",  "zijn",  "hun", "hotel", "hôtel"};
// Words after stars that make them a class: "5 stars hotel", "5 Sterne
// Hotel", "5 estrelas hotel".
constexpr std::string_view kClassNouns[] = {
    "hotel",   "hotels",  "hôtel",  "hôtels",   "resort",
    "resorts", "albergo", "hostel", "property", "unterkunft"};
// Words before an article that make "ein Stern" a person ("sie war ein
// Stern", "es una estrella").
constexpr std::string_view kCopulas[] = {"is",  "was", "est",   "ist",
                                         "war", "es",  "era",   "è",
                                         "é",   "foi", "c'est", "waren"};
// Words before "1/5" that make it a date: "on 1/5", "le 10/10", "am 3/5".
constexpr std::string_view kDateBefore[] = {
    "on",  "le",   "am", "el",    "il",   "op", "em",  "du",
    "vom", "from", "to", "until", "till", "au", "bis", "al"};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return absl::EqualsIgnoreCase(AbslView(a), AbslView(b));
}

// Whether `word` is one of `words` (lowercase), ASCII letters compared
// without case: "Sterne", "Five".
template <std::size_t N>
bool IsOneOf(std::string_view word, const std::string_view (&words)[N]) {
  for (std::string_view listed : words) {
    if (EqualsIgnoreCase(word, listed)) return true;
  }
  return false;
}

// A run of non-whitespace: where it is, and its word without the
// punctuation around it.
struct Run {
  std::size_t begin;
  std::size_t end;
  std::string_view core;
  // Punctuation ending a clause follows the word (or nothing does).
  bool ends_clause;
};

bool IsAsciiSpace(char c) {
  return absl::ascii_isspace(static_cast<unsigned char>(c));
}

bool IsLeadingPunctuation(char c) {
  return c == '(' || c == '[' || c == '"' || c == '\'' || c == '*';
}

bool IsTrailingPunctuation(char c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
         c == ')' || c == ']' || c == '"' || c == '\'' || c == '*';
}

bool IsClauseEnd(char c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?';
}

// Digits with at most one decimal mark ("8", "8.5", "8,5").
std::optional<double> ParseDigits(std::string_view text) {
  constexpr std::size_t kMaxDigits = 6;
  if (text.empty() || text.size() > kMaxDigits ||
      !absl::ascii_isdigit(static_cast<unsigned char>(text.front())) ||
      !absl::ascii_isdigit(static_cast<unsigned char>(text.back()))) {
    return std::nullopt;
  }
  char normal[kMaxDigits];
  int marks = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' || c == ',') {
      ++marks;
      normal[i] = '.';
    } else if (absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      normal[i] = c;
    } else {
      return std::nullopt;
    }
  }
  double value = 0;
  if (marks > 1 ||
      std::from_chars(normal, normal + text.size(), value).ec != std::errc()) {
    return std::nullopt;
  }
  return value;
}

struct Number {
  double value;
  bool article;
};

std::optional<Number> ParseNumber(std::string_view word) {
  if (std::optional<double> digits = ParseDigits(word)) {
    return Number{*digits, false};
  }
  for (const NumberWord& number : kNumberWords) {
    if (EqualsIgnoreCase(word, number.word)) {
      return Number{static_cast<double>(number.value), number.article};
    }
  }
  return std::nullopt;
}

bool IsScale(double value) {
  return value == 5 || value == 10 || value == 20 || value == 100;
}

double Valence(double score, double scale) {
  const double fraction = score / scale;
  return std::clamp((fraction - kMiddlingFraction) / (1 - kMiddlingFraction) *
                        kFullMarksValence,
                    kNothingValence, kFullMarksValence);
}

// The star symbols `word` is made of, if it is made of nothing else:
// {filled, empty}.
std::optional<std::pair<int, int>> CountStarSymbols(std::string_view word) {
  int filled = 0;
  int empty = 0;
  while (!word.empty()) {
    if (word.substr(0, kBlackStar.size()) == kBlackStar) {
      ++filled;
      word.remove_prefix(kBlackStar.size());
    } else if (word.substr(0, kStarEmoji.size()) == kStarEmoji) {
      ++filled;
      word.remove_prefix(kStarEmoji.size());
    } else if (word.substr(0, kWhiteStar.size()) == kWhiteStar) {
      ++empty;
      word.remove_prefix(kWhiteStar.size());
    } else if (word.substr(0, kPresentationSelector.size()) ==
               kPresentationSelector) {
      word.remove_prefix(kPresentationSelector.size());
    } else {
      return std::nullopt;
    }
  }
  if (filled + empty == 0) return std::nullopt;
  return std::make_pair(filled, empty);
}

// Whether `word` starts with a digit or a star symbol, as a rating's first
// word does unless it is a number in words ("five stars").
bool StartsWithDigitOrStar(std::string_view word) {
  return !word.empty() &&
         (absl::ascii_isdigit(static_cast<unsigned char>(word.front())) ||
          word.substr(0, kBlackStar.size()) == kBlackStar ||
          word.substr(0, kWhiteStar.size()) == kWhiteStar ||
          word.substr(0, kStarEmoji.size()) == kStarEmoji);
}

bool IsStarWord(std::string_view word) {
  constexpr std::size_t kShortest = 4;  // "star", "ster"
  constexpr std::size_t kLongest = 9;   // "estrellas"
  if (word.size() < kShortest || word.size() > kLongest) return false;
  // Each starts with "st", "es" or "é" (0xC3 0xA9).
  const char first = absl::ascii_tolower(word[0]);
  const char second = absl::ascii_tolower(word[1]);
  if (!(first == 's' && second == 't') && !(first == 'e' && second == 's') &&
      !(first == '\xc3' && second == '\xa9')) {
    return false;
  }
  return IsOneOf(word, kSingularStars) || IsOneOf(word, kPluralStars);
}

// Where a rating may start: a word that starts with a digit or a star
// symbol, or a word for stars (whose number stands before it).
struct Anchor {
  std::size_t begin;  // of the word without leading punctuation
  bool star_word;
};

// The first anchor at or after byte `from`. Every other byte costs a table
// look-up: most texts hold no rating, and the analyser looks at each text's
// clauses and sentences again on their own.
std::optional<Anchor> NextAnchor(std::string_view text, std::size_t from) {
  // 1: a digit, or the first byte of a star symbol (and of other symbols:
  // "’", "—"); 2: a letter that a word for stars starts with ("s", "e",
  // "é").
  static constexpr std::array<unsigned char, 256> kClasses = [] {
    std::array<unsigned char, 256> classes{};
    for (int c = '0'; c <= '9'; ++c) classes[c] = 1;
    classes[0xE2] = 1;
    for (int c : {int{'s'}, int{'S'}, int{'e'}, int{'E'}, 0xC3}) classes[c] = 2;
    return classes;
  }();
  for (std::size_t i = from; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (kClasses[c] == 0 || (i > 0 && !IsAsciiSpace(text[i - 1]) &&
                             !IsLeadingPunctuation(text[i - 1]))) {
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && !IsAsciiSpace(text[end])) ++end;
    std::string_view word = text.substr(i, end - i);
    if (kClasses[c] == 1) {
      if (StartsWithDigitOrStar(word)) return Anchor{i, false};
    } else {
      while (!word.empty() && IsTrailingPunctuation(word.back())) {
        word.remove_suffix(1);
      }
      if (IsStarWord(word)) return Anchor{i, true};
    }
    i = end;
  }
  return std::nullopt;
}

class RatingFinder {
 public:
  RatingFinder(std::string_view text, std::vector<TextRating>* ratings)
      : text_(text), ratings_(ratings) {}

  void Find() {
    // Where the last rating found ends: none starts before it.
    std::size_t taken = 0;
    for (std::optional<Anchor> anchor = NextAnchor(text_, 0);
         anchor.has_value(); anchor = NextAnchor(text_, taken)) {
      const std::size_t r = LoadRunsAround(anchor->begin);
      std::size_t last = kNone;
      if (!anchor->star_word) {
        last = RatingAt(r);
      } else if (r > 0 && !StartsWithDigitOrStar(Core(r - 1))) {
        // A number in words before it ("five stars", "three out of five
        // stars"), passed over.
        std::size_t first = r - 1;
        if (r >= 3 && IsOneOf(Core(r - 2), kOutOf)) first = r - 3;
        if (r >= 4 && EqualsIgnoreCase(Core(r - 3), "out") &&
            EqualsIgnoreCase(Core(r - 2), "of")) {
          first = r - 4;
        }
        if (runs_[first].begin >= taken) last = RatingAt(first);
      }
      taken = runs_[last != kNone ? last : r].end;
    }
  }

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  // The runs a rating may span around its anchor: "three out of five
  // stars" has four before the word for stars; a rating's first run looks
  // one back and four ahead.
  static constexpr std::size_t kRunsBefore = 5;
  static constexpr std::size_t kRunsAfter = 5;

  // Loads into runs_ the run holding byte `at` and those around it; returns
  // its index.
  std::size_t LoadRunsAround(std::size_t at) {
    runs_.clear();
    std::size_t begin = at;
    while (begin > 0 && !IsAsciiSpace(text_[begin - 1])) --begin;
    std::size_t pos = begin;
    for (std::size_t k = 0; k < kRunsBefore; ++k) {
      while (pos > 0 && IsAsciiSpace(text_[pos - 1])) --pos;
      if (pos == 0) break;
      const std::size_t end = pos;
      while (pos > 0 && !IsAsciiSpace(text_[pos - 1])) --pos;
      runs_.push_back(MakeRun(pos, end));
    }
    std::reverse(runs_.begin(), runs_.end());
    const std::size_t anchor = runs_.size();
    pos = begin;
    for (std::size_t k = 0; k < kRunsAfter; ++k) {
      while (pos < text_.size() && IsAsciiSpace(text_[pos])) ++pos;
      if (pos == text_.size()) break;
      const std::size_t run_begin = pos;
      while (pos < text_.size() && !IsAsciiSpace(text_[pos])) ++pos;
      runs_.push_back(MakeRun(run_begin, pos));
    }
    return anchor;
  }

  Run MakeRun(std::size_t begin, std::size_t end) const {
    std::size_t core_begin = begin;
    std::size_t core_end = end;
    while (core_begin < core_end && IsLeadingPunctuation(text_[core_begin])) {
      ++core_begin;
    }
    bool ends_clause = end == text_.size();
    while (core_end > core_begin &&
           IsTrailingPunctuation(text_[core_end - 1])) {
      ends_clause = ends_clause || IsClauseEnd(text_[core_end - 1]);
      --core_end;
    }
    return {begin, end, text_.substr(core_begin, core_end - core_begin),
            ends_clause};
  }

  std::string_view Core(std::size_t r) const {
    return r < runs_.size() ? runs_[r].core : std::string_view();
  }

  void Add(std::size_t first, std::size_t last, double score, double scale) {
    ratings_->push_back(
        {runs_[first].begin, runs_[last].end, Valence(score, scale)});
  }

  // The rating that starts at run `r`: adds it and returns its last run, or
  // kNone.
  std::size_t RatingAt(std::size_t r) {
    const std::string_view word = Core(r);
    if (word.empty()) return kNone;
    if (std::optional<std::pair<int, int>> stars = CountStarSymbols(word)) {
      const auto [filled, empty] = *stars;
      // A lone star or two is decoration ("Great stay ⭐"); empty stars
      // make a scale of any length.
      if (empty > 0 ? filled + empty <= 10 : filled >= 3 && filled <= 5) {
        Add(r, r, filled, empty > 0 ? filled + empty : 5);
        return r;
      }
      return kNone;
    }
    if (const std::size_t slash = word.find('/');
        slash != std::string_view::npos) {
      std::optional<double> score = ParseDigits(word.substr(0, slash));
      std::optional<double> scale = ParseDigits(word.substr(slash + 1));
      const bool date = r > 0 && IsOneOf(Core(r - 1), kDateBefore);
      if (score && scale && IsScale(*scale) && *score <= *scale && !date) {
        Add(r, r, *score, *scale);
        return r;
      }
      return kNone;
    }
    // "5⭐": a number and the symbol in one run.
    const std::size_t digits_end = word.find_first_not_of("0123456789.,");
    if (digits_end != std::string_view::npos && digits_end > 0) {
      std::optional<double> score = ParseDigits(word.substr(0, digits_end));
      std::optional<std::pair<int, int>> stars =
          CountStarSymbols(word.substr(digits_end));
      if (score && stars && *score <= 5) {
        Add(r, r, *score, 5);
        return r;
      }
      return kNone;
    }
    std::optional<Number> number = ParseNumber(word);
    if (!number) return kNone;
    // The word before, in the same clause ("Hotel: 5 stars" rates).
    const std::string_view before =
        r > 0 && !runs_[r - 1].ends_clause ? Core(r - 1) : std::string_view();
    const std::string_view next = Core(r + 1);
    // "4 out of 5", "3 von 5 Sternen".
    std::size_t scale_run = kNone;
    bool any_ending = false;
    if (EqualsIgnoreCase(next, "out") && EqualsIgnoreCase(Core(r + 2), "of")) {
      scale_run = r + 3;
      any_ending = true;
    } else if (IsOneOf(next, kOutOf)) {
      scale_run = r + 2;
    }
    if (scale_run != kNone && !number->article) {
      std::optional<Number> scale = ParseNumber(Core(scale_run));
      if (!scale || scale->article || !IsScale(scale->value) ||
          number->value > scale->value) {
        return kNone;
      }
      const std::string_view after = Core(scale_run + 1);
      const bool unit = IsOneOf(after, kSingularStars) ||
                        IsOneOf(after, kPluralStars) || IsOneOf(after, kPoints);
      if (!any_ending && !unit && !runs_[scale_run].ends_clause) return kNone;
      const std::size_t last = unit ? scale_run + 1 : scale_run;
      Add(r, last, number->value, scale->value);
      return last;
    }
    // "5 stars", "una estrella", "5 ⭐".
    const bool plural =
        IsOneOf(next, kPluralStars) || CountStarSymbols(next).has_value();
    const bool singular = IsOneOf(next, kSingularStars);
    if (!plural && !singular) return kNone;
    if (singular && number->value > 1) return kNone;
    if (plural && (number->article || number->value > 5)) return kNone;
    if (IsOneOf(before, kClassBefore)) return kNone;
    if (number->article && IsOneOf(before, kCopulas)) return kNone;
    if (!runs_[r + 1].ends_clause && IsOneOf(Core(r + 2), kClassNouns)) {
      return kNone;
    }
    Add(r, r + 1, number->value, 5);
    return r + 1;
  }

  const std::string_view text_;
  std::vector<TextRating>* const ratings_;
  // Per-thread scratch: kept between texts so that nothing is allocated
  // once warmed up.
  static thread_local std::vector<Run> runs_;
};

thread_local std::vector<Run> RatingFinder::runs_;

}  // namespace

bool MayAnchorRating(std::string_view word) {
  while (!word.empty() && IsTrailingPunctuation(word.back())) {
    word.remove_suffix(1);
  }
  return StartsWithDigitOrStar(word) || IsStarWord(word);
}

void FindTextRatings(std::string_view valid_text,
                     std::vector<TextRating>* ratings) {
  ratings->clear();
  RatingFinder(valid_text, ratings).Find();
}

}  // namespace guestvoice::analysis
