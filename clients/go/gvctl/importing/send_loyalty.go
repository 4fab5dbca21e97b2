package importing

import (
	"context"

	"github.com/google/uuid"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

func (im *Importer) recordCheckIn(ctx context.Context, record Record) (string, error) {
	_, err := im.Client.Loyalty.RecordCheckIn(ctx, &gv.RecordCheckInRequest{Parent: im.Guest, CheckIn: record.CheckIn})
	return "", err
}

// recordStay finds the row's guest by email, then by phone (read as a
// number of the hotel's country), creates it when neither is known, links
// what the guest lacks, and records the stay, idempotent by booking
// reference. A re-run finds the guest it created by the same identities.
// A cancelled booking (SkipCancelled) creates no guest: a known guest's
// stay under its reference is recorded cancelled, which cancels one an
// earlier import recorded.
func (im *Importer) recordStay(ctx context.Context, record Record) (string, error) {
	row := record.Stay
	hotel := row.Stay.Hotel
	var identities []*gv.Identity
	if row.Email != "" {
		identities = append(identities, &gv.Identity{Kind: gv.IdentityKind_IDENTITY_KIND_EMAIL, Value: row.Email})
	}
	if row.Phone != "" {
		identities = append(identities, &gv.Identity{Kind: gv.IdentityKind_IDENTITY_KIND_PHONE, Value: row.Phone})
	}
	var guest *gv.Guest
	for _, identity := range identities {
		found, err := im.Client.Loyalty.LookupGuest(ctx, &gv.LookupGuestRequest{Parent: im.Parent, Identity: identity, Hotel: hotel})
		if status.Code(err) == codes.NotFound {
			continue
		}
		if err != nil {
			return "", err
		}
		guest = found
		break
	}
	switch {
	case guest == nil && row.Cancelled:
		return SkipCancelled, nil
	case row.Cancelled:
		// Recorded (or found under its reference), then cancelled: both
		// calls are idempotent, so a re-run changes nothing.
		stay, err := im.Client.Loyalty.RecordStay(ctx, &gv.RecordStayRequest{Parent: guest.GetName(), Stay: row.Stay})
		if err != nil {
			return "", err
		}
		_, err = im.Client.Loyalty.CancelStay(ctx, &gv.CancelStayRequest{Name: stay.GetName()})
		return SkipCancelled, err
	case guest == nil:
		created, err := im.Client.Loyalty.CreateGuest(ctx, &gv.CreateGuestRequest{
			Parent:     im.Parent,
			Guest:      &gv.Guest{DisplayName: row.GuestName},
			Identities: identities,
			Hotel:      hotel,
			// One request per booking: a retry after a lost answer returns
			// the guest created the first time.
			RequestId: uuid.NewSHA1(uuid.NameSpaceURL, []byte(im.Parent+"/bookings/"+row.Stay.BookingReference)).String(),
		})
		if err != nil {
			return "", err
		}
		guest = created
	default:
		for _, identity := range identities {
			// Linking what the guest holds already changes nothing.
			linked, err := im.Client.Loyalty.LinkIdentity(ctx, &gv.LinkIdentityRequest{Guest: guest.GetName(), Identity: identity, Hotel: hotel})
			if err != nil {
				return "", err
			}
			guest = linked
		}
	}
	_, err := im.Client.Loyalty.RecordStay(ctx, &gv.RecordStayRequest{Parent: guest.GetName(), Stay: row.Stay})
	return "", err
}
