package demo

import (
	"context"
	"errors"
	"fmt"

	"github.com/google/uuid"
	"google.golang.org/genproto/googleapis/type/date"
	"google.golang.org/genproto/googleapis/type/money"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

// guestWorkers is how many guests are created at once: each guest is a few
// small unary calls, so some concurrency hides the round trips.
const guestWorkers = 8

// requestIDs derives request ids from the seed: a second load sends the
// same ids, and the server answers it with what the first created.
var requestIDs = uuid.MustParse("5d0a4c1e-2f7b-4b8e-9a53-6c1d2e3f4a5b")

// createGuests creates the known guests with their identities, then records
// their stays and check-ins.
func (l *loader) createGuests(ctx context.Context, result *Result) error {
	guests := l.plan.guests
	for _, g := range guests {
		result.Stays += len(g.stays)
		result.CheckIns += len(g.checkIns)
	}
	result.Guests = len(guests)
	return forEach(ctx, len(guests), guestWorkers, func(ctx context.Context, i int) error {
		if err := l.createGuest(ctx, i); err != nil {
			return fmt.Errorf("demo: guest %s: %w", guests[i].email, err)
		}
		l.progress.add("guests", 1, len(guests))
		return nil
	})
}

func (l *loader) createGuest(ctx context.Context, i int) error {
	plan := l.plan.guests[i]
	org := l.plan.options.Org
	identities := []*gv.Identity{
		{Kind: gv.IdentityKind_IDENTITY_KIND_EMAIL, Value: plan.email},
		{Kind: gv.IdentityKind_IDENTITY_KIND_LOYALTY_NUMBER, Value: plan.loyaltyNumber},
	}
	for _, h := range plan.handles {
		identities = append(identities, &gv.Identity{Kind: gv.IdentityKind_IDENTITY_KIND_HANDLE, Value: h.value, Source: h.source})
	}
	guest, err := l.loyalty.CreateGuest(ctx, &gv.CreateGuestRequest{
		Parent:     org,
		Guest:      &gv.Guest{DisplayName: plan.displayName},
		Identities: identities,
		RequestId:  uuid.NewSHA1(requestIDs, fmt.Appendf(nil, "%d/%s", l.plan.options.Seed, plan.loyaltyNumber)).String(),
	})
	if status.Code(err) == codes.AlreadyExists || guestvoice.Details(err).Reason() == "REQUEST_ID_REUSED" {
		// Loaded before: the server no longer remembers the request, or a
		// load with another End planned this guest otherwise (the plan moves
		// with End) and sent that under the same request id.
		guest, err = l.loyalty.LookupGuest(ctx, &gv.LookupGuestRequest{Parent: org, Identity: identities[1]})
		if status.Code(err) == codes.NotFound {
			return errors.New("an account of this guest belongs to a guest of another demo load (another seed?): load each seed into an organization of its own")
		}
	}
	if err != nil {
		return err
	}
	for _, s := range plan.stays {
		_, err := l.loyalty.RecordStay(ctx, &gv.RecordStayRequest{Parent: guest.GetName(), Stay: &gv.Stay{
			Hotel:            l.hotelName(s.hotel),
			ArrivalDate:      &date.Date{Year: int32(s.arrival.Year()), Month: int32(s.arrival.Month()), Day: int32(s.arrival.Day())},
			Nights:           int32(s.nights),
			QualifyingSpend:  &money.Money{CurrencyCode: l.plan.hotels[s.hotel].city.currency, Units: s.spend},
			BookingReference: s.reference,
		}})
		if err != nil && !loadedBefore(err) {
			return fmt.Errorf("stay %s: %w", s.reference, err)
		}
	}
	for _, c := range plan.checkIns {
		_, err := l.loyalty.RecordCheckIn(ctx, &gv.RecordCheckInRequest{Parent: guest.GetName(), CheckIn: &gv.CheckIn{
			Hotel:       l.hotelName(c.hotel),
			Outlet:      c.outlet,
			Source:      gv.Source_SOURCE_FOURSQUARE,
			ExternalId:  c.externalID,
			CheckInTime: timestamppb.New(c.at),
		}})
		if err != nil && !loadedBefore(err) {
			return fmt.Errorf("check-in %s: %w", c.externalID, err)
		}
	}
	return nil
}

// loadedBefore is whether a stay or check-in was refused because a load of
// the same seed with another End recorded it, on other dates: its
// reference is the demo's own, and the server keeps a reference's first
// record, so the guest's loyalty is as that load left it.
func loadedBefore(err error) bool {
	details := guestvoice.Details(err)
	return details.Code == codes.AlreadyExists && details.ErrorInfo.GetMetadata()["resource"] != ""
}
