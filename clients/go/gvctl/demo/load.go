package demo

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

// Result is what Load created.
type Result struct {
	Hotels []Hotel
	// Guests, Stays and CheckIns are the known guests and their loyalty
	// activity.
	Guests, Stays, CheckIns int
	// Ingested feedback items were new; Duplicates had been imported before
	// (a second load with the same seed adds nothing).
	Ingested, Duplicates int64
	// CasesHandled are the complaints the hotels have acknowledged or
	// resolved with a public reply; the other complaints are open.
	CasesHandled int64
}

// Hotel is one hotel of the demo chain.
type Hotel struct {
	// Name is the resource name, organizations/{org}/hotels/{hotel}.
	Name, DisplayName, TimeZone string
	// Problem is the aspect id guests have complained about most in the
	// last problemDays days (noise_sleep, wifi_internet, staff_service), or
	// "" for a hotel without a planted problem.
	Problem string
}

// Load invents a hotel chain and loads it through the public API: hotels,
// known guests with their linked accounts, stays and check-ins, then the
// feedback over ImportFeedback streams. It is safe to run again: every
// create is idempotent, so a second run with the same options (End fixed)
// adds nothing. With another End it plans other data under partly the same
// ids: what an earlier run stored under an id stands (a stay's dates, an
// item's hotel), and the rest is added.
func Load(ctx context.Context, conn grpc.ClientConnInterface, o Options) (Result, error) {
	o, err := o.withDefaults()
	if err != nil {
		return Result{}, err
	}
	plan := newChainPlan(o)
	l := &loader{
		plan:     plan,
		hotels:   gv.NewHotelServiceClient(conn),
		loyalty:  gv.NewLoyaltyServiceClient(conn),
		feedback: gv.NewFeedbackServiceClient(conn),
		progress: newReporter(o.Progress),
	}
	result := Result{}
	if result.Hotels, err = l.createHotels(ctx); err != nil {
		return result, err
	}
	if err := l.createGuests(ctx, &result); err != nil {
		return result, err
	}
	err = l.importFeedback(ctx, &result)
	return result, err
}

type loader struct {
	plan     *chainPlan
	hotels   gv.HotelServiceClient
	loyalty  gv.LoyaltyServiceClient
	feedback gv.FeedbackServiceClient
	progress *reporter
}

func (l *loader) hotelName(i int) string {
	return fmt.Sprintf("%s/hotels/%s", l.plan.options.Org, l.plan.hotels[i].id)
}

func (l *loader) createHotels(ctx context.Context) ([]Hotel, error) {
	var hotels []Hotel
	for i, h := range l.plan.hotels {
		_, err := l.hotels.CreateHotel(ctx, &gv.CreateHotelRequest{
			Parent:  l.plan.options.Org,
			HotelId: h.id,
			Hotel: &gv.Hotel{
				DisplayName: h.displayName,
				TimeZone:    h.city.timeZone,
				RegionCode:  h.city.region,
				Locality:    h.city.name,
			},
		})
		if err != nil && status.Code(err) != codes.AlreadyExists {
			return nil, fmt.Errorf("demo: create hotel %s: %w", h.id, err)
		}
		hotels = append(hotels, Hotel{Name: l.hotelName(i), DisplayName: h.displayName, TimeZone: h.city.timeZone, Problem: h.problem})
		l.progress.report(Progress{Stage: "hotels", Done: i + 1, Total: len(l.plan.hotels)})
	}
	return hotels, nil
}

// reporter serialises progress reports from concurrent workers.
type reporter struct {
	mu       sync.Mutex
	callback func(Progress)
	done     map[string]int
}

func newReporter(callback func(Progress)) *reporter {
	return &reporter{callback: callback, done: map[string]int{}}
}

func (r *reporter) report(p Progress) {
	if r.callback == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.callback(p)
}

// add counts n more done in stage and reports it.
func (r *reporter) add(stage string, n, total int) {
	r.mu.Lock()
	r.done[stage] += n
	done := r.done[stage]
	r.mu.Unlock()
	r.report(Progress{Stage: stage, Done: done, Total: total})
}

// forEach runs work(i) for i in [0, n) on workers goroutines and returns
// the first error, after which no new work starts.
func forEach(ctx context.Context, n, workers int, work func(ctx context.Context, i int) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := work(ctx, i); err != nil {
					cancel(err)
				}
			}
		}()
	}
	for i := 0; i < n && ctx.Err() == nil; i++ {
		select {
		case next <- i:
		case <-ctx.Done():
		}
	}
	close(next)
	wg.Wait()
	if err := context.Cause(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return ctx.Err()
}
