#include "analysis/internal/vader_word_table.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "analysis/internal/vader_rules.h"

namespace guestvoice::analysis {

VaderWordTable::VaderWordTable(const ValenceLexicon& lexicon) {
  facts_.reserve(lexicon.size());
  AddLexicon(lexicon);
  for (const vader::Booster& booster : vader::OneWordBoosters()) {
    Facts& facts = facts_[std::string(booster.word)];
    facts.is_booster = true;
    facts.booster = booster.value;
  }
  for (std::string_view word : vader::NegationWords()) {
    facts_[std::string(word)].is_negation_word = true;
  }
}

void VaderWordTable::AddLexicon(const ValenceLexicon& lexicon) {
  for (const auto& [word, valence] : lexicon.entries()) {
    Facts& facts = facts_[word];
    facts.in_lexicon = true;
    facts.valence = valence;
    facts.negated_only = lexicon.IsNegatedOnly(word);
  }
  for (const auto& [phrase, valence] : lexicon.phrases()) {
    std::vector<std::string> words = absl::StrSplit(phrase, ' ');
    facts_[words.front()].starts_phrase = true;
    std::vector<Phrase>& phrases = phrases_[words.front()];
    phrases.push_back(
        {.rest = std::vector<std::string>(words.begin() + 1, words.end()),
         .facts = {.valence = valence,
                   .in_lexicon = true,
                   .negated_only = lexicon.IsNegatedOnly(phrase)}});
    std::stable_sort(phrases.begin(), phrases.end(),
                     [](const Phrase& a, const Phrase& b) {
                       return a.rest.size() > b.rest.size();
                     });
  }
}

void VaderWordTable::AddEmojiWord(const std::string& word, double valence) {
  Facts& facts = facts_[word];
  facts.in_lexicon = true;
  facts.valence = valence;
  facts.stands_for_emoji = true;
}

void VaderWordTable::AddNegations(const std::vector<std::string_view>& words) {
  for (std::string_view word : words) {
    facts_[std::string(word)].is_negation_word = true;
  }
}

void VaderWordTable::AddSubjectNegations(
    const std::vector<std::string>& negations) {
  for (const std::string& negation : negations) {
    std::vector<std::string> words = absl::StrSplit(negation, ' ');
    facts_[words.front()].starts_subject_negation = true;
    subject_negations_[words.front()].push_back(
        {std::vector<std::string>(words.begin() + 1, words.end())});
  }
}

void VaderWordTable::AddNegationPhrases(
    const std::vector<std::string>& phrases) {
  for (const std::string& phrase : phrases) {
    std::vector<std::string> words = absl::StrSplit(phrase, ' ');
    facts_[words.front()].starts_phrase = true;
    std::vector<Phrase>& starting = phrases_[words.front()];
    starting.push_back(
        {.rest = std::vector<std::string>(words.begin() + 1, words.end()),
         .facts = {.is_negation_word = true}});
    std::stable_sort(starting.begin(), starting.end(),
                     [](const Phrase& a, const Phrase& b) {
                       return a.rest.size() > b.rest.size();
                     });
  }
}

void VaderWordTable::AddContrasts(const std::vector<std::string_view>& words) {
  for (std::string_view word : words) {
    facts_[std::string(word)].is_contrast = true;
  }
}

std::vector<std::string_view> VaderWordTable::Words() const {
  std::vector<std::string_view> words;
  words.reserve(facts_.size());
  for (const auto& entry : facts_) words.push_back(entry.first);
  return words;
}

}  // namespace guestvoice::analysis
