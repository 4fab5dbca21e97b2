package report_test

import (
	"strings"
	"testing"
	"time"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
	"github.com/guestvoice/guestvoice/clients/go/gvctl/report"
)

const hotel = "organizations/o/hotels/h"

func render(t *testing.T, d *report.Data) string {
	t.Helper()
	var out strings.Builder
	if err := report.Render(&out, d); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// Names and quotes are guests' and operators' text: the page shows them,
// never runs them.
func TestRenderEscapesEveryText(t *testing.T) {
	hostile := `<script>alert(1)</script><img src=x onerror=alert(2)>`
	d := &report.Data{
		Request:   report.Request{Org: "organizations/o", Hotel: hotel, Start: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)},
		Title:     hostile,
		Hotels:    map[string]*gv.Hotel{hotel: {Name: hotel, DisplayName: hostile, TimeZone: "Europe/Lisbon"}},
		Current:   &gv.VoiceStats{VoiceCount: 1, FeedbackCount: 1, MeanSentiment: -0.5, NegativeShare: 1},
		Aspects:   []*gv.AspectStats{{Aspect: hostile, MentionCount: 1, VoiceCount: 1, MeanSentiment: -0.5, NegativeShare: 1}},
		TopIssues: []*gv.TopIssue{{Aspect: "room", NegativeVoiceCount: 1, Quotes: []*gv.AspectMention{{Aspect: "room", Text: hostile}}}},
		Ranking:   []*gv.HotelComparison{{Hotel: hotel, Rank: 1, Stats: &gv.VoiceStats{VoiceCount: 1, MeanSentiment: -0.5}}},
		Loyalty:   &gv.LoyaltyInsights{Tiers: []*gv.TierSentiment{{Tier: hostile, Stats: &gv.VoiceStats{VoiceCount: 1, NegativeShare: 1}}}},
		Attention: []*gv.AttentionItem{{Severity: 0.5, Feedback: &gv.Feedback{Hotel: hotel, Text: hostile, Source: gv.Source_SOURCE_GOOGLE}}},
	}
	page := render(t, d)
	if strings.Contains(page, "<script") || strings.Contains(page, "<img") {
		t.Errorf("unescaped markup in the page:\n%s", page)
	}
	if got := strings.Count(page, "&lt;script&gt;alert(1)&lt;/script&gt;"); got < 6 {
		t.Errorf("the hostile text shows escaped %d times, want it in the title, heading, aspect, quote, ranking, tier and attention", got)
	}
}

// The queue lists a rating without words for its rating alone: the report
// says what the guest gave instead of an empty quote.
func TestRenderShowsARatingWithoutWords(t *testing.T) {
	d := &report.Data{
		Request:   report.Request{Org: "organizations/o", Start: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)},
		Title:     "Stars",
		Hotels:    map[string]*gv.Hotel{hotel: {Name: hotel, DisplayName: "Porto", TimeZone: "Europe/Lisbon"}},
		Current:   &gv.VoiceStats{VoiceCount: 1, FeedbackCount: 1},
		Attention: []*gv.AttentionItem{{Severity: 1, Feedback: &gv.Feedback{Hotel: hotel, Source: gv.Source_SOURCE_GOOGLE, Rating: &gv.Rating{Value: 1, ScaleMin: 1, ScaleMax: 5}}}},
	}
	if page := render(t, d); !strings.Contains(page, "No words: rated 1 of 1-5.") {
		t.Errorf("the rating without words is not shown:\n%s", page)
	}
}

// An organization without feedback yet still gets a readable page: charts
// with their axes and a note, no NaN from dividing by nothing.
func TestRenderWithoutFeedback(t *testing.T) {
	d := &report.Data{
		Request: report.Request{Org: "organizations/o", Start: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)},
		Title:   "Empty",
		Trend:   &gv.SentimentTrend{Buckets: []*gv.TrendBucket{{}, {}, {}}},
		Aspects: []*gv.AspectStats{{Aspect: "room"}},
		Ranking: []*gv.HotelComparison{{Hotel: hotel, Rank: 1, Stats: &gv.VoiceStats{}}},
	}
	page := render(t, d)
	for _, want := range []string{"No feedback in this interval", "no mentions", "Nothing is waiting", "No aspect had a negative voice"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(page, "NaN") || strings.Contains(page, "Inf") {
		t.Errorf("page has NaN or Inf:\n%s", page)
	}
}

// A change too small to show is "+0", never "-0", and not coloured.
func TestHeadlineShowsNoNegativeZero(t *testing.T) {
	d := &report.Data{
		Request:  report.Request{Org: "organizations/o", Start: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)},
		Current:  &gv.VoiceStats{VoiceCount: 10, PositiveShare: 0.500, NegativeShare: 0.2, MeanRating: 0.750, RatedVoiceCount: 5},
		Previous: &gv.VoiceStats{VoiceCount: 10, PositiveShare: 0.503, NegativeShare: 0.2, MeanRating: 0.751, RatedVoiceCount: 5},
	}
	page := render(t, d)
	if strings.Contains(page, ">-0 pts<") || strings.Contains(page, ">-0.0<") {
		t.Errorf("negative zero in the headline")
	}
	// html/template writes "+" as "&#43;".
	if !strings.Contains(page, `<div class="delta same">&#43;0 pts</div>`) || !strings.Contains(page, `<div class="delta same">&#43;0.0</div>`) {
		t.Errorf("an unchanged share or rating is not shown as +0, uncoloured:\n%s", page)
	}
}
