package cli

import (
	"time"

	"github.com/spf13/cobra"
	"google.golang.org/genproto/googleapis/type/interval"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// intervalFlags choose the time an insight covers: --from/--to dates, or
// the last --days days up to now.
type intervalFlags struct {
	from, to string
	days     int
}

func (f *intervalFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.from, "from", "", "start date, YYYY-MM-DD (UTC)")
	cmd.Flags().StringVar(&f.to, "to", "", "end date, YYYY-MM-DD, exclusive (default now)")
	cmd.Flags().IntVar(&f.days, "days", 30, "the last N days, when --from is not given")
}

func (f *intervalFlags) interval(now time.Time) (*interval.Interval, error) {
	end := now
	if f.to != "" {
		parsed, err := time.Parse(time.DateOnly, f.to)
		if err != nil {
			return nil, usagef("--to %q is not a date such as 2026-01-31", f.to)
		}
		end = parsed
	}
	start := end.AddDate(0, 0, -f.days)
	if f.from != "" {
		parsed, err := time.Parse(time.DateOnly, f.from)
		if err != nil {
			return nil, usagef("--from %q is not a date such as 2026-01-01", f.from)
		}
		start = parsed
	}
	if !start.Before(end) {
		return nil, usagef("the interval is empty: --from must be before --to")
	}
	return &interval.Interval{StartTime: timestamppb.New(start), EndTime: timestamppb.New(end)}, nil
}

// scopeName is a hotel's name when one is given, else the organization's.
func (a *App) scopeName(hotel string) string {
	if hotel == "" {
		return a.Parent()
	}
	return a.HotelName(hotel)
}
