#include "service/insights/voice_stats.h"

namespace guestvoice::service {
namespace {

// ToFixedPoint at compile time, for the band thresholds every voice is
// tested against (rounding half away from zero, as std::llround).
constexpr int64_t FixedPointThreshold(double threshold) {
  const double scaled = threshold * static_cast<double>(kAggregateScale);
  return static_cast<int64_t>(scaled < 0 ? scaled - 0.5 : scaled + 0.5);
}
constexpr int64_t kPositiveThresholdFixed =
    FixedPointThreshold(kPositiveThreshold);
constexpr int64_t kNegativeThresholdFixed =
    FixedPointThreshold(kNegativeThreshold);
static_assert(kPositiveThresholdFixed == 50'000 &&
              kNegativeThresholdFixed == -50'000);

// The fixed-point sum at which `count` items average exactly the threshold
// whose fixed-point value is `threshold_fixed`.
int64_t ThresholdSum(int64_t threshold_fixed, int64_t count) {
  return threshold_fixed * count;
}

double Share(int64_t part, int64_t whole) {
  return whole == 0 ? 0 : static_cast<double>(part) / whole;
}

double MeanOf(int64_t fixed_point_sum, int64_t count) {
  return static_cast<double>(fixed_point_sum) / kAggregateScale / count;
}

}  // namespace

void VoiceStatsBuilder::AddVoice(const VoiceCounters& totals) {
  if (totals.feedback_count <= 0) return;
  feedback_count_ += totals.feedback_count;
  not_scored_count_ += totals.not_scored_count;
  ++voice_count_;
  // The voice's sentiment is the mean of its scored items only; with none it
  // has no sentiment at all, rather than a neutral one.
  const int64_t scored = totals.scored_count();
  if (scored <= 0) {
    ++not_scored_voices_;
  } else {
    sum_of_means_ += MeanOf(totals.sentiment_sum, scored);
    if (totals.sentiment_sum >= ThresholdSum(kPositiveThresholdFixed, scored)) {
      ++positive_;
    } else if (totals.sentiment_sum <=
               ThresholdSum(kNegativeThresholdFixed, scored)) {
      ++negative_;
    }
  }
  if (totals.rated_count > 0) {
    rated_count_ += totals.rated_count;
    ++rated_voices_;
    sum_of_rating_means_ += MeanOf(totals.rating_sum, totals.rated_count);
  }
}

void VoiceStatsBuilder::Add(const VoiceStatsBuilder& other) {
  feedback_count_ += other.feedback_count_;
  not_scored_count_ += other.not_scored_count_;
  voice_count_ += other.voice_count_;
  not_scored_voices_ += other.not_scored_voices_;
  sum_of_means_ += other.sum_of_means_;
  positive_ += other.positive_;
  negative_ += other.negative_;
  rated_count_ += other.rated_count_;
  rated_voices_ += other.rated_voices_;
  sum_of_rating_means_ += other.sum_of_rating_means_;
}

v1::VoiceStats VoiceStatsBuilder::Build() const {
  v1::VoiceStats stats;
  stats.set_feedback_count(feedback_count_);
  stats.set_voice_count(voice_count_);
  stats.set_not_scored_count(not_scored_count_);
  stats.set_not_scored_voice_count(not_scored_voices_);
  const int64_t scored_voices = scored_voice_count();
  if (scored_voices > 0)
    stats.set_mean_sentiment(sum_of_means_ / scored_voices);
  stats.set_positive_share(Share(positive_, scored_voices));
  stats.set_negative_share(Share(negative_, scored_voices));
  stats.set_neutral_share(
      Share(scored_voices - positive_ - negative_, scored_voices));
  stats.set_rated_count(rated_count_);
  stats.set_rated_voice_count(rated_voices_);
  if (rated_voices_ > 0) {
    stats.set_mean_rating(sum_of_rating_means_ / rated_voices_);
  }
  return stats;
}

void AspectStatsBuilder::AddVoice(const AspectCounters& totals) {
  if (totals.mention_count <= 0) return;
  mention_count_ += totals.mention_count;
  ++voice_count_;
  sum_of_means_ += MeanOf(totals.sentiment_sum, totals.mention_count);
  if (totals.sentiment_sum <=
      ThresholdSum(kNegativeThresholdFixed, totals.mention_count)) {
    ++negative_voices_;
  }
  if (totals.negative_mention_count > 0) ++negative_mentioners_;
}

void AspectStatsBuilder::Add(const AspectStatsBuilder& other) {
  mention_count_ += other.mention_count_;
  voice_count_ += other.voice_count_;
  sum_of_means_ += other.sum_of_means_;
  negative_voices_ += other.negative_voices_;
  negative_mentioners_ += other.negative_mentioners_;
}

double AspectStatsBuilder::mean_sentiment() const {
  return voice_count_ == 0 ? 0 : sum_of_means_ / voice_count_;
}

v1::AspectStats AspectStatsBuilder::Build(std::string_view aspect) const {
  v1::AspectStats stats;
  stats.set_aspect(std::string(aspect));
  stats.set_mention_count(mention_count_);
  stats.set_voice_count(voice_count_);
  stats.set_mean_sentiment(mean_sentiment());
  stats.set_negative_share(Share(negative_voices_, voice_count_));
  return stats;
}

}  // namespace guestvoice::service
