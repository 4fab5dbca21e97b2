package cli_test

import (
	"testing"

	"github.com/guestvoice/guestvoice/clients/go/gvctl/cli"
)

// Two guests of one name who write the same short text are two voices, not
// one author's repeat.
func TestTwoGoogleReviewersOfOneNameAreTwoVoices(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	input := h.write("reviews.json", `{"reviews": [
		{"name": "accounts/1/locations/1111222233334444/reviews/m1", "reviewId": "m1", "starRating": "ONE", "comment": "Dirty room.", "createTime": "2025-09-12T12:00:00Z",
		 "reviewer": {"displayName": "Maria", "profilePhotoUrl": "https://lh3.googleusercontent.com/a-/ALV-UjAAA=s120-c-rp-mo-br100"}},
		{"name": "accounts/1/locations/1111222233334444/reviews/m2", "reviewId": "m2", "starRating": "ONE", "comment": "Dirty room.", "createTime": "2025-09-13T12:00:00Z",
		 "reviewer": {"displayName": "Maria", "profilePhotoUrl": "https://lh3.googleusercontent.com/a-/ALV-UjBBB=s120-c-rp-mo-br100"}}
	]}`)
	r := h.run("--json", "import", input, "--format", "google", "--hotels", mapping())
	if summary := parseSummary(t, r); r.code != cli.ExitOK || summary.Ingested != 2 || summary.Repeats != 0 {
		t.Errorf("exit %d, %+v %s", r.code, summary, r.stderr)
	}
}
