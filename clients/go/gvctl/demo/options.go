package demo

import (
	"fmt"
	"time"
)

// Limits of Options.
const (
	MinItems = 1_000
	MaxItems = 5_000_000
	minDays  = 30
	maxDays  = 1096 // the longest interval insights answer for
)

// Options say what chain to invent and where to load it.
type Options struct {
	// Seed makes the chain: the same seed and options give the same data.
	Seed uint64
	// Items is how many feedback items to import, MinItems to MaxItems;
	// 10,000 when 0.
	Items int
	// Hotels is how many hotels the chain has, 1 to MaxHotels; 12 when 0.
	Hotels int
	// Org is the organization to load into; "organizations/default" when
	// empty.
	Org string
	// Days is how many days of history end at End, 30 to 1096; 365 when 0.
	Days int
	// End is when the history ends; the current hour when zero. Fix it to
	// load the very same data on another day.
	End time.Time
	// Streams is how many ImportFeedback streams run at once; 2 when 0.
	Streams int
	// Progress, when set, is called as each stage advances, never
	// concurrently.
	Progress func(Progress)
}

// Progress is how far a stage of Load has come.
type Progress struct {
	// Stage is "hotels", "guests" or "feedback".
	Stage       string
	Done, Total int
}

func (o Options) withDefaults() (Options, error) {
	if o.Items == 0 {
		o.Items = 10_000
	}
	if o.Hotels == 0 {
		o.Hotels = 12
	}
	if o.Org == "" {
		o.Org = "organizations/default"
	}
	if o.Days == 0 {
		o.Days = 365
	}
	if o.End.IsZero() {
		o.End = time.Now().Truncate(time.Hour)
	}
	if o.Streams == 0 {
		o.Streams = 2
	}
	switch {
	case o.Items < MinItems || o.Items > MaxItems:
		return o, fmt.Errorf("demo: items must be %d to %d, not %d", MinItems, MaxItems, o.Items)
	case o.Hotels < 1 || o.Hotels > MaxHotels:
		return o, fmt.Errorf("demo: hotels must be 1 to %d, not %d", MaxHotels, o.Hotels)
	case o.Days < minDays || o.Days > maxDays:
		return o, fmt.Errorf("demo: days must be %d to %d, not %d", minDays, maxDays, o.Days)
	case o.Streams < 1:
		return o, fmt.Errorf("demo: streams must be at least 1, not %d", o.Streams)
	case o.End.After(time.Now()):
		return o, fmt.Errorf("demo: end %v is in the future", o.End)
	}
	o.End = o.End.UTC()
	return o, nil
}
