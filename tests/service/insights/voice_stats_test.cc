// Voice-weighted figures from per-voice totals: one guest is one voice
// however much they post, bands are exact in fixed point, and ratings are
// weighted over the voices that rated.

#include "service/insights/voice_stats.h"

#include "gtest/gtest.h"
#include "service/feedback/aggregates.h"

namespace guestvoice::service {
namespace {

// A voice's totals over `count` items whose compound scores sum to `sum`.
VoiceCounters Voice(int64_t count, double sum) {
  return {.feedback_count = count, .sentiment_sum = ToFixedPoint(sum)};
}

AspectCounters Mentions(int64_t count, double sum, int64_t negative = 0) {
  return {.mention_count = count,
          .sentiment_sum = ToFixedPoint(sum),
          .negative_mention_count = negative};
}

TEST(VoiceStatsBuilderTest, NoVoicesMakeZeroes) {
  const v1::VoiceStats stats = VoiceStatsBuilder().Build();
  EXPECT_EQ(stats.feedback_count(), 0);
  EXPECT_EQ(stats.voice_count(), 0);
  EXPECT_EQ(stats.mean_sentiment(), 0);
  EXPECT_EQ(stats.positive_share(), 0);
  EXPECT_EQ(stats.neutral_share(), 0);
  EXPECT_EQ(stats.negative_share(), 0);
  EXPECT_EQ(stats.mean_rating(), 0);
  EXPECT_EQ(stats.rated_voice_count(), 0);
}

TEST(VoiceStatsBuilderTest, AHundredPostsOfOneVoiceWeighAsOne) {
  // The example of docs/insights.md: one author posts 100 items at -0.6,
  // ten others one item at +0.6 each.
  VoiceStatsBuilder builder;
  builder.AddVoice(Voice(100, 100 * -0.6));
  for (int i = 0; i < 10; ++i) builder.AddVoice(Voice(1, 0.6));
  const v1::VoiceStats stats = builder.Build();
  EXPECT_EQ(stats.feedback_count(), 110);
  EXPECT_EQ(stats.voice_count(), 11);
  EXPECT_EQ(builder.voice_count(), 11);
  EXPECT_NEAR(stats.mean_sentiment(), (-0.6 + 10 * 0.6) / 11, 1e-9);
  EXPECT_GT(stats.mean_sentiment(), 0.49) << "a positive hotel score";
  EXPECT_DOUBLE_EQ(stats.positive_share(), 10.0 / 11);
  EXPECT_DOUBLE_EQ(stats.negative_share(), 1.0 / 11);
  EXPECT_EQ(stats.neutral_share(), 0);
}

TEST(VoiceStatsBuilderTest, NotScoredFeedbackIsAVoiceWithoutSentiment) {
  VoiceStatsBuilder builder;
  // Two Spanish complaints scored, one text in a language without an
  // analyser: the voice's mean is over its scored two.
  builder.AddVoice({.feedback_count = 3,
                    .sentiment_sum = ToFixedPoint(-0.8),
                    .not_scored_count = 1});
  // Nothing scored, but a rating: a voice and a rating, no sentiment.
  builder.AddVoice({.feedback_count = 2,
                    .rated_count = 1,
                    .rating_sum = ToFixedPoint(0.25),
                    .not_scored_count = 2});
  builder.AddVoice(Voice(1, 0.6));
  const v1::VoiceStats stats = builder.Build();
  EXPECT_EQ(stats.feedback_count(), 6);
  EXPECT_EQ(stats.not_scored_count(), 3);
  EXPECT_EQ(stats.voice_count(), 3);
  EXPECT_EQ(stats.not_scored_voice_count(), 1);
  EXPECT_EQ(builder.scored_voice_count(), 2);
  EXPECT_NEAR(stats.mean_sentiment(), (-0.4 + 0.6) / 2, 1e-9)
      << "not pulled towards 0 by the silent voice";
  EXPECT_DOUBLE_EQ(stats.negative_share(), 0.5);
  EXPECT_DOUBLE_EQ(stats.positive_share(), 0.5);
  EXPECT_EQ(stats.neutral_share(), 0);
  EXPECT_EQ(stats.rated_voice_count(), 1);
  EXPECT_DOUBLE_EQ(stats.mean_rating(), 0.25);
}

TEST(VoiceStatsBuilderTest, OnlyNotScoredVoicesHaveNoSentimentFigures) {
  VoiceStatsBuilder builder;
  builder.AddVoice({.feedback_count = 1, .not_scored_count = 1});
  VoiceStatsBuilder combined;
  combined.Add(builder);
  const v1::VoiceStats stats = combined.Build();
  EXPECT_EQ(stats.voice_count(), 1);
  EXPECT_EQ(stats.not_scored_voice_count(), 1);
  EXPECT_EQ(stats.not_scored_count(), 1);
  EXPECT_EQ(stats.mean_sentiment(), 0);
  EXPECT_EQ(stats.neutral_share(), 0) << "silence is not a neutral opinion";
}

TEST(VoiceStatsBuilderTest, AVoicesBandIsThatOfItsMean) {
  VoiceStatsBuilder builder;
  builder.AddVoice(Voice(2, 0.9 + -0.5));  // mean +0.2: positive
  builder.AddVoice(Voice(2, -0.9 + 0.5));  // mean -0.2: negative
  builder.AddVoice(Voice(3, 0.5 - 0.48));  // mean ~0.007: neutral
  builder.AddVoice(Voice(1, 0));           // neutral
  const v1::VoiceStats stats = builder.Build();
  EXPECT_DOUBLE_EQ(stats.positive_share(), 0.25);
  EXPECT_DOUBLE_EQ(stats.negative_share(), 0.25);
  EXPECT_DOUBLE_EQ(stats.neutral_share(), 0.5);
  EXPECT_NEAR(stats.mean_sentiment(), (0.2 - 0.2 + 0.02 / 3 + 0) / 4, 1e-9);
}

TEST(VoiceStatsBuilderTest, BandThresholdsAreExactInFixedPoint) {
  // A voice of n items is positive at a sum of 50000 * n, negative at
  // -50000 * n, and neutral one millionth short of either.
  const auto band_shares = [](int64_t count, int64_t fixed_point_sum) {
    VoiceStatsBuilder builder;
    builder.AddVoice(
        {.feedback_count = count, .sentiment_sum = fixed_point_sum});
    return builder.Build();
  };
  EXPECT_EQ(band_shares(3, 150000).positive_share(), 1);
  EXPECT_EQ(band_shares(3, 149999).neutral_share(), 1);
  EXPECT_EQ(band_shares(3, -150000).negative_share(), 1);
  EXPECT_EQ(band_shares(3, -149999).neutral_share(), 1);
  EXPECT_EQ(band_shares(1, 50000).positive_share(), 1);
  EXPECT_EQ(band_shares(1, -50000).negative_share(), 1);
}

TEST(VoiceStatsBuilderTest, VoicesWithoutFeedbackDoNotCount) {
  // A voice that moved away leaves zero counters behind.
  VoiceStatsBuilder builder;
  builder.AddVoice(Voice(0, 0));
  builder.AddVoice(Voice(2, -1.0));
  const v1::VoiceStats stats = builder.Build();
  EXPECT_EQ(stats.voice_count(), 1);
  EXPECT_EQ(stats.feedback_count(), 2);
  EXPECT_DOUBLE_EQ(stats.mean_sentiment(), -0.5);
  EXPECT_EQ(stats.negative_share(), 1);
}

TEST(VoiceStatsBuilderTest, RatingsAreWeightedOverTheVoicesThatRated) {
  VoiceStatsBuilder builder;
  VoiceCounters ana = Voice(4, 0);
  ana.rated_count = 3;
  ana.rating_sum = ToFixedPoint(0.2 + 0.2 + 0.2);
  VoiceCounters bea = Voice(1, 0);
  bea.rated_count = 1;
  bea.rating_sum = ToFixedPoint(1.0);
  builder.AddVoice(ana);
  builder.AddVoice(bea);
  builder.AddVoice(Voice(5, 0));  // rated nothing
  const v1::VoiceStats stats = builder.Build();
  EXPECT_EQ(stats.rated_count(), 4);
  EXPECT_EQ(stats.rated_voice_count(), 2);
  EXPECT_DOUBLE_EQ(stats.mean_rating(), (0.2 + 1.0) / 2);
  EXPECT_EQ(stats.voice_count(), 3);
}

TEST(AspectStatsBuilderTest, NoMentionsMakeZeroes) {
  const AspectStatsBuilder builder;
  EXPECT_EQ(builder.mean_sentiment(), 0);
  const v1::AspectStats stats = builder.Build("wifi_internet");
  EXPECT_EQ(stats.aspect(), "wifi_internet");
  EXPECT_EQ(stats.mention_count(), 0);
  EXPECT_EQ(stats.voice_count(), 0);
  EXPECT_EQ(stats.mean_sentiment(), 0);
  EXPECT_EQ(stats.negative_share(), 0);
}

TEST(AspectStatsBuilderTest, VoicesWeighEquallyWhateverTheirMentions) {
  AspectStatsBuilder builder;
  builder.AddVoice(Mentions(50, 50 * -0.8, 50));
  builder.AddVoice(Mentions(1, 0.4));
  builder.AddVoice(Mentions(0, 0));  // moved away
  const v1::AspectStats stats = builder.Build("cleanliness");
  EXPECT_EQ(stats.aspect(), "cleanliness");
  EXPECT_EQ(stats.mention_count(), 51);
  EXPECT_EQ(stats.voice_count(), 2);
  EXPECT_EQ(builder.voice_count(), 2);
  EXPECT_NEAR(stats.mean_sentiment(), (-0.8 + 0.4) / 2, 1e-9);
  EXPECT_DOUBLE_EQ(builder.mean_sentiment(), stats.mean_sentiment());
  EXPECT_DOUBLE_EQ(stats.negative_share(), 0.5);
}

TEST(AspectStatsBuilderTest, ANegativeVoiceHasOneNegativeMentionAtLeast) {
  // Top issues count voices with any negative mention; the negative share is
  // of voices whose mean is negative.
  AspectStatsBuilder builder;
  builder.AddVoice(Mentions(4, -0.6 + 0.7 + 0.7 + 0.7, 1));  // mean +0.375
  builder.AddVoice(Mentions(1, -0.05, 1));                   // at the threshold
  builder.AddVoice(Mentions(1, -0.049999));                  // neutral
  EXPECT_EQ(builder.negative_voice_count(), 2);
  const v1::AspectStats stats = builder.Build("wifi_internet");
  EXPECT_DOUBLE_EQ(stats.negative_share(), 1.0 / 3);
}

}  // namespace
}  // namespace guestvoice::service
