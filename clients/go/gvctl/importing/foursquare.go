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
	ID        string         `json:"id"`
	CreatedAt foursquareTime `json:"createdAt"`
	Venue     struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"venue"`
}

// foursquareTime is a check-in's createdAt: Unix seconds (the API, older
// exports) or, in today's Swarm exports, a UTC time written as a string
// ("2023-09-11 01:44:18.000000").
type foursquareTime struct{ time.Time }

// foursquareTimeLayout is the string form; time.Parse reads the fraction
// of a second after the seconds without the layout naming it.
const foursquareTimeLayout = "2006-01-02 15:04:05"

func (t *foursquareTime) UnmarshalJSON(data []byte) error {
	var seconds int64
	if json.Unmarshal(data, &seconds) == nil {
		t.Time = time.Unix(seconds, 0)
		if seconds <= 0 {
			t.Time = time.Time{}
		}
		return nil
	}
	var written string
	if err := json.Unmarshal(data, &written); err != nil {
		return fmt.Errorf("createdAt is %s, not Unix seconds or a time such as \"2023-09-11 01:44:18.000000\"", data)
	}
	parsed, err := time.Parse(foursquareTimeLayout, written)
	if err != nil {
		return fmt.Errorf("createdAt %q is not Unix seconds or a time such as \"2023-09-11 01:44:18.000000\"", written)
	}
	t.Time = parsed
	return nil
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
		if item.ID == "" || item.CreatedAt.IsZero() || item.Venue.ID == "" {
			if !yield(Record{Line: number, Problem: fmt.Errorf("items[%d] needs id, createdAt and venue.id", i)}) {
				return nil
			}
			continue
		}
		checkIn := &gv.CheckIn{
			Source:      gv.Source_SOURCE_FOURSQUARE,
			ExternalId:  item.ID,
			CheckInTime: timestamppb.New(item.CreatedAt.Time),
		}
		if !yield(Record{Line: number, Venue: item.Venue.ID, CheckIn: checkIn}) {
			return nil
		}
	}
	return nil
}
