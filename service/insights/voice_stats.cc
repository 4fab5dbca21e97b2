#include "service/insights/voice_stats.h"

namespace guestvoice::service {
namespace {

// The fixed-point sum at which `count` items average exactly `threshold`.
int64_t ThresholdSum(double threshold, int64_t count) {
  return ToFixedPoint(threshold) * count;
}

double Share(int64_t part, int64_t whole) {
  return whole == 0 ? 0 : static_cast<double>(part) / whole;
}

double MeanOf(int64_t fixed_point_sum, int64_t count) {
  return static_cast<double>(fixed_point_sum) / kAggregateScale / count;
}

}  // namespace

void AddCounters(VoiceDayCounters& sum, const VoiceDayCounters& add) {
  sum.feedback_count += add.feedback_count;
  sum.sentiment_sum += add.sentiment_sum;
  sum.rated_count += add.rated_count;
  sum.rating_sum += add.rating_sum;
}

void AddCounters(AspectDayCounters& sum, const AspectDayCounters& add) {
  sum.mention_count += add.mention_count;
  sum.sentiment_sum += add.sentiment_sum;
  sum.negative_mention_count += add.negative_mention_count;
}

void VoiceStatsBuilder::AddVoice(const VoiceDayCounters& totals) {
  if (totals.feedback_count <= 0) return;
  feedback_count_ += totals.feedback_count;
  ++voice_count_;
  sum_of_means_ += MeanOf(totals.sentiment_sum, totals.feedback_count);
  if (totals.sentiment_sum >=
      ThresholdSum(kPositiveThreshold, totals.feedback_count)) {
    ++positive_;
  } else if (totals.sentiment_sum <=
             ThresholdSum(kNegativeThreshold, totals.feedback_count)) {
    ++negative_;
  }
  if (totals.rated_count > 0) {
    rated_count_ += totals.rated_count;
    ++rated_voices_;
    sum_of_rating_means_ += MeanOf(totals.rating_sum, totals.rated_count);
  }
}

void VoiceStatsBuilder::AddVoices(const VoiceTotals& voices) {
  for (const auto& [voice, totals] : voices) AddVoice(totals);
}

v1::VoiceStats VoiceStatsBuilder::Build() const {
  v1::VoiceStats stats;
  stats.set_feedback_count(feedback_count_);
  stats.set_voice_count(voice_count_);
  if (voice_count_ > 0) stats.set_mean_sentiment(sum_of_means_ / voice_count_);
  stats.set_positive_share(Share(positive_, voice_count_));
  stats.set_negative_share(Share(negative_, voice_count_));
  stats.set_neutral_share(
      Share(voice_count_ - positive_ - negative_, voice_count_));
  stats.set_rated_count(rated_count_);
  stats.set_rated_voice_count(rated_voices_);
  if (rated_voices_ > 0) {
    stats.set_mean_rating(sum_of_rating_means_ / rated_voices_);
  }
  return stats;
}

void AspectStatsBuilder::AddVoice(const AspectDayCounters& totals) {
  if (totals.mention_count <= 0) return;
  mention_count_ += totals.mention_count;
  ++voice_count_;
  sum_of_means_ += MeanOf(totals.sentiment_sum, totals.mention_count);
  if (totals.sentiment_sum <=
      ThresholdSum(kNegativeThreshold, totals.mention_count)) {
    ++negative_voices_;
  }
  if (totals.negative_mention_count > 0) ++negative_mentioners_;
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
