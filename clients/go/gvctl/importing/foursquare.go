package importing

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

func init() {
	register(Format{
		Name:        "foursquare",
		Description: "Foursquare/Swarm check-in export (checkins JSON: items[] with id, createdAt, venue); --guest names whose they are",
		Kind:        KindCheckIn,
		Read:        readFoursquareCheckIns,
	})
}

type foursquareCheckIns struct {
	Items []json.RawMessage `json:"items"` // foursquareCheckIn each
}

// foursquareCheckInsKeys are the export's fields, the array first.
var foursquareCheckInsKeys = []string{"items", "count"}

type foursquareCheckIn struct {
	ID        string `json:"id"`
	CreatedAt int64  `json:"createdAt"` // Unix seconds
	Venue     struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"venue"`
}

func readFoursquareCheckIns(r io.Reader, _ Options, yield func(Record) bool) error {
	var document foursquareCheckIns
	var keys map[string]json.RawMessage
	if err := readDocument(r, &document, &keys); err != nil {
		return err
	}
	if err := checkShape(keys, foursquareCheckInsKeys, "a Foursquare/Swarm checkins.json export (--format foursquare)"); err != nil {
		return err
	}
	for i, raw := range document.Items {
		number := i + 1
		var item foursquareCheckIn
		if err := decodeElement(raw, &item); err != nil {
			if !yield(problemf(number, "items[%d]: %v", i, err)) {
				return nil
			}
			continue
		}
		if item.ID == "" || item.CreatedAt <= 0 || item.Venue.ID == "" {
			if !yield(Record{Line: number, Problem: fmt.Errorf("items[%d] needs id, createdAt and venue.id", i)}) {
				return nil
			}
			continue
		}
		checkIn := &gv.CheckIn{
			Source:      gv.Source_SOURCE_FOURSQUARE,
			ExternalId:  item.ID,
			CheckInTime: timestamppb.New(time.Unix(item.CreatedAt, 0)),
		}
		if !yield(Record{Line: number, Venue: item.Venue.ID, CheckIn: checkIn}) {
			return nil
		}
	}
	return nil
}
