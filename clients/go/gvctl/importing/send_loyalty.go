package importing

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/google/uuid"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

// recordCheckIn records the guest's check-in unless ListCheckIns finds it
// recorded before as the file has it, which is then already present. One
// recorded otherwise (another hotel after a mapping changed, another time)
// is sent all the same, and the server refuses it naming the recorded
// check-in and what differs.
func (im *Importer) recordCheckIn(ctx context.Context, record Record) (sent, error) {
	if !im.listingRefused {
		listed, err := im.Client.Loyalty.ListCheckIns(ctx, &gv.ListCheckInsRequest{
			Parent: im.Guest, Source: record.CheckIn.GetSource(), ExternalId: record.CheckIn.GetExternalId(),
		})
		if err = im.noteListing(err); err != nil {
			return sent{}, err
		}
		if checkIns := listed.GetCheckIns(); len(checkIns) > 0 && sameCheckIn(checkIns[0], record.CheckIn) {
			return sent{alreadyPresent: true}, nil
		}
	}
	_, err := im.Client.Loyalty.RecordCheckIn(ctx, &gv.RecordCheckInRequest{Parent: im.Guest, CheckIn: record.CheckIn})
	return sent{}, err
}

// sameCheckIn is whether the recorded check-in is the file's: the same
// hotel, outlet and time, as the server compares them.
func sameCheckIn(recorded, row *gv.CheckIn) bool {
	return recorded.GetHotel() == row.GetHotel() && recorded.GetOutlet() == row.GetOutlet() &&
		proto.Equal(recorded.GetCheckInTime(), row.GetCheckInTime())
}

// noteListing passes on a List call's error, except a refusal the import
// works without: a key that may write but not read (no SCOPE_LOYALTY_READ),
// or a server from before the method. That is remembered, and no List call
// is made again this run: records are then sent as they come, and one
// recorded before counts as ingested again (the server stores it once
// either way).
func (im *Importer) noteListing(err error) error {
	switch status.Code(err) {
	case codes.PermissionDenied, codes.Unimplemented:
		im.listingRefused = true
		return nil
	}
	return err
}

// recordStay finds the row's guest by email, then by phone (read as a
// number of the hotel's country), creates it with the stay when neither is
// known (so a stay the server refuses creates no guest), links
// what the guest lacks, and records the stay. A phone is shared (a family,
// an office switchboard): a guest found by the phone alone whose name is not
// the row's is another person, so the row's guest is created with the
// row's other identities rather than merged into them; and an identity of
// the row that another guest holds is left with that guest. Identities are
// linked once the stay is recorded or found present, so a row refused links
// nothing; a guest another import created between the lookup and the create
// is looked up again. A known guest's booking is
// looked up first (ListStays by booking reference): one recorded before is
// already present when it agrees with the row; when it differs it is
// BOOKING_CHANGED, or with AmendBookings edited to the row's details
// (UpdateStay), where the booking could not be looked up (a guest found by a
// replayed request id) through the stay the server's refusal names. A guest
// no identity finds may be found by the booking (bookedStay). A cancelled booking stays cancelled: a row that
// lists it as a stay is BOOKING_CHANGED, as is a row of a booking an earlier
// row of the file listed with other details. A re-run
// finds the guest it created by the same identities. A cancelled booking
// (SkipCancelled) creates and links nothing, and cancels the stay recorded
// for it.
func (im *Importer) recordStay(ctx context.Context, record Record) (sent, error) {
	if err := im.noteBookingRow(record.Stay); err != nil {
		return sent{}, err
	}
	result, err := im.recordStayOnce(ctx, record)
	if details := guestvoice.Details(err); details.Code == codes.AlreadyExists &&
		strings.HasPrefix(details.ErrorInfo.GetMetadata()["field"], "identities[") {
		// Another import (or a front desk) created the guest between the
		// lookup and the create: the lookup now finds them.
		return im.recordStayOnce(ctx, record)
	}
	return result, err
}

// recordStayOnce is recordStay's work on a row whose booking was noted.
func (im *Importer) recordStayOnce(ctx context.Context, record Record) (sent, error) {
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
			return sent{}, err
		}
		if identity.Kind == gv.IdentityKind_IDENTITY_KIND_PHONE && !sameName(found.GetDisplayName(), row.GuestName) {
			// Someone else's phone: not an identity of the row's guest.
			var own []*gv.Identity
			for _, other := range identities {
				if other != identity {
					own = append(own, other)
				}
			}
			identities = own
			break
		}
		guest = found
		break
	}
	if guest == nil {
		// The booking recorded before under other identities (an email
		// corrected at the source): its guest is the row's.
		booked, err := im.bookedStay(ctx, row.Stay.GetBookingReference())
		if err != nil {
			return sent{}, err
		}
		if booked != nil {
			guest = &gv.Guest{Name: guestOfStay(booked.GetName())}
		}
	}
	if guest == nil && row.Cancelled {
		// Nothing was recorded for the booking.
		return sent{skipped: SkipCancelled}, nil
	}
	if guest == nil {
		// The guest is created with the stay, in one write: a booking the
		// server refuses (400 nights, two years ahead) creates no guest.
		created, err := im.Client.Loyalty.CreateGuest(ctx, &gv.CreateGuestRequest{
			Parent:     im.Parent,
			Guest:      &gv.Guest{DisplayName: oneLine(row.GuestName)},
			Identities: identities,
			Hotel:      hotel,
			Stay:       row.Stay,
			// One request per booking: a retry after a lost answer returns
			// the guest created the first time. (Runs of gvctl from before
			// the stay was sent along named their request ".../bookings/R":
			// the same id with another request would be refused.)
			RequestId: uuid.NewSHA1(uuid.NameSpaceURL, []byte(im.Parent+"/bookings/"+row.Stay.BookingReference+"/guest")).String(),
		})
		if err != nil {
			return sent{}, err
		}
		// Returns the stay just recorded; a server from before
		// CreateGuestRequest.stay ignored it, and records it now.
		return im.sendStay(ctx, created.GetName(), row.Stay)
	}

	recorded, err := im.recordedStay(ctx, guest.GetName(), row.Stay.BookingReference)
	if err != nil {
		return sent{}, err
	}
	if row.Cancelled {
		if recorded != nil && !recorded.GetCancelled() {
			_, err = im.Client.Loyalty.CancelStay(ctx, &gv.CancelStayRequest{Name: recorded.GetName()})
		}
		return sent{skipped: SkipCancelled}, err
	}
	var result sent
	if recorded != nil {
		result, err = im.bookingSeenBefore(ctx, recorded, row.Stay)
	} else {
		result, err = im.sendStay(ctx, guest.GetName(), row.Stay)
	}
	if err != nil {
		// A row refused changes nothing: its identities are not linked.
		return sent{}, err
	}
	for _, identity := range identities {
		// Linking what the guest holds already changes nothing; what another
		// guest holds stays theirs (ALREADY_EXISTS), and the stay is this one's.
		_, err := im.Client.Loyalty.LinkIdentity(ctx, &gv.LinkIdentityRequest{Guest: guest.GetName(), Identity: identity, Hotel: hotel})
		if err != nil && status.Code(err) != codes.AlreadyExists {
			return sent{}, err
		}
	}
	return result, nil
}

// sameName is whether two spellings of a guest's name are one: the same
// words in any order and case ("Smith, John" and "john smith"). A guest
// without a name, or a row without one, names nobody else.
func sameName(a, b string) bool {
	words := func(name string) string {
		fields := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		})
		sort.Strings(fields)
		return strings.Join(fields, " ")
	}
	wa, wb := words(a), words(b)
	return wa == "" || wb == "" || wa == wb
}

// noteBookingRow remembers the row of its booking reference for this run
// (and the runs that resume it: the checkpoint keeps them);
// BOOKING_CHANGED when an earlier row of the file listed the booking with
// other details (one row per room of a booking, or a booking amended within
// the file), which the import does not take: amending to each in turn would
// leave whichever came last, and report an edit on every run.
func (im *Importer) noteBookingRow(row *StayRecord) error {
	reference := row.Stay.GetBookingReference()
	if reference == "" {
		return nil
	}
	described := describeStay(row.Stay)
	if row.Cancelled {
		described = "cancelled"
	}
	if im.bookings == nil {
		im.bookings = map[string]string{}
	}
	first, seen := im.bookings[reference]
	if !seen {
		im.bookings[reference] = described
		return nil
	}
	if first != described {
		return &rejection{ReasonBookingChanged, fmt.Sprintf(
			"booking %s is listed again in this file, as %s, after a row that listed it as %s; the first row was taken",
			reference, described, first)}
	}
	return nil
}

// sendStay records the stay. A booking recorded before with other details
// (ALREADY_EXISTS naming the recorded stay) is amended to the row's with
// AmendBookings, else BOOKING_CHANGED with the server's account of what
// differs.
func (im *Importer) sendStay(ctx context.Context, guest string, stay *gv.Stay) (sent, error) {
	_, err := im.Client.Loyalty.RecordStay(ctx, &gv.RecordStayRequest{Parent: guest, Stay: stay})
	if details := guestvoice.Details(err); details.Code == codes.AlreadyExists && details.ErrorInfo.GetMetadata()["resource"] != "" {
		if !im.AmendBookings {
			return sent{}, &rejection{ReasonBookingChanged, details.Message + amendHint}
		}
		return im.amendStay(ctx, details.ErrorInfo.GetMetadata()["resource"], stay, details.Message)
	}
	return sent{}, err
}

// amendHint ends a BOOKING_CHANGED message the import could have amended.
const amendHint = " (import with --amend-bookings to take the file's details)"

// amendStay gives the recorded stay `name` the row's hotel, arrival, nights
// and spend. BOOKING_CHANGED, with `why`, for a cancelled stay (it stays
// cancelled) and on a server without UpdateStay.
func (im *Importer) amendStay(ctx context.Context, name string, row *gv.Stay, why string) (sent, error) {
	update := proto.Clone(row).(*gv.Stay)
	update.Name = name
	_, err := im.Client.Loyalty.UpdateStay(ctx, &gv.UpdateStayRequest{Stay: update, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"*"}}})
	switch status.Code(err) {
	case codes.OK:
		return sent{edited: true}, nil
	case codes.FailedPrecondition:
		return sent{}, &rejection{ReasonBookingChanged, why}
	case codes.Unimplemented:
		return sent{}, &rejection{ReasonBookingChanged, why + "; this server cannot amend a stay (no UpdateStay): " +
			"cancel it with gvctl stays cancel " + name}
	}
	return sent{}, err
}

// recordedStay is the guest's stay under reference, or nil when there is
// none or the server will not say (noteListing).
func (im *Importer) recordedStay(ctx context.Context, guest, reference string) (*gv.Stay, error) {
	// An empty reference would list every stay of the guest.
	if reference == "" || im.listingRefused {
		return nil, nil
	}
	listed, err := im.Client.Loyalty.ListStays(ctx, &gv.ListStaysRequest{Parent: guest, BookingReference: reference})
	if err = im.noteListing(err); err != nil {
		return nil, err
	}
	if stays := listed.GetStays(); len(stays) > 0 {
		return stays[0], nil
	}
	return nil, nil
}

// bookedStay is the organization's stay under reference, whoever's guest it
// is (ListStays of every guest, guests/-), or nil when there is none or the
// server will not say (noteListing; a server from before guests/- refuses
// the parent as a guest it does not know).
func (im *Importer) bookedStay(ctx context.Context, reference string) (*gv.Stay, error) {
	if reference == "" || im.listingRefused {
		return nil, nil
	}
	listed, err := im.Client.Loyalty.ListStays(ctx, &gv.ListStaysRequest{Parent: im.Parent + "/guests/-", BookingReference: reference})
	switch status.Code(err) {
	case codes.NotFound, codes.InvalidArgument:
		return nil, nil
	}
	if err = im.noteListing(err); err != nil {
		return nil, err
	}
	if stays := listed.GetStays(); len(stays) > 0 {
		return stays[0], nil
	}
	return nil, nil
}

// guestOfStay is the guest a stay's name names:
// organizations/{o}/guests/{g} of organizations/{o}/guests/{g}/stays/{s}.
func guestOfStay(stay string) string {
	if i := strings.LastIndex(stay, "/stays/"); i >= 0 {
		return stay[:i]
	}
	return stay
}

// bookingSeenBefore is a booking's outcome when a stay was recorded under
// its reference before: already present when the file agrees with it,
// BOOKING_CHANGED when it was cancelled, and when it differs edited to the
// file's details with AmendBookings, else BOOKING_CHANGED.
func (im *Importer) bookingSeenBefore(ctx context.Context, recorded, row *gv.Stay) (sent, error) {
	difference := stayDifference(recorded, row)
	switch {
	case difference == "":
		return sent{alreadyPresent: true}, nil
	case recorded.GetCancelled():
		return sent{}, &rejection{ReasonBookingChanged, fmt.Sprintf(
			"booking %s was recorded and cancelled (%s) and the file lists it as a stay (%s); a cancelled booking "+
				"stays cancelled: if the guest did stay, record the stay under a booking reference of its own",
			row.GetBookingReference(), recorded.GetName(), difference)}
	}
	changed := fmt.Sprintf("booking %s is recorded as %s (%s) and the file says %s",
		row.GetBookingReference(), describeStay(recorded), recorded.GetName(), difference)
	if !im.AmendBookings {
		return sent{}, &rejection{ReasonBookingChanged, changed + amendHint}
	}
	return im.amendStay(ctx, recorded.GetName(), row, changed+"; it was cancelled since, and a cancelled booking stays cancelled")
}

// stayDifference says how the file's booking differs from the recorded
// stay ("" when it does not): hotel, arrival, nights, spend, cancellation.
func stayDifference(recorded, row *gv.Stay) string {
	var differences []string
	if recorded.GetCancelled() {
		differences = append(differences, "not cancelled")
	}
	if recorded.GetHotel() != row.GetHotel() {
		differences = append(differences, "hotel "+row.GetHotel())
	}
	if !proto.Equal(recorded.GetArrivalDate(), row.GetArrivalDate()) {
		differences = append(differences, "arrival "+guestvoice.DateString(row.GetArrivalDate()))
	}
	if recorded.GetNights() != row.GetNights() {
		differences = append(differences, fmt.Sprintf("%d nights", row.GetNights()))
	}
	if !proto.Equal(recorded.GetQualifyingSpend(), row.GetQualifyingSpend()) {
		differences = append(differences, "spend "+guestvoice.MoneyString(row.GetQualifyingSpend()))
	}
	return strings.Join(differences, ", ")
}

// describeStay is a stay as stayDifference words it.
func describeStay(stay *gv.Stay) string {
	description := fmt.Sprintf("%d nights from %s at %s, spend %s", stay.GetNights(),
		guestvoice.DateString(stay.GetArrivalDate()), stay.GetHotel(), guestvoice.MoneyString(stay.GetQualifyingSpend()))
	if stay.GetCancelled() {
		description += ", cancelled"
	}
	return description
}
