#include "analysis/internal/language_identifier.h"

#include <cassert>
#include <cstddef>
#include <optional>
#include <utility>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "analysis/internal/cld2_detector.h"
#include "analysis/internal/diacritics.h"
#include "analysis/internal/python_unicode.h"
#include "analysis/internal/text_words.h"
#include "common/utf8.h"

namespace guestvoice::analysis {
namespace {

// Whether `text` has ¡ or ¿ (UTF-8 C2 A1, C2 BF), which of the analysed
// languages only Spanish writes.
bool HasSpanishOpeningMark(std::string_view text) {
  return text.find("\xc2\xa1") != std::string_view::npos ||
         text.find("\xc2\xbf") != std::string_view::npos;
}

// The primary language subtag of a BCP-47 tag, lowercased ("pt-BR" -> "pt",
// "ES" -> "es"), or "" when the tag does not start with 2-3 ASCII letters.
std::string PrimarySubtag(std::string_view tag) {
  const std::size_t end = tag.find_first_of("-_");
  const std::string_view primary = tag.substr(0, end);
  if (primary.size() < 2 || primary.size() > 3) return "";
  for (char c : primary) {
    if (!absl::ascii_isalpha(static_cast<unsigned char>(c))) return "";
  }
  std::string lower(primary);
  absl::AsciiStrToLower(&lower);
  return lower;
}

// Whether `code_point` is a letter of a script other than Latin: the blocks
// of the alphabets, abjads, abugidas and ideographs from Greek (U+0370) on,
// and their presentation forms. Combining marks, punctuation, symbols and
// emoji are not letters, so "Très bien 😀" has none.
bool IsNonLatinLetter(char32_t code_point) {
  return (code_point >= 0x0370 && code_point <= 0x1CFF) ||    // Greek..Vedic
         (code_point >= 0x1F00 && code_point <= 0x1FFF) ||    // Greek Extended
         (code_point >= 0x2C00 && code_point <= 0x2C5F) ||    // Glagolitic
         (code_point >= 0x2D00 && code_point <= 0x2DFF) ||    // Georgian..
         (code_point >= 0x2E80 && code_point <= 0xA4CF) ||    // CJK, Kana, Yi
         (code_point >= 0xA500 && code_point <= 0xA6FF) ||    // Vai, Bamum
         (code_point >= 0xA800 && code_point <= 0xABFF) ||    // Indic, Hangul
         (code_point >= 0xAC00 && code_point <= 0xD7FF) ||    // Hangul
         (code_point >= 0xF900 && code_point <= 0xFAFF) ||    // CJK compat.
         (code_point >= 0xFB1D && code_point <= 0xFDFF) ||    // Hebrew, Arabic
         (code_point >= 0xFE70 && code_point <= 0xFEFF) ||    // Arabic forms
         (code_point >= 0xFF66 && code_point <= 0xFFDC) ||    // half-width Kana
         (code_point >= 0x10000 && code_point <= 0x1BFFF) ||  // historic
         (code_point >= 0x20000 && code_point <= 0x3FFFF);    // CJK ext.
}

bool HasNonLatinLetters(std::string_view valid_text) {
  for (std::size_t pos = 0; pos < valid_text.size();) {
    const utf8::Step step = utf8::Decode(valid_text, pos);
    if (IsNonLatinLetter(step.code_point)) return true;
    pos += step.length;
  }
  return false;
}

// What CLD2 reads of a text: all of it up to kDetectionSampleBytes, else its
// start, ending at the last space before that many bytes (so that CLD2 does
// not score half a word). A 600-byte review costs about 380k instructions to
// analyse, of which CLD2 over the whole text took about 180k; its answer
// rests on the words' quadgrams, and a few hundred bytes of them tell the
// languages analysed here apart as surely as more do. A text that changes
// language later is still analysed sentence by sentence (SentenceLanguage).
std::string_view DetectionSample(std::string_view valid_text) {
  constexpr std::size_t kMax = LanguageIdentifier::kDetectionSampleBytes;
  if (valid_text.size() <= kMax) return valid_text;
  const std::string_view sample = utf8::TruncateAtBoundary(valid_text, kMax);
  const std::size_t last_space = sample.find_last_of(" \t\n");
  return last_space != std::string_view::npos && last_space >= kMax / 2
             ? sample.substr(0, last_space)
             : sample;
}

}  // namespace

LanguageIdentifier::LanguageIdentifier(
    const std::vector<AnalysedLanguage>& analysed) {
  assert(analysed.size() <= kMaxAnalysedLanguages);
  std::size_t known_words = 0;
  for (const AnalysedLanguage& language : analysed) {
    known_words += language.known_words.size();
  }
  // Built once per process, but the CLI pays for it on every run: sized
  // once, and a word's key is copied only when it is new.
  known_by_.reserve(known_words);
  for (std::size_t i = 0; i < analysed.size(); ++i) {
    codes_.push_back(analysed[i].code);
    if (analysed[i].folds_diacritics) folding_ |= LanguageMask{1} << i;
    if (analysed[i].code == "es") spanish_ = LanguageMask{1} << i;
    for (std::string_view word : analysed[i].known_words) {
      known_by_.try_emplace(word).first->second |= LanguageMask{1} << i;
    }
    for (std::string_view word : analysed[i].sentiment_words) {
      sentiment_by_.try_emplace(word).first->second |= LanguageMask{1} << i;
    }
    for (std::string_view word : analysed[i].negations) {
      negations_.emplace(word);
    }
  }
}

bool LanguageIdentifier::HasNoSentimentWord(std::string_view valid_text) const {
  thread_local TextWords words;
  SplitTextWords(valid_text, PythonUnicode::Default(), &words);
  std::string folded_buffer;
  for (const TextWord& word : words.words) {
    if (sentiment_by_.contains(word.lower)) return false;
    const std::string_view folded = FoldDiacritics(word.lower, &folded_buffer);
    if (folded.data() != word.lower.data() && sentiment_by_.contains(folded)) {
      return false;
    }
  }
  return true;
}

LanguageIdentifier::WordEvidence LanguageIdentifier::Weigh(
    const std::vector<TextWord>& words, std::string_view declared,
    std::string_view detected, bool against_detected) const {
  int known[kMaxAnalysedLanguages] = {};
  WordEvidence evidence;
  evidence.detected_code = detected;
  LanguageMask detected_mask = 0;
  for (std::size_t i = 0; against_detected && i < codes_.size(); ++i) {
    if (codes_[i] == detected) detected_mask = LanguageMask{1} << i;
  }
  // Every analysed language's bit (there are fewer than 32).
  const LanguageMask all_mask = (LanguageMask{1} << codes_.size()) - 1;
  std::string folded_buffer;
  thread_local absl::flat_hash_set<std::string_view> counted_against;
  counted_against.clear();
  for (const TextWord& word : words) {
    if (!absl::c_all_of(word.lower, absl::ascii_isdigit)) {
      ++evidence.non_numeric_words;
    }
    LanguageMask knowing = 0;
    LanguageMask voicing = 0;
    if (const auto it = known_by_.find(word.lower); it != known_by_.end()) {
      knowing = it->second;
      if (const auto voiced = sentiment_by_.find(word.lower);
          voiced != sentiment_by_.end()) {
        voicing = voiced->second;
      }
    }
    if (folding_ != 0) {
      const std::string_view folded =
          FoldDiacritics(word.lower, &folded_buffer);
      if (folded.data() != word.lower.data()) {
        if (const auto it = known_by_.find(folded); it != known_by_.end()) {
          knowing |= it->second & folding_;
          if (const auto voiced = sentiment_by_.find(folded);
              voiced != sentiment_by_.end()) {
            voicing |= voiced->second & folding_;
          }
        }
      }
    }
    // A word of one language alone, and a word of sentiment in it.
    if ((knowing & (knowing - 1)) == 0) evidence.voiced |= voicing & knowing;
    if (knowing != 0 && negations_.contains(word.lower)) {
      evidence.negated = true;
    }
    for (LanguageMask mask = knowing; mask != 0; mask &= mask - 1) {
      ++known[__builtin_ctz(mask)];
    }
    if (detected_mask == 0 || knowing == 0) continue;
    // Each word once: "a" twice is not two words of Spanish against English.
    if (!counted_against.insert(word.lower).second) continue;
    // A word the detected language knows counts against every language
    // that does not; one it does not know, for every language that does.
    const bool detected_knows = (knowing & detected_mask) != 0;
    for (LanguageMask mask = detected_knows ? all_mask & ~knowing : knowing;
         mask != 0; mask &= mask - 1) {
      const int i = __builtin_ctz(mask);
      ++(detected_knows ? evidence.detected_beyond
                        : evidence.beyond_detected)[i];
    }
  }
  for (std::size_t i = 0; i < codes_.size(); ++i) {
    if (codes_[i] == declared) {
      evidence.declared_is_analysed = true;
      evidence.declared_known = known[i];
      evidence.declared_index = static_cast<int>(i);
    }
    if (codes_[i] == evidence.detected_code) {
      evidence.detected_is_analysed = true;
      evidence.detected_known = known[i];
    }
    if (known[i] > evidence.best_known) {
      evidence.best_known = known[i];
      evidence.best_code = &codes_[i];
      evidence.languages_at_best = 1;
      evidence.at_best = LanguageMask{1} << i;
    } else if (known[i] == evidence.best_known) {
      ++evidence.languages_at_best;
      evidence.at_best |= LanguageMask{1} << i;
    }
  }
  return evidence;
}

const std::string* LanguageIdentifier::OverrulingLanguage(
    const WordEvidence& evidence) const {
  if (evidence.detected_code != "en") {
    // Between the other languages the known words as they stand: at least
    // two more than twice as many as CLD2's language knows. Counting only
    // the words one knows and the other does not would favour the longer
    // word lists (Spanish's function words over Portuguese's).
    if (evidence.best_code != nullptr && evidence.languages_at_best == 1 &&
        *evidence.best_code != evidence.detected_code &&
        evidence.best_known >= 2 * evidence.detected_known + 2) {
      return evidence.best_code;
    }
    return nullptr;
  }
  // English's lexicon shares loanwords and short words with every language
  // ("was", "super", "top", "no"), which say nothing; against English what
  // counts is the words only one of them knows: at least two more, and
  // twice as many, as English has of its own ("Der Barkeeper war klasse,
  // super Cocktails!": "der" and "klasse" against none; "Parking costs
  // twenty euros a night, a rip-off.": Spanish's "a", counted once, against
  // English's own words).
  const std::string* overruling = nullptr;
  int beyond = 0;
  int against = 0;
  int languages_at_beyond = 0;
  for (std::size_t i = 0; i < codes_.size(); ++i) {
    if (codes_[i] == evidence.detected_code) continue;
    if (evidence.beyond_detected[i] > beyond) {
      beyond = evidence.beyond_detected[i];
      against = evidence.detected_beyond[i];
      overruling = &codes_[i];
      languages_at_beyond = 1;
    } else if (evidence.beyond_detected[i] == beyond) {
      ++languages_at_beyond;
    }
  }
  if (overruling == nullptr || languages_at_beyond != 1 ||
      beyond < against + 2 || beyond < 2 * against) {
    return nullptr;
  }
  return overruling;
}

bool LanguageIdentifier::DeclaredFitsShortText(const WordEvidence& evidence) {
  // CLD2 is often sure of a short text on a few words ("De barman was
  // top, super cocktails!" is English to it); the caller who declared
  // the language knows better unless the words say otherwise: the declared
  // language knows at least one of them, and CLD2's no more words that the
  // declared one does not know than the other way round. Words both know
  // tell nothing ("Nada mal." declared Spanish, which CLD2 calls
  // Portuguese).
  if (!evidence.declared_is_analysed) return false;
  const int i = evidence.declared_index;
  if (!evidence.detected_is_analysed) return evidence.declared_known >= 1;
  if (evidence.declared_known == 0 ||
      evidence.detected_code == std::string_view()) {
    return false;
  }
  return evidence.beyond_detected[i] >= evidence.detected_beyond[i];
}

LanguageIdentifier::WordEvidence LanguageIdentifier::WeighText(
    std::string_view valid_text, std::string_view declared,
    std::string_view detected) const {
  thread_local TextWords words;
  SplitTextWords(valid_text, PythonUnicode::Default(), &words);
  return Weigh(words.words, declared, detected, /*against_detected=*/true);
}

IdentifiedLanguage LanguageIdentifier::Identify(
    std::string_view valid_text, std::string_view declared_language) const {
  const std::string declared = PrimarySubtag(declared_language);
  if (const std::optional<std::string_view> detected =
          DetectLanguageReliably(DetectionSample(valid_text))) {
    // CLD2 sometimes takes a short text for a neighbour ("Het bed was
    // comfortabel" for English): there the words may overrule it.
    if (valid_text.size() < kShortTextBytes) {
      const WordEvidence evidence = WeighText(valid_text, declared, *detected);
      if (const std::string* overruling = OverrulingLanguage(evidence)) {
        return {*overruling, LanguageSource::kDetected};
      }
      if (DeclaredFitsShortText(evidence)) {
        return {declared, LanguageSource::kDeclared};
      }
    }
    return {std::string(*detected), LanguageSource::kDetected};
  }

  // Too short or ambiguous for CLD2: weigh the words each analysed language
  // knows.
  const WordEvidence evidence = WeighText(valid_text, declared, {});
  // The analysed languages are all written in Latin script; a declared
  // language analysed elsewhere may use any script.
  // A single known word without sentiment ("Hotel", which German's lexicon
  // lists) does not contradict a declared language.
  const bool words_agree =
      evidence.declared_known == evidence.best_known ||
      (evidence.best_known == 1 && HasNoSentimentWord(valid_text));
  const bool declared_fits =
      !declared.empty() && words_agree &&
      !(evidence.declared_is_analysed && HasNonLatinLetters(valid_text));
  if (declared_fits) return {declared, LanguageSource::kDeclared};
  if (evidence.best_known > 0 && evidence.languages_at_best == 1) {
    return {*evidence.best_code, LanguageSource::kDetected};
  }
  // Of the languages tied, the only one in which a word no other analysed
  // language knows says something: a review is read as saying something
  // ("Nice hotel.", "Dirty hotel."; not "Super!", which every language
  // knows).
  if (const LanguageMask voiced = evidence.at_best & evidence.voiced;
      evidence.best_known > 0 && !evidence.negated && voiced != 0 &&
      (voiced & (voiced - 1)) == 0) {
    return {codes_[__builtin_ctz(voiced)], LanguageSource::kDetected};
  }
  if (evidence.best_known > 0 && (evidence.at_best & spanish_) != 0 &&
      HasSpanishOpeningMark(valid_text)) {
    return {"es", LanguageSource::kDetected};
  }

  IdentifiedLanguage undetermined{std::string(kUndeterminedLanguage),
                                  LanguageSource::kUndetermined};
  // Candidates only where nothing in the text speaks for another language:
  // every word of it is known to each ("Brudno. Super!" is Polish, whose
  // "brudno" no analysed language knows), it has no letters of another
  // script, and no language was declared (one that fits was taken above).
  const bool all_words_known =
      evidence.best_known > 0 &&
      evidence.best_known == evidence.non_numeric_words;
  if (all_words_known && declared.empty() && !HasNonLatinLetters(valid_text)) {
    for (LanguageMask mask = evidence.at_best; mask != 0; mask &= mask - 1) {
      undetermined.candidates.push_back(codes_[__builtin_ctz(mask)]);
    }
  }
  return undetermined;
}

std::string_view LanguageIdentifier::SentenceLanguage(
    std::string_view valid_sentence,
    const std::vector<TextWord>& sentence_words,
    std::string_view text_language) const {
  const WordEvidence evidence =
      Weigh(sentence_words, {}, text_language, /*against_detected=*/false);
  if (evidence.best_code == nullptr || evidence.languages_at_best != 1 ||
      *evidence.best_code == text_language ||
      evidence.best_known < 2 * evidence.detected_known + 2) {
    return text_language;
  }
  const std::optional<std::string_view> detected =
      DetectLanguageReliably(valid_sentence);
  return detected == *evidence.best_code ? *evidence.best_code : text_language;
}

}  // namespace guestvoice::analysis
