package report

import (
	"context"
	"fmt"
	"time"

	"google.golang.org/genproto/googleapis/type/interval"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

// How much of each list the report shows.
const (
	topIssueCount  = 8
	attentionCount = 12
)

// Request says what a report covers.
type Request struct {
	// Org is the organization, organizations/{org}.
	Org string
	// Hotel narrows the report to one hotel, organizations/{org}/hotels/{hotel};
	// the whole chain when empty. The hotel ranking always covers the chain.
	Hotel string
	// Start and End bound the interval [Start, End); each hotel counts the
	// whole local days the bounds fall in.
	Start, End time.Time
}

// Data is everything a report shows, as the insight APIs answered it.
type Data struct {
	Request Request
	// Title names the hotel or the organization.
	Title string
	// Hotels are the organization's hotels by name.
	Hotels map[string]*gv.Hotel
	// Current and Previous are the headline figures of the interval and of
	// the previous interval of equal length.
	Current, Previous *gv.VoiceStats
	// Aspects and PreviousAspects are per aspect, in taxonomy order.
	Aspects, PreviousAspects []*gv.AspectStats
	Trend                    *gv.SentimentTrend
	Granularity              gv.Granularity
	TopIssues                []*gv.TopIssue
	// Ranking is every hotel of the organization, best first.
	Ranking   []*gv.HotelComparison
	Loyalty   *gv.LoyaltyInsights
	Attention []*gv.AttentionItem
	// Generated is when the data was gathered.
	Generated time.Time
}

// Gather asks the insight APIs for everything a report shows.
func Gather(ctx context.Context, conn grpc.ClientConnInterface, r Request) (*Data, error) {
	if !r.Start.Before(r.End) {
		return nil, fmt.Errorf("report: the interval must start before it ends (%v, %v)", r.Start, r.End)
	}
	insights := gv.NewInsightServiceClient(conn)
	scope := r.Org
	if r.Hotel != "" {
		scope = r.Hotel
	}
	current := toInterval(r.Start, r.End)
	d := &Data{Request: r, Hotels: map[string]*gv.Hotel{}, Granularity: granularityFor(r.End.Sub(r.Start)), Generated: time.Now()}

	hotels := guestvoice.All(ctx, gv.NewHotelServiceClient(conn).ListHotels,
		func(token string) *gv.ListHotelsRequest {
			return &gv.ListHotelsRequest{Parent: r.Org, PageSize: 1000, PageToken: token}
		},
		(*gv.ListHotelsResponse).GetHotels)
	for hotel, err := range hotels {
		if err != nil {
			return nil, fmt.Errorf("report: list hotels: %w", err)
		}
		d.Hotels[hotel.GetName()] = hotel
	}

	ranking, err := insights.CompareHotels(ctx, &gv.CompareHotelsRequest{Parent: r.Org, Interval: current})
	if err != nil {
		return nil, fmt.Errorf("report: compare hotels: %w", err)
	}
	d.Ranking = ranking.GetHotels()
	if r.Hotel == "" {
		org, err := gv.NewAdminServiceClient(conn).GetOrganization(ctx, &gv.GetOrganizationRequest{Name: r.Org})
		if err != nil {
			return nil, fmt.Errorf("report: get organization: %w", err)
		}
		d.Title = org.GetDisplayName()
		// The chain's figures for the previous interval are the chain's
		// comparison over it.
		previous, err := insights.CompareHotels(ctx, &gv.CompareHotelsRequest{Parent: r.Org, Interval: previousOf(r.Start, r.End)})
		if err != nil {
			return nil, fmt.Errorf("report: compare hotels (previous interval): %w", err)
		}
		d.Current, d.Aspects = ranking.GetOrganization(), ranking.GetOrganizationAspects()
		d.Previous, d.PreviousAspects = previous.GetOrganization(), previous.GetOrganizationAspects()
	} else {
		summary, err := insights.GetHotelSummary(ctx, &gv.GetHotelSummaryRequest{Hotel: r.Hotel, Interval: current})
		if err != nil {
			return nil, fmt.Errorf("report: hotel summary: %w", err)
		}
		d.Title = d.Hotels[r.Hotel].GetDisplayName()
		d.Current, d.Aspects = summary.GetCurrent(), summary.GetAspects()
		d.Previous, d.PreviousAspects = summary.GetPrevious(), summary.GetPreviousAspects()
	}

	if d.Trend, err = insights.GetSentimentTrend(ctx, &gv.GetSentimentTrendRequest{Scope: scope, Interval: current, Granularity: d.Granularity}); err != nil {
		return nil, fmt.Errorf("report: sentiment trend: %w", err)
	}
	issues, err := insights.ListTopIssues(ctx, &gv.ListTopIssuesRequest{Scope: scope, Interval: current, Limit: topIssueCount})
	if err != nil {
		return nil, fmt.Errorf("report: top issues: %w", err)
	}
	d.TopIssues = issues.GetIssues()
	if d.Loyalty, err = insights.GetLoyaltyInsights(ctx, &gv.GetLoyaltyInsightsRequest{Scope: scope, Interval: current}); err != nil {
		return nil, fmt.Errorf("report: loyalty insights: %w", err)
	}
	// The attention queue is what is open now, whenever it was posted.
	attention, err := insights.ListAttentionItems(ctx, &gv.ListAttentionItemsRequest{Scope: scope, PageSize: attentionCount})
	if err != nil {
		return nil, fmt.Errorf("report: attention items: %w", err)
	}
	d.Attention = attention.GetItems()
	return d, nil
}

// granularityFor picks buckets that give a readable chart: days for a
// month or so, weeks for half a year, months beyond.
func granularityFor(length time.Duration) gv.Granularity {
	switch days := length.Hours() / 24; {
	case days <= 45:
		return gv.Granularity_GRANULARITY_DAY
	case days <= 200:
		return gv.Granularity_GRANULARITY_WEEK
	default:
		return gv.Granularity_GRANULARITY_MONTH
	}
}

func toInterval(start, end time.Time) *interval.Interval {
	return &interval.Interval{StartTime: timestamppb.New(start), EndTime: timestamppb.New(end)}
}

// previousOf is the interval of equal length just before [start, end).
func previousOf(start, end time.Time) *interval.Interval {
	return toInterval(start.Add(-end.Sub(start)), start)
}
