package importing

import (
	"strings"
	"testing"
	"time"
)

func TestACheckInTimeIsReadAsUnixSecondsOrAsTodaysExportsWriteIt(t *testing.T) {
	records, err := readString("foursquare", `{"count": 4, "items": [
		{"id": "c1", "createdAt": 1756800000, "type": "checkin", "venue": {"id": "v1"}},
		{"id": "c2", "createdAt": "2025-09-02 08:00:00.000000", "type": "checkin", "venue": {"id": "v1"}},
		{"id": "c3", "createdAt": "2025-09-02 08:00:00", "type": "checkin", "venue": {"id": "v1"}},
		{"id": "c4", "createdAt": "yesterday", "type": "checkin", "venue": {"id": "v1"}}]}`, Options{})
	if err != nil || len(records) != 4 {
		t.Fatalf("%v %+v", err, records)
	}
	want := []time.Time{time.Unix(1756800000, 0), time.Date(2025, 9, 2, 8, 0, 0, 0, time.UTC), time.Date(2025, 9, 2, 8, 0, 0, 0, time.UTC)}
	for i, at := range want {
		if got := records[i].CheckIn.GetCheckInTime().AsTime(); !got.Equal(at) {
			t.Errorf("items[%d]: %v, want %v (%v)", i, got, at, records[i].Problem)
		}
	}
	if problem := records[3].Problem; problem == nil || !strings.Contains(problem.Error(), `items[3]: createdAt "yesterday" is not Unix seconds`) {
		t.Errorf("an unreadable time: %v", problem)
	}
}

func TestLodgingIsToldByItsCategoryNames(t *testing.T) {
	for name, lodging := range map[string]bool{
		"Hotel": true, "Hostels": true, "Bed & Breakfast": true, "Boarding House": true, "Inn": true, "Vacation Rental": true,
		"Ski Lodge": true, "Resort": true, "Motel": true, "Café": false, "Dinner Theater": false, "Museum": false, "Innovation Lab": false,
	} {
		if got := isLodgingCategory(name); got != lodging {
			t.Errorf("isLodgingCategory(%q) = %v", name, got)
		}
	}
}

// A personal export holds cafés and spots on the map besides hotels.
func TestACheckInOffALodgingOrAVenueIsSkippableNotUnreadable(t *testing.T) {
	records, err := readString("foursquare", `{"count": 5, "items": [
		{"id": "c1", "createdAt": 1756800000, "type": "checkin", "venue": {"id": "v-hotel", "categories": [{"name": "Hotel", "primary": true}]}},
		{"id": "c2", "createdAt": 1756803600, "type": "checkin", "venue": {"id": "v-cafe", "categories": [{"name": "Café", "shortName": "Café"}]}},
		{"id": "c3", "createdAt": 1756807200, "type": "venueless", "location": {"name": "Somewhere", "lat": 41.1, "lng": -8.6}},
		{"id": "c4", "createdAt": 1756810800, "type": "checkin", "venue": {"id": "v-plain", "name": "No categories"}},
		{"id": "c5", "createdAt": 1756814400, "type": "checkin", "venue": {"id": "v-bb", "categories": [{"name": "Museum"}, {"name": "Bed & Breakfast"}]}}]}`, Options{})
	if err != nil || len(records) != 5 {
		t.Fatalf("%v %+v", err, records)
	}
	for i, want := range []string{"", SkipNotLodging, "", "", ""} {
		if got := records[i].SkipIfUnmapped; got != want || records[i].CheckIn == nil && i != 2 {
			t.Errorf("items[%d]: skip if unmapped %q, want %q (%+v)", i, got, want, records[i])
		}
	}
	if records[2].Skipped != SkipNoVenue || records[2].Problem != nil {
		t.Errorf("venueless: %+v", records[2])
	}
}

func TestATipsExportIsRefusedAsNoCheckIns(t *testing.T) {
	_, err := readString("foursquare", `{"count": 1, "items": [{"id": "t1", "createdAt": 1757000000, "type": "user",
		"text": "Ask for a room on the river side.", "agreeCount": 2, "disagreeCount": 0, "venue": {"id": "v-hotel"}}]}`, Options{})
	if err == nil || !strings.Contains(err.Error(), "this is a Foursquare tips export (tips.json)") {
		t.Errorf("%v", err)
	}
}
