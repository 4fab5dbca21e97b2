package report

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // attention items show the hotel's day wherever gvctl runs

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

// view is Data as the template shows it: text already formatted, charts
// already laid out.
type view struct {
	Title, Kind, Interval, PreviousInterval string
	Headline                                []figure
	Trend                                   trendChart
	TrendCaption                            string
	Aspects                                 barChart
	Issues                                  []issueView
	Ranking                                 []rankingRow
	Tiers                                   barChart
	AtRisk                                  int
	Attention                               []attentionView
	Generated                               string
}

// figure is one headline number with its change since the previous
// interval. Trend is "better", "worse" or "same", as a manager reads it.
type figure struct {
	Label, Value, Delta, Trend string
}

type issueView struct {
	Aspect                       string
	Voices, PreviousVoices       int64
	Change, Trend, MeanSentiment string
	Quotes                       []string
}

type rankingRow struct {
	Rank                                    int32
	Hotel, Voices, Mean, Positive, Negative string
	Rating                                  string
	Bar                                     mark
	Selected                                bool
}

type attentionView struct {
	Severity, Hotel, Posted, Source, Tier, Text string
}

const quoteChars = 280

func newView(d *Data) view {
	v := view{
		Title:            d.Title,
		Kind:             "Chain report",
		Interval:         dateRange(d.Request.Start, d.Request.End),
		PreviousInterval: dateRange(d.Request.Start.Add(-d.Request.End.Sub(d.Request.Start)), d.Request.Start),
		Headline:         headline(d.Current, d.Previous),
		Trend:            newTrendChart(d.Trend.GetBuckets(), d.Granularity),
		TrendCaption:     map[gv.Granularity]string{gv.Granularity_GRANULARITY_DAY: "per day", gv.Granularity_GRANULARITY_WEEK: "per week", gv.Granularity_GRANULARITY_MONTH: "per month"}[d.Granularity],
		Aspects:          newAspectChart(d.Aspects, d.PreviousAspects),
		AtRisk:           len(d.Loyalty.GetGuestsAtRisk()),
		Generated:        d.Generated.UTC().Format("2 Jan 2006 15:04 MST"),
	}
	if d.Request.Hotel != "" {
		v.Kind = "Hotel report"
	}
	for _, issue := range d.TopIssues {
		change := issue.GetNegativeVoiceCount() - issue.GetPreviousNegativeVoiceCount()
		view := issueView{
			Aspect:         aspectName(issue.GetAspect()),
			Voices:         issue.GetNegativeVoiceCount(),
			PreviousVoices: issue.GetPreviousNegativeVoiceCount(),
			Change:         fmt.Sprintf("%+d", change),
			Trend:          trend(-float64(change)),
			MeanSentiment:  signed(issue.GetMeanSentiment()),
		}
		for _, quote := range issue.GetQuotes() {
			// Guests often say the same thing the same way; once is enough.
			if text := shorten(quote.GetText(), quoteChars); !slices.Contains(view.Quotes, text) {
				view.Quotes = append(view.Quotes, text)
			}
		}
		v.Issues = append(v.Issues, view)
	}
	for _, h := range d.Ranking {
		s := h.GetStats()
		row := rankingRow{
			Rank:     h.GetRank(),
			Hotel:    hotelName(d, h.GetHotel()),
			Voices:   fmt.Sprint(s.GetVoiceCount()),
			Mean:     signed(s.GetMeanSentiment()),
			Positive: percent(s.GetPositiveShare()),
			Negative: percent(s.GetNegativeShare()),
			Rating:   rating(s),
			Selected: h.GetHotel() == d.Request.Hotel,
		}
		// A bar from the middle of a 120-wide cell: -1 at the left, +1 at
		// the right.
		w := s.GetMeanSentiment() * 58
		row.Bar = mark{X: math.Min(60, 60+w), Y: 3, W: math.Max(math.Abs(w), 1), H: 12, Class: sentimentClass(s.GetMeanSentiment()),
			Title: "mean sentiment " + signed(s.GetMeanSentiment())}.rounded()
		if s.GetVoiceCount() == 0 {
			row.Mean, row.Positive, row.Negative, row.Bar = "–", "–", "–", mark{}
		}
		v.Ranking = append(v.Ranking, row)
	}
	var tierLabels []string
	var tierStats []*gv.VoiceStats
	for _, t := range d.Loyalty.GetTiers() {
		tierLabels = append(tierLabels, tierName(t.GetTier()))
		tierStats = append(tierStats, t.GetStats())
	}
	v.Tiers = newShareChart(tierLabels, tierStats)
	for _, item := range d.Attention {
		f := item.GetFeedback()
		hotel := d.Hotels[f.GetHotel()]
		posted := f.GetPostTime().AsTime()
		if location, err := time.LoadLocation(hotel.GetTimeZone()); err == nil {
			posted = posted.In(location)
		}
		tier := "" // an author who is not a known guest has none
		if item.GetLoyaltyTier() != "" {
			tier = tierName(item.GetLoyaltyTier())
		}
		v.Attention = append(v.Attention, attentionView{
			Severity: fmt.Sprintf("%.2f", item.GetSeverity()),
			Hotel:    hotelName(d, f.GetHotel()),
			Posted:   posted.Format("2 Jan 2006"),
			Source:   sourceName(f.GetSource().String()),
			Tier:     tier,
			Text:     attentionText(f),
		})
	}
	return v
}

// attentionText is an attention item's words; the queue lists an item
// without words when its rating alone said enough.
func attentionText(f *gv.Feedback) string {
	if strings.TrimSpace(f.GetText()) == "" {
		return "No words: rated " + RatingText(f.GetRating()) + "."
	}
	return shorten(f.GetText(), quoteChars)
}

// headline is the figures at the top, each against the previous interval.
func headline(current, previous *gv.VoiceStats) []figure {
	figures := []figure{
		{Label: "Voices", Value: fmt.Sprint(current.GetVoiceCount()), Delta: countChange(current.GetVoiceCount(), previous.GetVoiceCount()), Trend: "same"},
		{Label: "Feedback items", Value: fmt.Sprint(current.GetFeedbackCount()), Delta: countChange(current.GetFeedbackCount(), previous.GetFeedbackCount()), Trend: "same"},
		{Label: "Mean sentiment", Value: signed(current.GetMeanSentiment()),
			Delta: signed(current.GetMeanSentiment() - previous.GetMeanSentiment()), Trend: trend(current.GetMeanSentiment() - previous.GetMeanSentiment())},
		shareFigure("Positive voices", current.GetPositiveShare(), previous.GetPositiveShare(), 1),
		shareFigure("Negative voices", current.GetNegativeShare(), previous.GetNegativeShare(), -1),
		{Label: "Mean rating", Value: rating(current), Trend: "same"},
		// Voices in a language without an analyser, and ratings without
		// words, are in no sentiment figure above: shown, so that their
		// silence is not read as satisfaction.
		{Label: "Voices not scored", Value: fmt.Sprint(current.GetNotScoredVoiceCount()),
			Delta: countChange(current.GetNotScoredVoiceCount(), previous.GetNotScoredVoiceCount()), Trend: "same"},
	}
	if current.GetRatedVoiceCount() > 0 && previous.GetRatedVoiceCount() > 0 {
		// Shown to a tenth of a star, so judged to a tenth too.
		change := math.Round(40*(current.GetMeanRating()-previous.GetMeanRating())) / 10
		if change == 0 {
			change = 0 // not -0.0
		}
		figures[5].Delta, figures[5].Trend = fmt.Sprintf("%+.1f", change), trend(change)
	}
	if previous.GetVoiceCount() == 0 {
		for i := range figures {
			figures[i].Delta, figures[i].Trend = "no earlier voices", "same"
		}
	}
	return figures
}

func shareFigure(label string, current, previous, better float64) figure {
	points := math.Round((current - previous) * 100) // shown, and judged, in whole points
	if points == 0 {
		points = 0 // not -0
	}
	return figure{Label: label, Value: percent(current), Delta: fmt.Sprintf("%+.0f pts", points), Trend: trend(better * points)}
}

func countChange(current, previous int64) string {
	if previous == 0 {
		return fmt.Sprintf("%+d", current)
	}
	return fmt.Sprintf("%+d (%+.0f%%)", current-previous, 100*float64(current-previous)/float64(previous))
}

// signed shows a sentiment with its sign; a value that rounds to zero is
// "0.00", never "-0.00".
func signed(value float64) string {
	if math.Abs(value) < 0.005 {
		return "0.00"
	}
	return fmt.Sprintf("%+.2f", value)
}

// trend reads a change where higher is better; tiny changes are the same.
func trend(change float64) string {
	switch {
	case change > 0.005:
		return "better"
	case change < -0.005:
		return "worse"
	default:
		return "same"
	}
}

// rating shows a voice-weighted normalised rating on a 1 to 5 scale.
func rating(s *gv.VoiceStats) string {
	if s.GetRatedVoiceCount() == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f / 5", 1+4*s.GetMeanRating())
}

func hotelName(d *Data, name string) string {
	if hotel, ok := d.Hotels[name]; ok {
		return hotel.GetDisplayName()
	}
	return name
}

// dateRange shows [start, end) as the days it covers.
func dateRange(start, end time.Time) string {
	last := end.Add(-time.Nanosecond)
	return fmt.Sprintf("%s – %s", start.UTC().Format("2 Jan 2006"), last.UTC().Format("2 Jan 2006"))
}

// shorten cuts text to at most n characters, at a character boundary.
func shorten(text string, n int) string {
	runes := []rune(text)
	if len(runes) <= n {
		return text
	}
	return string(runes[:n-1]) + "…"
}
