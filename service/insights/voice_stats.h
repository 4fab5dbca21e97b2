#ifndef GUESTVOICE_SERVICE_INSIGHTS_VOICE_STATS_H_
#define GUESTVOICE_SERVICE_INSIGHTS_VOICE_STATS_H_

// Turning per-voice totals into voice-weighted figures. A voice's totals are
// the sums of its pre-aggregate counters over an interval at one hotel; every
// such (hotel, voice) total enters a builder once, so a voice counts once per
// hotel however much it posted. Readers feed voices in a fixed order (by hotel,
// then voice), so the floating-point sums, and the figures, are the same bytes
// for the same data every time. Band tests use the fixed-point sums, so they
// are exact: a voice is positive when sentiment_sum >= 0.05 * scale * count,
// where count is its scored items. A voice none of whose items was scored
// counts as a voice but enters no sentiment figure (a not-scored voice).

#include <cstdint>
#include <string>
#include <string_view>

#include "guestvoice/v1/insight_service.pb.h"
#include "service/feedback/aggregates.h"

namespace guestvoice::service {

// Accumulates voices into a v1::VoiceStats.
class VoiceStatsBuilder {
 public:
  void AddVoice(const VoiceCounters& totals);
  // Adds the voices added to `other`.
  void Add(const VoiceStatsBuilder& other);
  int64_t voice_count() const { return voice_count_; }
  // Voices with at least one scored item: those sentiment figures are over.
  int64_t scored_voice_count() const {
    return voice_count_ - not_scored_voices_;
  }
  v1::VoiceStats Build() const;

 private:
  int64_t feedback_count_ = 0;
  int64_t not_scored_count_ = 0;
  int64_t voice_count_ = 0;
  int64_t not_scored_voices_ = 0;
  double sum_of_means_ = 0;
  int64_t positive_ = 0;
  int64_t negative_ = 0;
  int64_t rated_count_ = 0;
  int64_t rated_voices_ = 0;
  double sum_of_rating_means_ = 0;
};

// Accumulates the voices of one aspect into a v1::AspectStats.
class AspectStatsBuilder {
 public:
  void AddVoice(const AspectCounters& totals);
  // Adds the voices added to `other`.
  void Add(const AspectStatsBuilder& other);
  // Voices with at least one negative mention.
  int64_t negative_voice_count() const { return negative_mentioners_; }
  int64_t voice_count() const { return voice_count_; }
  double mean_sentiment() const;
  v1::AspectStats Build(std::string_view aspect) const;

 private:
  int64_t mention_count_ = 0;
  int64_t voice_count_ = 0;
  double sum_of_means_ = 0;
  int64_t negative_voices_ = 0;
  int64_t negative_mentioners_ = 0;
};

}  // namespace guestvoice::service

#endif  // GUESTVOICE_SERVICE_INSIGHTS_VOICE_STATS_H_
