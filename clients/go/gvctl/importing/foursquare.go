package importing

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

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
	// Type is "checkin", or "venueless" for a check-in at a spot on the
	// map, which has no venue.
	Type  string           `json:"type"`
	Venue *foursquareVenue `json:"venue"`
}

type foursquareVenue struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Categories []struct {
		Name       string `json:"name"`
		PluralName string `json:"pluralName"`
		ShortName  string `json:"shortName"`
	} `json:"categories"`
}

// lodgingCategoryWords are the words, or runs of words, of Foursquare's
// lodging category names (Hotel, Hostel, Motel, Resort, Bed & Breakfast,
// Boarding House, Inn, Vacation Rental, and their kinds: Ski Lodge, Hotel
// Bar...), lower case, letters only; a plural "s" after one counts too.
var lodgingCategoryWords = []string{
	"hotel", "hostel", "motel", "resort", "inn", "lodge", "lodging", "bed breakfast", "bed and breakfast",
	"boarding house", "guest house", "guesthouse", "vacation rental", "holiday rental", "ryokan",
}

// isLodgingCategory says whether a category's name names a kind of lodging.
func isLodgingCategory(name string) bool {
	words := " " + strings.Join(strings.FieldsFunc(strings.ToLower(name), func(c rune) bool { return !unicode.IsLetter(c) }), " ") + " "
	for _, lodging := range lodgingCategoryWords {
		if strings.Contains(words, " "+lodging+" ") || strings.Contains(words, " "+lodging+"s ") {
			return true
		}
	}
	return false
}

// isNotLodging says whether the venue's categories say it is no place to
// stay (a café, a museum). A venue without categories says nothing.
func (v foursquareVenue) isNotLodging() bool {
	for _, category := range v.Categories {
		if isLodgingCategory(category.Name) || isLodgingCategory(category.ShortName) || isLodgingCategory(category.PluralName) {
			return false
		}
	}
	return len(v.Categories) > 0
}

// foursquareTipShape marks a tip: the items of tips.json, a Foursquare
// export of the same {count, items} shape, have words and votes, which no
// check-in has.
var foursquareTipShape = elementShape{[]string{"text", "agreeCount", "disagreeCount"}, "Foursquare tips", ""}

// refuseTips refuses a tips export read as check-ins: each tip would be
// recorded as a visit to its venue.
func refuseTips(items []json.RawMessage) error {
	for i, raw := range items {
		var item map[string]json.RawMessage
		if json.Unmarshal(raw, &item) != nil {
			continue
		}
		if key := foursquareTipShape.has(item); key != "" {
			return &FileError{Line: 1, Err: fmt.Errorf("items[%d] has %q: this is a Foursquare tips export (tips.json), "+
				"not check-ins (checkins.json); gvctl imports check-ins only, and a tip is no visit", i, key)}
		}
	}
	return nil
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
	if err := refuseTips(document.Items); err != nil {
		return err
	}
	for i, raw := range document.Items {
		if !yield(readFoursquareCheckIn(i, raw)) {
			return nil
		}
	}
	return nil
}

// readFoursquareCheckIn is the record of items[i].
func readFoursquareCheckIn(i int, raw json.RawMessage) Record {
	number := i + 1
	var item foursquareCheckIn
	if err := decodeElement(raw, &item); err != nil {
		return problemf(number, "items[%d]: %v", i, err)
	}
	if item.Type == "venueless" || item.Venue == nil {
		return Record{Line: number, Skipped: SkipNoVenue}
	}
	if item.ID == "" || item.CreatedAt.IsZero() || item.Venue.ID == "" {
		return problemf(number, "items[%d] needs id, createdAt and venue.id", i)
	}
	record := Record{Line: number, Venue: item.Venue.ID, CheckIn: &gv.CheckIn{
		Source:      gv.Source_SOURCE_FOURSQUARE,
		ExternalId:  item.ID,
		CheckInTime: timestamppb.New(item.CreatedAt.Time),
	}}
	// A personal export holds every place its guest went: one the mapping
	// lacks is no mistake of the mapping's when it is no lodging.
	if item.Venue.isNotLodging() {
		record.SkipIfUnmapped = SkipNotLodging
	}
	return record
}
