#include "analysis/feedback_analyzer.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <iterator>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "analysis/internal/clause_aspects.h"
#include "analysis/internal/clause_segments.h"
#include "analysis/internal/clause_splitter.h"
#include "analysis/internal/hotel_sentiment.h"
#include "analysis/internal/invisible_characters.h"
#include "analysis/internal/language_analyzers.h"
#include "analysis/internal/language_rules.h"
#include "analysis/internal/python_unicode.h"
#include "analysis/internal/sentiment_vocabulary.h"
#include "analysis/internal/text_words.h"
#include "analysis/internal/vader_rules.h"
#include "analysis/internal/vader_tokenizer.h"
#include "analysis/internal/vader_word_table.h"
#include "analysis/score_rounding.h"
#include "analysis/sentiment_band.h"
#include "analysis/text_limits.h"
#include "common/utf8.h"

namespace guestvoice::analysis {
namespace {

// English's words for "and" and "or", where a clause's parts may judge
// different aspects (SegmentClause); the other languages' are their rules'
// conjunctions.
const std::vector<std::string_view> kEnglishConjunctions = {"and", "or"};

// Finds the whole VADER words (runs of non-whitespace) that make up each
// clause, clauses being visited in text order.
class ClauseWords {
 public:
  ClauseWords(std::string_view text, const VaderText& vader_text)
      : text_(text), words_(vader_text.words) {}

  // [first, end) of the words spanning exactly `clause`, or an empty range
  // when a clause boundary falls inside a word ("great!The").
  std::pair<std::size_t, std::size_t> Find(std::string_view clause) {
    const std::size_t begin =
        static_cast<std::size_t>(clause.data() - text_.data());
    const std::size_t end = begin + clause.size();
    while (next_ < words_.size() && words_[next_].begin < begin) ++next_;
    if (next_ == words_.size() || words_[next_].begin != begin) return {0, 0};
    std::size_t last = next_;
    while (last < words_.size() && words_[last].end <= end) ++last;
    if (last == next_ || words_[last - 1].end != end) return {0, 0};
    return {next_, last};
  }

 private:
  std::string_view text_;
  const std::vector<VaderWord>& words_;
  std::size_t next_ = 0;
};

// [first, end) of the VADER words of `text` that start inside `part` (a
// view into it): a part of a clause, whose last word may carry the comma
// the part ends at ("location," of "Great location, terrible breakfast").
std::pair<std::size_t, std::size_t> VaderWordsStartingIn(
    std::string_view text, const VaderText& vader_text, std::string_view part) {
  const std::size_t begin = static_cast<std::size_t>(part.data() - text.data());
  const std::size_t end = begin + part.size();
  auto starts_before = [](const VaderWord& word, std::size_t offset) {
    return word.begin < offset;
  };
  const auto first = std::lower_bound(
      vader_text.words.begin(), vader_text.words.end(), begin, starts_before);
  const auto last =
      std::lower_bound(first, vader_text.words.end(), end, starts_before);
  return {static_cast<std::size_t>(first - vader_text.words.begin()),
          static_cast<std::size_t>(last - vader_text.words.begin())};
}

// Whether the first of a clause's `words` is one of `lower_words`.
bool OpensWith(const std::vector<TextWord>& words,
               const std::vector<std::string_view>& lower_words) {
  return !words.empty() && std::find(lower_words.begin(), lower_words.end(),
                                     words.front().lower) != lower_words.end();
}

// The languages scored here, for language identification.
std::vector<LanguageIdentifier::AnalysedLanguage> AnalysedLanguages() {
  const VaderWordTable& table = HotelSentimentAnalyzer().words();
  std::vector<std::string_view> english = table.Words();
  std::vector<std::string_view> english_sentiment;
  for (std::string_view word : english) {
    const VaderWordTable::Facts* facts = table.Find(word);
    if (facts->in_lexicon && facts->valence != 0 && !facts->negated_only) {
      english_sentiment.push_back(word);
    }
  }
  english.insert(english.end(), EnglishFunctionWords().begin(),
                 EnglishFunctionWords().end());
  std::vector<std::string_view> english_negations;
  for (std::string_view word : english) {
    if (vader::IsNegated(word)) english_negations.push_back(word);
  }
  std::vector<LanguageIdentifier::AnalysedLanguage> languages = {
      {"en", std::move(english), false, english_sentiment,
       std::move(english_negations)}};
  for (const LexicalSentimentAnalyzer* analyzer : LexicalAnalyzers()) {
    std::vector<std::string_view> known = analyzer->KnownWords();
    std::vector<std::string_view> sentiment;
    std::vector<std::string_view> negations;
    for (std::string_view word : known) {
      if (analyzer->IsSentimentWord(word)) sentiment.push_back(word);
      if (analyzer->IsNegation(word)) negations.push_back(word);
    }
    languages.push_back({std::string(analyzer->language()), std::move(known),
                         analyzer->folds_diacritics(), std::move(sentiment),
                         std::move(negations)});
  }
  return languages;
}

// The sum of valences behind a compound (VADER's normalisation inverted), so
// that the parts of a text can be added and normalised again.
double UnnormalizedSum(double compound) {
  constexpr double kAlmostOne = 0.9999;
  const double c = std::clamp(compound, -kAlmostOne, kAlmostOne);
  return c * std::sqrt(vader::kNormalizationAlpha) / std::sqrt(1 - c * c);
}

// One matcher per language scored besides English, in LexicalAnalyzers()
// order.
std::vector<AspectMatcher> LanguageMatchers(const AspectTaxonomy& taxonomy) {
  std::vector<AspectMatcher> matchers;
  for (const LexicalSentimentAnalyzer* analyzer : LexicalAnalyzers()) {
    matchers.emplace_back(taxonomy, analyzer->language());
  }
  return matchers;
}

}  // namespace

FeedbackAnalyzer::FeedbackAnalyzer(AspectTaxonomy taxonomy)
    : taxonomy_(std::move(taxonomy)),
      matcher_(taxonomy_),
      language_matchers_(LanguageMatchers(taxonomy_)),
      language_identifier_(AnalysedLanguages()) {}

const FeedbackAnalyzer& FeedbackAnalyzer::Default() {
  static const FeedbackAnalyzer* const kDefault =
      new FeedbackAnalyzer(AspectTaxonomy::Default());
  return *kDefault;
}

Analysis FeedbackAnalyzer::Analyze(std::string_view text,
                                   std::string_view declared_language) const {
  text = LimitTextSize(text);
  std::string replaced;
  if (!utf8::IsValid(text)) {
    replaced = utf8::ReplaceInvalid(text);
    text = replaced;
  }
  std::string visible;
  if (HasInvisibleCharacters(text)) {
    visible = WithoutInvisibleCharacters(text);
    text = visible;
  }
  Analysis analysis;
  IdentifiedLanguage identified =
      language_identifier_.Identify(text, declared_language);
  analysis.language = std::move(identified.language);
  analysis.language_source = identified.source;
  thread_local TextWords words;
  SplitTextWords(text, PythonUnicode::Default(), &words);
  const WholeText whole{text, words};
  const bool by_sentence = identified.source == LanguageSource::kDetected &&
                           ScoreBySentence(whole, &analysis);
  if (!by_sentence && Score(whole, text, analysis.language, &analysis)) {
    analysis.scoring = ScoringState::kScored;
  } else if (ScoreInEveryCandidate(whole, identified.candidates, &analysis)) {
    analysis.scoring = ScoringState::kScored;
  }
  if (analysis.scoring != ScoringState::kScored) {
    analysis.scoring = identified.source == LanguageSource::kUndetermined
                           ? ScoringState::kLanguageUndetermined
                           : ScoringState::kNoAnalyzerForLanguage;
  }
  return analysis;
}

bool FeedbackAnalyzer::Score(const WholeText& whole, std::string_view part,
                             std::string_view language,
                             Analysis* analysis) const {
  if (language == "en") {
    FindEnglishAspects(whole, part, analysis);
    return true;
  }
  const std::vector<const LexicalSentimentAnalyzer*>& lexical =
      LexicalAnalyzers();
  for (std::size_t i = 0; i < lexical.size(); ++i) {
    if (lexical[i]->language() != language) continue;
    thread_local TextWords part_words;
    SplitPartWords(whole.text, whole.words, part, PythonUnicode::Default(),
                   &part_words);
    // Whether the text is typed without diacritics is the whole text's to
    // tell (the guest's keyboard), not each part's or clause's.
    const bool plain_words =
        lexical[i]->IsTypedWithoutDiacritics(whole.words.words);
    analysis->scores =
        lexical[i]->PolarityScores(part, part_words.words, plain_words);
    FindAspects(whole, part, *lexical[i], plain_words, language_matchers_[i],
                analysis);
    return true;
  }
  return false;
}

bool FeedbackAnalyzer::ScoreInEveryCandidate(
    const WholeText& whole, const std::vector<std::string_view>& candidates,
    Analysis* analysis) const {
  // A short post in words several languages share ("Top! 👍", "Super!")
  // cannot be told apart, but then it need not be: when each of those
  // languages reads the same praise or blame in it, that band is no guess.
  // The weakest of their readings stands, so no language's is overstated,
  // with the aspects every one of them found. When they disagree, or all
  // read nothing ("Lobby"), the text stays not scored: a neutral verdict
  // would be silence presented as an opinion.
  std::optional<Analysis> weakest;
  SentimentBand agreed_band = SentimentBand::kNeutral;
  std::set<std::string> aspects_all_found;
  for (std::string_view language : candidates) {
    Analysis reading;
    if (!Score(whole, whole.text, language, &reading)) return false;
    const SentimentBand band =
        BandOf(RoundLikeReference(reading.scores).compound);
    if (band == SentimentBand::kNeutral) return false;
    std::set<std::string> found;
    for (const AspectMention& mention : reading.aspects) {
      found.insert(mention.aspect);
    }
    if (!weakest.has_value()) {
      agreed_band = band;
      aspects_all_found = std::move(found);
      weakest = std::move(reading);
      continue;
    }
    if (band != agreed_band) return false;
    for (auto it = aspects_all_found.begin(); it != aspects_all_found.end();) {
      it = found.count(*it) == 0 ? aspects_all_found.erase(it) : std::next(it);
    }
    if (std::abs(reading.scores.compound) <
        std::abs(weakest->scores.compound)) {
      weakest = std::move(reading);
    }
  }
  if (!weakest.has_value()) return false;
  analysis->scores = weakest->scores;
  for (AspectMention& mention : weakest->aspects) {
    if (aspects_all_found.count(mention.aspect) != 0) {
      analysis->aspects.push_back(std::move(mention));
    }
  }
  return true;
}

bool FeedbackAnalyzer::ScoreBySentence(const WholeText& whole,
                                       Analysis* analysis) const {
  thread_local std::vector<std::string_view> sentences;
  thread_local std::vector<std::string_view> languages;
  thread_local TextWords sentence_words;
  const std::string_view text = whole.text;
  const PythonUnicode& unicode = PythonUnicode::Default();
  // No conjunctions: sentences end only at sentence punctuation.
  SplitClauses(text, unicode, {}, &sentences);
  if (sentences.size() < 2) return false;
  languages.clear();
  bool mixed = false;
  for (std::string_view sentence : sentences) {
    SplitPartWords(text, whole.words, sentence, unicode, &sentence_words);
    languages.push_back(language_identifier_.SentenceLanguage(
        sentence, sentence_words.words, analysis->language));
    mixed = mixed || languages.back() != analysis->language;
  }
  if (!mixed) return false;

  // Runs of consecutive sentences in one language, each scored in it; the
  // compound is that of the runs' valence sums added up, the other scores
  // the runs' by their share of the bytes.
  double raw_sum = 0;
  double weighted_bytes = 0;
  SentimentScores fractions;
  std::size_t run_begin = 0;
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    if (i + 1 < sentences.size() && languages[i + 1] == languages[i]) {
      continue;
    }
    const std::size_t begin =
        static_cast<std::size_t>(sentences[run_begin].data() - text.data());
    const std::size_t end =
        static_cast<std::size_t>(sentences[i].data() - text.data()) +
        sentences[i].size();
    run_begin = i + 1;
    const std::string_view run = text.substr(begin, end - begin);
    Analysis part;
    if (!Score(whole, run, languages[i], &part)) continue;
    analysis->scoring = ScoringState::kScored;
    raw_sum += UnnormalizedSum(part.scores.compound);
    const double weight = static_cast<double>(run.size());
    fractions.neg += part.scores.neg * weight;
    fractions.neu += part.scores.neu * weight;
    fractions.pos += part.scores.pos * weight;
    weighted_bytes += weight;
    for (AspectMention& mention : part.aspects) {
      analysis->aspects.push_back(std::move(mention));
    }
  }
  if (weighted_bytes > 0) {
    analysis->scores.neg = fractions.neg / weighted_bytes;
    analysis->scores.neu = fractions.neu / weighted_bytes;
    analysis->scores.pos = fractions.pos / weighted_bytes;
    analysis->scores.compound =
        raw_sum / std::sqrt(raw_sum * raw_sum + vader::kNormalizationAlpha);
  }
  return true;
}

// English: VADER with the hotel supplement, for the text and for each clause,
// from one tokenization. Plain VADER (SentimentAnalyzer::Default, the port
// the conformance test holds to vaderSentiment 3.3.2) does not know the
// words hotel complaints are made of ("cockroaches", "didn't work"), so it
// scored them neutral; a text without supplement words scores the same
// either way.
void FeedbackAnalyzer::FindEnglishAspects(const WholeText& whole,
                                          std::string_view text,
                                          Analysis* analysis) const {
  // Per-thread scratch, reused between calls.
  thread_local VaderText vader_text;
  thread_local std::vector<std::string_view> clauses;
  thread_local TextWords words;
  thread_local std::vector<AspectMatcher::TermMatch> matches;
  thread_local std::vector<ClauseSegment> segments;

  const SentimentAnalyzer& hotel = HotelSentimentAnalyzer();
  static const VaderVocabulary* const kHotelVocabulary =
      new VaderVocabulary(hotel.words());
  hotel.Tokenize(text, &vader_text);
  analysis->scores = hotel.ScoreWords(vader_text, 0, vader_text.words.size());

  const PythonUnicode& unicode = PythonUnicode::Default();
  ClauseWords clause_words(text, vader_text);
  SplitClauses(text, unicode, &clauses);
  // Whether the text is typed without diacritics ("cafe") is the whole
  // text's to tell (the guest's keyboard), not each clause's.
  const bool plain_terms = matcher_.IsTypedWithoutDiacritics(whole.words.words);
  ClauseSubject subject;
  std::size_t previous_mentions = analysis->aspects.size();
  for (std::string_view clause : clauses) {
    SplitPartWords(whole.text, whole.words, clause, unicode, &words);
    matcher_.FindTerms(words.words, &matches, {}, plain_terms);
    const bool contrast = OpensWith(words.words, {"but", "however"});
    if (matches.empty() && !subject.MayCarry(contrast)) {
      subject.Carried(clause, words.words, matches, 0, contrast, false,
                      *kHotelVocabulary);
      previous_mentions = analysis->aspects.size();
      continue;
    }
    const auto [first_word, end_word] = clause_words.Find(clause);
    const double sentiment =
        first_word < end_word
            ? hotel.ScoreWords(vader_text, first_word, end_word).compound
            : hotel.PolarityScores(clause).compound;
    const std::vector<int> aspects = ResolveClauseAspects(
        clause, words.words, matches, sentiment, *kHotelVocabulary);
    const int carried =
        subject.Carried(clause, words.words, matches, sentiment, contrast,
                        !aspects.empty(), *kHotelVocabulary);
    SegmentClause(
        clause, words.words, matches, kEnglishConjunctions,
        [&](std::string_view part) {
          const auto [first, end] =
              VaderWordsStartingIn(text, vader_text, part);
          return first < end ? hotel.ScoreWords(vader_text, first, end).compound
                             : hotel.PolarityScores(part).compound;
        },
        &segments);
    AddClauseMentions(clause, sentiment, segments, aspects, carried,
                      subject.CarriedFromNeutral(), &previous_mentions,
                      analysis);
  }
}

void FeedbackAnalyzer::AddClauseMentions(
    std::string_view clause, double sentiment,
    const std::vector<ClauseSegment>& segments, const std::vector<int>& aspects,
    int carried, bool carried_from_neutral, std::size_t* previous_mentions,
    Analysis* analysis) const {
  std::vector<AspectMention>& mentions = analysis->aspects;
  if (carried >= 0 && carried_from_neutral) {
    // The clause before said nothing of it ("The wifi,"): this one does.
    const auto said_nothing = std::find_if(
        mentions.begin() + static_cast<std::ptrdiff_t>(*previous_mentions),
        mentions.end(), [&](const AspectMention& mention) {
          return mention.aspect == taxonomy_.aspects()[carried];
        });
    if (said_nothing != mentions.end()) mentions.erase(said_nothing);
  }
  *previous_mentions = mentions.size();
  if (carried >= 0) {
    mentions.push_back(
        {taxonomy_.aspects()[carried], sentiment, std::string(clause)});
  }
  for (int index : aspects) {
    // The segments naming it: one gives its judgement; several, their mean
    // over the clause that holds them.
    std::size_t holding = 0;
    double sum = 0;
    const ClauseSegment* segment = nullptr;
    for (const ClauseSegment& candidate : segments) {
      if (((candidate.aspects >> index) & 1) == 0) continue;
      ++holding;
      sum += candidate.sentiment;
      segment = &candidate;
    }
    mentions.push_back(
        holding == 1
            ? AspectMention{taxonomy_.aspects()[index], segment->sentiment,
                            std::string(segment->text)}
            : AspectMention{taxonomy_.aspects()[index],
                            holding == 0 ? sentiment : sum / holding,
                            std::string(clause)});
  }
}

// Another scored language: clauses split at its contrast (and concessive)
// words, each scored
// by its analyser (lexicon and hotel supplement alike).
void FeedbackAnalyzer::FindAspects(const WholeText& whole,
                                   std::string_view text,
                                   const LexicalSentimentAnalyzer& lexical,
                                   bool plain_words,
                                   const AspectMatcher& matcher,
                                   Analysis* analysis) const {
  thread_local std::vector<std::string_view> clauses;
  thread_local TextWords words;
  thread_local std::vector<AspectMatcher::TermMatch> matches;
  thread_local std::vector<ClauseSegment> segments;
  const PythonUnicode& unicode = PythonUnicode::Default();
  thread_local TextWords part_words;
  SplitClauses(text, unicode, lexical.clause_conjunctions(), &clauses);
  const bool plain_terms = matcher.IsTypedWithoutDiacritics(whole.words.words);
  ClauseSubject subject;
  std::size_t previous_mentions = analysis->aspects.size();
  for (std::string_view clause : clauses) {
    SplitPartWords(whole.text, whole.words, clause, unicode, &words);
    matcher.FindTerms(words.words, &matches, clause, plain_terms);
    const bool contrast =
        OpensWith(words.words, lexical.rules().contrast_words);
    if (matches.empty() && !subject.MayCarry(contrast)) {
      subject.Carried(clause, words.words, matches, 0, contrast, false,
                      lexical);
      previous_mentions = analysis->aspects.size();
      continue;
    }
    const double sentiment =
        lexical.PolarityScores(clause, words.words, plain_words).compound;
    const std::vector<int> aspects =
        ResolveClauseAspects(clause, words.words, matches, sentiment, lexical);
    const int carried = subject.Carried(clause, words.words, matches, sentiment,
                                        contrast, !aspects.empty(), lexical);
    SegmentClause(
        clause, words.words, matches, lexical.rules().conjunctions,
        [&](std::string_view part) {
          SplitPartWords(whole.text, whole.words, part, unicode, &part_words);
          return lexical.PolarityScores(part, part_words.words, plain_words)
              .compound;
        },
        &segments);
    AddClauseMentions(clause, sentiment, segments, aspects, carried,
                      subject.CarriedFromNeutral(), &previous_mentions,
                      analysis);
  }
}

}  // namespace guestvoice::analysis
