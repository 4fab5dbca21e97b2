package cli_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
	"github.com/guestvoice/guestvoice/clients/go/gvctl/cli"
)

// A guest's export holds every place they went: a café the mapping lacks
// is skipped, a hotel it lacks is the mapping's to fix.
func TestCheckInsAwayFromLodgingAreSkippedAndUnmappedHotelsRejected(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	guest, err := h.client().Loyalty.CreateGuest(context.Background(), &gv.CreateGuestRequest{Parent: "organizations/default", Guest: &gv.Guest{}})
	if err != nil {
		t.Fatal(err)
	}
	input := h.write("checkins.json", `{"count": 4, "items": [
		{"id": "f1", "createdAt": "2025-09-02 08:00:00.000000", "type": "checkin",
		 "venue": {"id": "4b5e9f1cf964a520porto", "name": "Porto Riverside Hotel", "categories": [{"name": "Hotel"}]}},
		{"id": "f2", "createdAt": "2025-09-02 09:30:00.000000", "type": "checkin",
		 "venue": {"id": "4aabbd5cf964a520cafe", "name": "Café Central", "categories": [{"name": "Café"}]}},
		{"id": "f3", "createdAt": "2025-09-02 11:00:00.000000", "type": "venueless", "location": {"lat": 41.1, "lng": -8.6}},
		{"id": "f4", "createdAt": "2025-09-03 20:00:00.000000", "type": "checkin",
		 "venue": {"id": "4aabbd5cf964a520other", "name": "Another Hotel", "categories": [{"name": "Hotel"}]}}]}`)
	r := h.run("--json", "import", input, "--format", "foursquare", "--hotels", mapping(), "--guest", guest.GetName())
	var summary struct {
		Ingested int            `json:"ingested"`
		Skipped  map[string]int `json:"skipped"`
		Rejected map[string]int `json:"rejected"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &summary); err != nil || r.code != cli.ExitPartial || summary.Ingested != 1 ||
		fmt.Sprint(summary.Skipped) != "map[NOT_LODGING:1 NO_VENUE:1]" || fmt.Sprint(summary.Rejected) != "map[HOTEL_NOT_MAPPED:1]" {
		t.Errorf("exit %d, %s (%v) %s", r.code, r.stdout, err, r.stderr)
	}
}
