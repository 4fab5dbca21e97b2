package importing

import (
	"context"
	"fmt"
	"time"

	// Hotels' IANA zones must load where gvctl runs, tzdata or not.
	_ "time/tzdata"

	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

// hotelZone is a hotel's time zone as GetHotel gave it, or why not.
type hotelZone struct {
	location *time.Location
	err      error
}

// zoneOf is the time zone of hotel (a resource name), asked of the server
// once per import and hotel.
func (im *Importer) zoneOf(ctx context.Context, hotel string) (*time.Location, error) {
	if zone, ok := im.zones[hotel]; ok {
		return zone.location, zone.err
	}
	found, err := im.Client.Hotels.GetHotel(ctx, &gv.GetHotelRequest{Name: hotel})
	if err != nil && stopsImport(err) {
		return nil, err // not cached: the import stops and is resumed
	}
	zone := hotelZone{err: err}
	if err == nil {
		zone.location, zone.err = time.LoadLocation(found.GetTimeZone())
	}
	if im.zones == nil {
		im.zones = map[string]hotelZone{}
	}
	im.zones[hotel] = zone
	return zone.location, zone.err
}

// placeLocal sets the post_time (and edit_time) of an item whose export
// wrote it without a zone (LocalTime.In) in its hotel's time zone: a guest's review written in
// Tokyo at 20:00 was posted at 20:00 there, on that day in the hotel's
// figures, not on the next one as 20:00 UTC would be.
func (im *Importer) placeLocal(ctx context.Context, record Record, hotel string) error {
	location, err := im.zoneOf(ctx, hotel)
	if err != nil {
		return err
	}
	if record.PostLocal.IsSet() {
		record.Feedback.PostTime = timestamppb.New(record.PostLocal.In(location, time.Now()))
	}
	if record.EditLocal.IsSet() {
		edited := record.EditLocal.In(location, time.Now())
		// A date alone is read at noon: an edit on the day of a post made
		// later that day would come before it.
		if post := record.Feedback.GetPostTime().AsTime(); !record.EditLocal.HasClock && edited.Before(post) {
			edited = post
		}
		record.Feedback.EditTime = timestamppb.New(edited)
	}
	return nil
}

// zoneProblem says why a hotel's zone could not be had, for the report.
func zoneProblem(hotel string, err error) (reason, message string) {
	details := guestvoice.Details(err)
	if details.Reason() == "" {
		return ReasonUnreadable, fmt.Sprintf("post_time has no zone: the time zone of %s: %v", hotel, err)
	}
	return details.Reason(), "post_time has no zone, so it is placed in its hotel's time zone: " + details.Message
}
