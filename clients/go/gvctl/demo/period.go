package demo

import (
	"math"
	"time"
)

// period is the stretch of time the demo's history covers.
type period struct {
	start, end time.Time
}

// instant draws a moment at least reserveDays before the end, more often
// in summer: hotels hear most from their guests in the high season.
func (p period) instant(r *random, reserveDays int) time.Time {
	last := p.end.AddDate(0, 0, -reserveDays)
	span := last.Sub(p.start)
	for {
		t := p.start.Add(time.Duration(r.Int64N(int64(span))))
		// Peaks at the start of August, troughs in February.
		season := 1 + 0.3*math.Cos(2*math.Pi*float64(t.YearDay()-213)/365.25)
		if r.Float64()*1.3 < season {
			return t
		}
	}
}

// localNoon is noon of t's day in location.
func localNoon(t time.Time, location *time.Location) time.Time {
	local := t.In(location)
	return time.Date(local.Year(), local.Month(), local.Day(), 12, 0, 0, 0, location)
}
