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
