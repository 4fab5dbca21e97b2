#ifndef GUESTVOICE_ANALYSIS_INTERNAL_LANGUAGE_IDENTIFIER_H_
#define GUESTVOICE_ANALYSIS_INTERNAL_LANGUAGE_IDENTIFIER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "analysis/internal/text_words.h"
#include "analysis/internal/word_hash.h"
#include "analysis/language.h"

namespace guestvoice::analysis {

struct IdentifiedLanguage {
  std::string language;  // BCP-47, or kUndeterminedLanguage
  LanguageSource source = LanguageSource::kUndetermined;
  // When undetermined: the analysed languages that tie on knowing the most of
  // the text's words ("Top!" is a word of several), provided each of them
  // knows every word but numbers, the text has no letters of another script
  // and no language was declared; else none. Views of the identifier's codes.
  std::vector<std::string_view> candidates;
};

// Tells the language of a feedback text by the rule in analysis/README.md
// ("Language"):
//  1. CLD2's answer when it calls it reliable, unless the text is short
//     (under kShortTextBytes) and one analysed language knows at least two
//     more than twice as many of its words as CLD2's language does
//     (against English: of the words only one of the two knows), or else
//     the declared language is analysed and fits the words at least as
//     well as CLD2's (DeclaredFitsShortText);
//  2. else the caller's declared code (its primary subtag, lowercased) when
//     the text does not contradict it: no letters of a script the declared
//     language is not written in, and no analysed language knows more of the
//     text's words than the declared one, unless what it knows is a single
//     word without sentiment ("Hotel", a German word, declared "es");
//  3. else the analysed language that knows the most of the text's words,
//     when exactly one does (short texts: "Great stay!"), or when several
//     do and only one of them has a word of sentiment in the text that no
//     other analysed language knows, and no word negates ("Nice hotel.":
//     English's "nice" against German's neutral "Hotel"; not "Nicht
//     nice."),
//     or when several do and the text has Spanish's opening marks ¡ or ¿,
//     which no other analysed language writes, Spanish if it is one of them
//     ("¡Genial!", a word Portuguese knows too);
//  4. else undetermined, with the analysed languages that tie on rule 3 as
//     candidates when each knows all of the text's words (but numbers).
// Immutable and thread-safe.
class LanguageIdentifier {
 public:
  // Below this many bytes CLD2's reliable answer can still be overruled by
  // the words (rule 1).
  static constexpr std::size_t kShortTextBytes = 100;

  // CLD2 reads at most this many bytes of a text (from its start, ending at a
  // space), since it costs about 300 instructions for every byte it reads.
  static constexpr std::size_t kDetectionSampleBytes = 320;

  // A language analysed here, all written in Latin script, with the words
  // its lexicons know (lowercase; the views need to live only as long as the
  // constructor runs).
  struct AnalysedLanguage {
    std::string code;
    std::vector<std::string_view> known_words;
    // Whether known_words are written without diacritics (FoldDiacritics),
    // so that a text's words must be folded to be found among them.
    bool folds_diacritics = false;
    // The known words that carry sentiment in the language: a declared
    // language yields to another only on one of these, or on two or more
    // known words (rule 2).
    std::vector<std::string_view> sentiment_words;
    // The known words that negate what follows ("not", "nicht"): a text
    // with one is not given to a language on a word of sentiment alone
    // (rule 3), as the negation may be the other language's.
    std::vector<std::string_view> negations;
  };

  // At most kMaxAnalysedLanguages languages.
  static constexpr std::size_t kMaxAnalysedLanguages = 32;
  explicit LanguageIdentifier(const std::vector<AnalysedLanguage>& analysed);

  // `valid_text` is valid UTF-8; `declared_language` any string (ignored
  // unless it starts with a 2-3 letter primary language subtag).
  IdentifiedLanguage Identify(std::string_view valid_text,
                              std::string_view declared_language) const;

  // For a text that may change language between sentences: the analysed
  // language `sentence` is in when its words clearly favour one other than
  // `text_language` (at least two more than twice as many known words) and
  // CLD2 reliably agrees; else `text_language`. `sentence_words` are
  // SplitTextWords(valid_sentence)'s words, which the caller may have split
  // once for the whole text. CLD2 runs only on such sentences, so a text in
  // one language costs one lookup per word.
  std::string_view SentenceLanguage(std::string_view valid_sentence,
                                    const std::vector<TextWord>& sentence_words,
                                    std::string_view text_language) const;

 private:
  // Bit i of a word's mask: analysed language i knows the word.
  using LanguageMask = std::uint32_t;
  static_assert(sizeof(LanguageMask) * 8 >= kMaxAnalysedLanguages);

  // How many of a text's words each analysed language knows.
  struct WordEvidence {
    std::string_view detected_code;  // CLD2's answer, if any
    int detected_known = 0;
    bool declared_is_analysed = false;
    int declared_known = 0;
    int declared_index = -1;  // in codes_, when analysed
    bool detected_is_analysed = false;
    int best_known = 0;
    // The words that are not plain numbers ("10", "30" of "10:30"), each
    // occurrence counted as known words are.
    int non_numeric_words = 0;
    int languages_at_best = 0;
    const std::string* best_code = nullptr;
    LanguageMask at_best = 0;  // the languages that know best_known
    // The languages in which a word of the text that no other analysed
    // language knows carries sentiment.
    LanguageMask voiced = 0;
    // Whether a word of the text negates in an analysed language.
    bool negated = false;
    // Against the detected language, when it is analysed and was asked
    // for (Weigh's against_detected): per analysed language, the words it knows
    // and the detected one does not
    // ("geweldig"), and the words the detected one knows and it does not
    // ("was"). Words both know weigh for neither.
    int beyond_detected[kMaxAnalysedLanguages] = {};
    int detected_beyond[kMaxAnalysedLanguages] = {};
  };
  // `against_detected`: also count beyond_detected and detected_beyond
  // (rule 1's exception needs them against English; the per-sentence check
  // does not).
  WordEvidence Weigh(const std::vector<TextWord>& words,
                     std::string_view declared, std::string_view detected,
                     bool against_detected) const;
  // Rule 1's exceptions on a short text: the analysed language whose words
  // clearly overrule CLD2's answer, or nullptr; whether the declared
  // language, analysed here, fits the words at least as well as CLD2's.
  const std::string* OverrulingLanguage(const WordEvidence& evidence) const;
  static bool DeclaredFitsShortText(const WordEvidence& evidence);
  // SplitTextWords(valid_text) weighed.
  WordEvidence WeighText(std::string_view valid_text, std::string_view declared,
                         std::string_view detected) const;
  // Whether no word of `valid_text` carries sentiment in an analysed
  // language that knows it.
  bool HasNoSentimentWord(std::string_view valid_text) const;

  std::vector<std::string> codes_;  // the analysed languages, in order
  // Every word some analysed language knows, and which ones do: one lookup
  // per word whatever the number of languages.
  absl::flat_hash_map<std::string, LanguageMask, WordHash, WordEq> known_by_;
  // The languages whose known words are folded: a word with diacritics is
  // looked up a second time, folded, for them only.
  LanguageMask folding_ = 0;
  // Spanish's bit, when Spanish is analysed (rule 3's opening marks).
  LanguageMask spanish_ = 0;
  // Every word that carries sentiment in some analysed language, as that
  // language stores it (folded where it folds).
  // The languages in which a word carries sentiment.
  absl::flat_hash_map<std::string, LanguageMask, WordHash, WordEq>
      sentiment_by_;
  absl::flat_hash_set<std::string, WordHash, WordEq> negations_;
};

}  // namespace guestvoice::analysis

#endif  // GUESTVOICE_ANALYSIS_INTERNAL_LANGUAGE_IDENTIFIER_H_
