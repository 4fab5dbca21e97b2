package cli_test

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
	"github.com/guestvoice/guestvoice/clients/go/gvctl/cli"
	"github.com/guestvoice/guestvoice/clients/go/gvctl/importing"
)

// bookingReview is a Booking.com review of property 7001 with reply.
func bookingReview(id, reservation, reply string) string {
	return `{"review_id": "` + id + `", "reservation_id": ` + reservation + `, "created_timestamp": "2025-09-20 22:30:00",
		"content": {"language_code": "pt-pt", "headline": "Barulho", "positive": "Localização", "negative": "Ruído da rua à noite"},
		"scoring": {"review_score": 6}, "reviewer": {"name": "Rui"}, "reply": {"text": "` + reply + `"},
		"url": "https://supply-xml.booking.com/review-api/properties/7001/reviews/` + id + `"}`
}

// A reply longer than the server keeps is refused on its own: the review is
// stored and counted, the refusal is in the error report, and the import
// goes on to the next record and finishes.
func TestAReplyTheServerRefusesLeavesItsReviewStoredAndTheImportGoingOn(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	long := strings.Repeat("Obrigado pela sua estadia. ", 700) // over 16 KiB
	input := h.write("reviews.json", `{"meta": {}, "data": {"reviews": [`+
		bookingReview("BK-long", "4000000001", long)+", "+
		bookingReview("BK-short", "4000000002", "Obrigado, Rui!")+`]}}`)
	r := h.run("--json", "import", input, "--format", "booking", "--hotels", mapping(), "--batch-size", "1")
	var summary struct {
		Ingested       int            `json:"ingested"`
		Rejected       map[string]int `json:"rejected"`
		RepliesRefused int            `json:"replies_refused"`
		ErrorReport    string         `json:"error_report"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &summary); err != nil || r.code != cli.ExitPartial ||
		summary.Ingested != 2 || len(summary.Rejected) != 0 || summary.RepliesRefused != 1 || summary.ErrorReport == "" {
		t.Fatalf("exit %d, %s (%v) %s", r.code, r.stdout, err, r.stderr)
	}
	if !strings.Contains(r.stderr, "1 were stored without their reply") {
		t.Errorf("stderr %q does not say a reply was refused", r.stderr)
	}
	report, err := os.ReadFile(summary.ErrorReport)
	if err != nil {
		t.Fatal(err)
	}
	var line importing.Rejection
	if err := json.Unmarshal(report, &line); err != nil || line.Line != 1 || line.Reason != "FIELD_INVALID" ||
		!strings.Contains(line.Message, "stored, but its reply was refused") || line.Fields["feedback.case.public_response"] == "" {
		t.Errorf("error report %s (%v)", report, err)
	}
	if _, err := os.Stat(importing.CheckpointPathFor(input)); !os.IsNotExist(err) {
		t.Errorf("a finished import left its checkpoint: %v", err)
	}
	page, err := h.client().Feedback.ListFeedback(context.Background(), &gv.ListFeedbackRequest{Parent: "organizations/default"})
	if err != nil {
		t.Fatal(err)
	}
	replies := map[string]string{}
	for _, f := range page.GetFeedback() {
		replies[f.GetExternalId()] = f.GetCase().GetPublicResponse()
	}
	if len(replies) != 2 || replies["BK-long"] != "" || replies["BK-short"] != "Obrigado, Rui!" {
		t.Errorf("stored replies %q", replies)
	}
	// Imported again, the reviews are present and the reply refused again.
	again := h.run("--json", "import", input, "--format", "booking", "--hotels", mapping())
	if err := json.Unmarshal([]byte(again.stdout), &summary); err != nil || again.code != cli.ExitPartial || summary.RepliesRefused != 1 {
		t.Errorf("again: exit %d, %s", again.code, again.stdout)
	}
}
