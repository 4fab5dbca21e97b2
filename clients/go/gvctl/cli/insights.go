package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
	"github.com/guestvoice/guestvoice/clients/go/gvctl/report"
)

func newSummaryCommand(app *App) *cobra.Command {
	var period intervalFlags
	cmd := &cobra.Command{
		Use:   "summary HOTEL",
		Short: "A hotel's voice over an interval, against the interval before",
		Args:  exactArgs("HOTEL"),
		RunE: func(cmd *cobra.Command, args []string) error {
			span, err := period.interval(time.Now())
			if err != nil {
				return err
			}
			client, err := app.Client()
			if err != nil {
				return err
			}
			summary, err := client.Insights.GetHotelSummary(cmd.Context(), &gv.GetHotelSummaryRequest{Hotel: app.HotelName(args[0]), Interval: span})
			if err != nil {
				return err
			}
			if app.JSON {
				return writeJSONLine(app.Stdout, summary)
			}
			t := newTable(app.Stdout, "", "NOW", "BEFORE")
			now, before := summary.GetCurrent(), summary.GetPrevious()
			t.row("feedback", now.GetFeedbackCount(), before.GetFeedbackCount())
			t.row("voices", now.GetVoiceCount(), before.GetVoiceCount())
			// Voices in a language without an analyser: counted, but in no
			// sentiment figure below, so silence is not read as satisfaction.
			t.row("not scored", now.GetNotScoredVoiceCount(), before.GetNotScoredVoiceCount())
			scoredNow, scoredBefore := scoredVoices(now), scoredVoices(before)
			t.row("mean sentiment", sentimentOver(now.GetMeanSentiment(), scoredNow), sentimentOver(before.GetMeanSentiment(), scoredBefore))
			t.row("positive", shareOver(now.GetPositiveShare(), scoredNow), shareOver(before.GetPositiveShare(), scoredBefore))
			t.row("negative", shareOver(now.GetNegativeShare(), scoredNow), shareOver(before.GetNegativeShare(), scoredBefore))
			t.row("mean rating (0-1)", ratingOver(now.GetMeanRating(), now.GetRatedVoiceCount()), ratingOver(before.GetMeanRating(), before.GetRatedVoiceCount()))
			if err := t.flush(); err != nil {
				return err
			}
			fmt.Fprintln(app.Stdout)
			aspects := newTable(app.Stdout, "ASPECT", "MENTIONS", "VOICES", "SENTIMENT", "NEGATIVE")
			for _, a := range summary.GetAspects() {
				aspects.row(a.GetAspect(), a.GetMentionCount(), a.GetVoiceCount(), sentimentOver(a.GetMeanSentiment(), a.GetVoiceCount()), shareOver(a.GetNegativeShare(), a.GetVoiceCount()))
			}
			return aspects.flush()
		},
	}
	period.register(cmd)
	return cmd
}

func newTopIssuesCommand(app *App) *cobra.Command {
	var (
		period intervalFlags
		hotel  string
		limit  int
	)
	cmd := &cobra.Command{
		Use:   "top-issues [--hotel HOTEL]",
		Short: "What guests complain about most, by voices, with quotes",
		Args:  exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			span, err := period.interval(time.Now())
			if err != nil {
				return err
			}
			client, err := app.Client()
			if err != nil {
				return err
			}
			issues, err := client.Insights.ListTopIssues(cmd.Context(), &gv.ListTopIssuesRequest{Scope: app.scopeName(hotel), Interval: span, Limit: int32(limit)})
			if err != nil {
				return err
			}
			if app.JSON {
				return writeJSONLine(app.Stdout, issues)
			}
			t := newTable(app.Stdout, "ASPECT", "NEGATIVE VOICES", "BEFORE", "SENTIMENT", "QUOTE")
			for _, issue := range issues.GetIssues() {
				quote := ""
				if quotes := issue.GetQuotes(); len(quotes) > 0 {
					quote = "\u201c" + ellipsis(quotes[0].GetText(), 60) + "\u201d"
				}
				t.row(issue.GetAspect(), issue.GetNegativeVoiceCount(), issue.GetPreviousNegativeVoiceCount(), fmt.Sprintf("%+.2f", issue.GetMeanSentiment()), quote)
			}
			return t.flush()
		},
	}
	period.register(cmd)
	cmd.Flags().StringVar(&hotel, "hotel", "", "one hotel (default the whole organization)")
	cmd.Flags().IntVar(&limit, "limit", 10, "at most this many issues")
	return cmd
}

func newCompareCommand(app *App) *cobra.Command {
	var (
		period intervalFlags
		aspect string
	)
	cmd := &cobra.Command{
		Use:   "compare [--aspect ASPECT]",
		Short: "Rank the hotels by their guests' sentiment (overall or about one aspect)",
		Args:  exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			span, err := period.interval(time.Now())
			if err != nil {
				return err
			}
			client, err := app.Client()
			if err != nil {
				return err
			}
			comparison, err := client.Insights.CompareHotels(cmd.Context(), &gv.CompareHotelsRequest{Parent: app.Parent(), Interval: span, Aspect: aspect})
			if err != nil {
				return err
			}
			if app.JSON {
				return writeJSONLine(app.Stdout, comparison)
			}
			t := newTable(app.Stdout, "RANK", "HOTEL", "VOICES", "SENTIMENT", "NEGATIVE", "RATING")
			for _, h := range comparison.GetHotels() {
				s := h.GetStats()
				t.row(h.GetRank(), lastSegment(h.GetHotel()), s.GetVoiceCount(), sentimentOver(s.GetMeanSentiment(), scoredVoices(s)), shareOver(s.GetNegativeShare(), scoredVoices(s)), ratingOver(s.GetMeanRating(), s.GetRatedVoiceCount()))
			}
			return t.flush()
		},
	}
	period.register(cmd)
	cmd.Flags().StringVar(&aspect, "aspect", "", "rank by this aspect's sentiment")
	return cmd
}

func newTrendCommand(app *App) *cobra.Command {
	var (
		period      intervalFlags
		hotel       string
		aspect      string
		granularity string
	)
	cmd := &cobra.Command{
		Use:   "trend [--hotel HOTEL] [--by day|week|month]",
		Short: "Sentiment per day, week or month, drawn as bars",
		Args:  exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			buckets, ok := map[string]gv.Granularity{
				"day": gv.Granularity_GRANULARITY_DAY, "week": gv.Granularity_GRANULARITY_WEEK, "month": gv.Granularity_GRANULARITY_MONTH,
			}[granularity]
			if !ok {
				return usagef("--by %q: use day, week or month", granularity)
			}
			span, err := period.interval(time.Now())
			if err != nil {
				return err
			}
			client, err := app.Client()
			if err != nil {
				return err
			}
			trend, err := client.Insights.GetSentimentTrend(cmd.Context(), &gv.GetSentimentTrendRequest{
				Scope: app.scopeName(hotel), Interval: span, Granularity: buckets, Aspect: aspect,
			})
			if err != nil {
				return err
			}
			if app.JSON {
				return writeJSONLine(app.Stdout, trend)
			}
			t := newTable(app.Stdout, "FROM", "VOICES", "SENTIMENT", "")
			for _, bucket := range trend.GetBuckets() {
				start := bucketDate(bucket)
				if bucket.GetVoiceCount()-bucket.GetNotScoredVoiceCount() == 0 {
					t.row(start, bucket.GetVoiceCount(), "-", "")
					continue
				}
				t.row(start, bucket.GetVoiceCount(), fmt.Sprintf("%+.2f", bucket.GetMeanSentiment()), sentimentBar(bucket.GetMeanSentiment()))
			}
			return t.flush()
		},
	}
	period.register(cmd)
	cmd.Flags().StringVar(&hotel, "hotel", "", "one hotel (default the whole organization)")
	cmd.Flags().StringVar(&aspect, "aspect", "", "sentiment about one aspect only")
	cmd.Flags().StringVar(&granularity, "by", "week", "bucket size: day, week or month")
	return cmd
}

// bucketDate labels a trend bucket by its first hotel-local day, the date
// the API gives; its interval starts at a UTC instant, which west of UTC is
// the evening before and gave two rows the same label.
func bucketDate(bucket *gv.TrendBucket) string { return guestvoice.DateString(bucket.GetDate()) }

// sentimentBar draws a sentiment in [-1, 1] as a bar left (negative) or
// right (positive) of a centre line, ten cells a side.
func sentimentBar(sentiment float64) string {
	const half = 10
	cells := int(sentiment*half + 0.5*sign(sentiment))
	cells = max(-half, min(half, cells))
	if cells < 0 {
		return strings.Repeat(" ", half+cells) + strings.Repeat("█", -cells) + "|"
	}
	return strings.Repeat(" ", half) + "|" + strings.Repeat("█", cells)
}

func sign(x float64) float64 {
	if x < 0 {
		return -1
	}
	return 1
}

func newAttentionCommand(app *App) *cobra.Command {
	var (
		hotel string
		limit int
	)
	cmd := &cobra.Command{
		Use:   "attention [--hotel HOTEL]",
		Short: "Open cases to answer first: negative feedback, by severity and loyalty",
		Args:  exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			client, err := app.Client()
			if err != nil {
				return err
			}
			page, err := client.Insights.ListAttentionItems(cmd.Context(), &gv.ListAttentionItemsRequest{Scope: app.scopeName(hotel), PageSize: int32(limit)})
			if err != nil {
				return err
			}
			if app.JSON {
				return writeJSONLine(app.Stdout, page)
			}
			t := newTable(app.Stdout, "SEVERITY", "FEEDBACK", "HOTEL", "TIER", "STATE", "RATING", "TEXT")
			for _, item := range page.GetItems() {
				f := item.GetFeedback()
				// An item is listed without words when its rating alone said
				// enough (the queue never lists an erased author's).
				text := ellipsis(f.GetText(), 60)
				if text == "" {
					text = "(no words)"
				}
				t.row(fmt.Sprintf("%.2f", item.GetSeverity()), lastSegment(f.GetName()), lastSegment(f.GetHotel()), item.GetLoyaltyTier(),
					caseState(f.GetCase().GetState()), report.RatingText(f.GetRating()), text)
			}
			return t.flush()
		},
	}
	cmd.Flags().StringVar(&hotel, "hotel", "", "one hotel (default the whole organization)")
	cmd.Flags().IntVar(&limit, "limit", 20, "at most this many items")
	return cmd
}

func caseState(state gv.CaseState) string {
	return strings.ToLower(strings.TrimPrefix(state.String(), "CASE_STATE_"))
}
