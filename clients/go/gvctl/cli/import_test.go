package cli_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"google.golang.org/protobuf/proto"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
	"github.com/guestvoice/guestvoice/clients/go/gvctl/cli"
	"github.com/guestvoice/guestvoice/clients/go/gvctl/importing"
)

func TestImportReadsEverySampleFormat(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	for _, tc := range []struct {
		format, file string
		extra        []string
		ingested     int
		rejected     map[string]int
	}{
		{"jsonl", "feedback.jsonl", nil, 3, nil},
		{"csv", "survey.csv", []string{"--source", "survey", "--map",
			"external_id=response_id,post_time=submitted,author=respondent,text=comment,rating=score,venue=property"}, 3, nil},
		// The third review's location is not in the mapping.
		{"google", "google_reviews.json", nil, 2, map[string]int{importing.ReasonHotelNotMapped: 1}},
		{"tripadvisor", "tripadvisor_reviews.json", nil, 2, nil},
		{"twitter", "twitter_search.json", []string{"--hotel", "porto"}, 2, nil},
		{"pms", "pms_bookings.csv", nil, 3, nil},
		// The score-only review is imported too: a voice and its rating.
		{"booking", "booking_reviews.json", nil, 3, nil},
	} {
		t.Run(tc.format, func(t *testing.T) {
			args := append([]string{"--json", "import", h.sample(tc.file), "--format", tc.format, "--hotels", mapping()}, tc.extra...)
			r := h.run(args...)
			summary := parseSummary(t, r)
			if summary.Ingested != tc.ingested || fmt.Sprint(summary.Rejected) != fmt.Sprint(tc.rejected) {
				t.Errorf("summary %+v, want %d ingested and rejected %v (stderr %s)", summary, tc.ingested, tc.rejected, r.stderr)
			}
			wantCode := cli.ExitOK
			if len(tc.rejected) > 0 {
				wantCode = cli.ExitPartial
			}
			if r.code != wantCode {
				t.Errorf("exit %d, want %d: %s", r.code, wantCode, r.stderr)
			}
		})
	}

	ctx := context.Background()
	client := h.client()
	// Google's reply to a review is the case's public response.
	page, err := client.Feedback.ListFeedback(ctx, &gv.ListFeedbackRequest{Parent: "organizations/default", Source: gv.Source_SOURCE_GOOGLE})
	if err != nil {
		t.Fatal(err)
	}
	replies := 0
	for _, f := range page.GetFeedback() {
		if f.GetCase().GetPublicResponse() == "Thank you, Marta! See you again soon." {
			replies++
		}
	}
	if replies != 1 {
		t.Errorf("%d items carry the review's reply, want 1", replies)
	}
	// PMS phones typed in national form were read in their hotel's country.
	for _, phone := range []string{"+351912345678", "+12125551234"} {
		if r := h.run("guests", "lookup", "--phone", phone); r.code != cli.ExitOK {
			t.Errorf("no guest with %s: %s", phone, r.stderr)
		}
	}
	guest := &gv.Guest{}
	parseProto(t, h.ok("--json", "guests", "lookup", "--email", "ana.silva@example.com"), guest)
	status := &gv.LoyaltyStatus{}
	parseProto(t, h.ok("--json", "guests", "status", guest.GetName()), status)
	if len(guest.GetIdentities()) != 2 {
		t.Errorf("Ana's identities %v, want her email and phone", guest.GetIdentities())
	}

	// Foursquare check-ins belong to the guest named with --guest.
	checkIns := h.run("--json", "import", h.sample("foursquare_checkins.json"), "--format", "foursquare",
		"--hotels", mapping(), "--guest", guest.GetName())
	if summary := parseSummary(t, checkIns); summary.Ingested != 2 || checkIns.code != cli.ExitOK {
		t.Errorf("check-ins: %+v exit %d %s", summary, checkIns.code, checkIns.stderr)
	}
	again := parseSummary(t, h.run("--json", "import", h.sample("foursquare_checkins.json"), "--format", "foursquare",
		"--hotels", mapping(), "--guest", guest.GetName()))
	if again.Ingested != 0 || again.AlreadyPresent != 2 {
		t.Errorf("check-ins imported again: %+v, want both already present", again)
	}
	listed := &gv.ListCheckInsResponse{}
	parseProto(t, `{"checkIns": `+h.ok("--json", "check-ins", "list", guest.GetName())+`}`, listed)
	if len(listed.GetCheckIns()) != 2 {
		t.Fatalf("check-ins list: %v", listed)
	}
	if table := h.ok("check-ins", "list", guest.GetName(), "--source", "foursquare", "--id", listed.GetCheckIns()[0].GetExternalId()); strings.Count(table, "\n") != 2 {
		t.Errorf("check-ins list --id: want one row:\n%s", table)
	}
	exported, err := client.Loyalty.ExportGuest(ctx, &gv.ExportGuestRequest{Name: guest.GetName()})
	if err != nil {
		t.Fatal(err)
	}
	if len(exported.GetCheckIns()) != 2 || len(exported.GetStays()) != 2 {
		t.Errorf("Ana has %d check-ins and %d stays, want 2 and 2", len(exported.GetCheckIns()), len(exported.GetStays()))
	}
	if r := h.run("import", h.sample("foursquare_checkins.json"), "--format", "foursquare"); r.code != cli.ExitUsage {
		t.Errorf("foursquare without --guest: exit %d, want usage", r.code)
	}
}

func TestImportCountsRepeatsAmongTheIngested(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	item := `{"hotel": "porto", "source": "SOURCE_TWITTER", "externalId": "%s", "author": {"handle": "anatravels"}, "text": "Still no hot water in room 12!", "postTime": "2025-10-01T10:00:00Z"}` + "\n"
	input := h.write("repeats.jsonl", fmt.Sprintf(item, "t-1")+fmt.Sprintf(item, "t-2")+fmt.Sprintf(item, "t-1"))
	r := h.run("--json", "import", input, "--format", "jsonl")
	if summary := parseSummary(t, r); summary.Ingested != 2 || summary.Repeats != 1 || summary.AlreadyPresent != 1 {
		t.Errorf("summary %+v, want 2 ingested (1 a repeat) and 1 already present", summary)
	}
	if out := h.ok("import", input, "--format", "jsonl"); !strings.Contains(out, "already present  3") {
		t.Errorf("summary table:\n%s", out)
	}
}

// feedbackLines is a JSONL file of n distinct items about porto.
func feedbackLines(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `{"hotel": "porto", "source": "SOURCE_SURVEY", "externalId": "resume-%d", "author": {"handle": "guest-%d"}, "text": "Stay number %d was quiet and clean.", "postTime": "2025-10-01T10:00:00Z"}`+"\n", i, i, i)
	}
	return b.String()
}

// cancelOnWrite cancels the run at its first progress line: the first
// batch has then been answered and checkpointed.
type cancelOnWrite struct{ cancel context.CancelFunc }

func (c cancelOnWrite) Write(p []byte) (int, error) {
	if strings.HasPrefix(string(p), "import:") {
		c.cancel()
	}
	return len(p), nil
}

func TestAnInterruptedImportResumesWithoutCountingTwice(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	input := h.write("items.jsonl", feedbackLines(50))

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout strings.Builder
	args := []string{"--addr", h.server.Address, "--api-key", h.key, "--plaintext", "--json",
		"import", input, "--format", "jsonl", "--batch-size", "10"}
	code := cli.Run(ctx, args, strings.NewReader(""), &stdout, cancelOnWrite{cancel})
	if code != cli.ExitInterrupted {
		t.Fatalf("interrupted import: exit %d, want %d", code, cli.ExitInterrupted)
	}
	if _, err := os.Stat(importing.CheckpointPathFor(input)); err != nil {
		t.Fatalf("no checkpoint after an interruption: %v", err)
	}

	resumed := parseSummary(t, h.run("--json", "import", input, "--format", "jsonl", "--batch-size", "10"))
	if resumed.Resumed != 10 || resumed.Ingested != 50 || resumed.AlreadyPresent != 0 {
		t.Errorf("resumed import %+v, want 50 ingested in all, the first 10 skipped", resumed)
	}
	if _, err := os.Stat(importing.CheckpointPathFor(input)); !os.IsNotExist(err) {
		t.Errorf("the checkpoint outlived a finished import: %v", err)
	}
	// Sent again from the start, nothing is counted twice by the server.
	again := parseSummary(t, h.run("--json", "import", input, "--format", "jsonl", "--restart"))
	if again.Ingested != 0 || again.AlreadyPresent != 50 {
		t.Errorf("re-import %+v, want all 50 already present", again)
	}
	page, err := h.client().Feedback.ListFeedback(context.Background(), &gv.ListFeedbackRequest{Parent: "organizations/default", PageSize: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(page.GetFeedback()); n != 50 {
		t.Errorf("the server holds %d items, want 50", n)
	}
}

func TestBadInputNamesFileLineAndProblem(t *testing.T) {
	h := newHarness(t)
	h.hotels()

	// Bad lines are reported one by one; the good ones are imported.
	good := `{"hotel": "porto", "source": "SOURCE_SURVEY", "externalId": "ok-1", "author": {"handle": "a"}, "text": "Fine.", "postTime": "2025-10-01T10:00:00Z"}`
	lines := h.write("mixed.jsonl", good+"\n"+
		"{\"hotel\": \"porto\", \"text\": \"caf\xe9\"}\n"+
		`{"hotel": "porto", "text": "`+strings.Repeat("x", 10<<20)+"\"}\n"+
		"{not json\n"+
		`{"hotel": "nowhere", "source": "SOURCE_SURVEY", "externalId": "ok-2", "author": {"handle": "a"}, "text": "Fine.", "postTime": "2025-10-01T10:00:00Z"}`+"\n")
	r := h.run("--json", "import", lines, "--format", "jsonl")
	summary := parseSummary(t, r)
	if r.code != cli.ExitPartial || summary.Ingested != 1 || summary.Rejected[importing.ReasonUnreadable] != 3 ||
		summary.Rejected["RESOURCE_NOT_FOUND"] != 1 {
		t.Errorf("mixed file: exit %d, %+v", r.code, summary)
	}
	report, err := os.ReadFile(summary.ErrorReport)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"line":2,"reason":"UNREADABLE","message":"not valid UTF-8`,
		`"line":3,"reason":"UNREADABLE","message":"line longer than`, `"line":4,`, `"line":5,"reason":"RESOURCE_NOT_FOUND"`} {
		if !strings.Contains(string(report), want) {
			t.Errorf("error report lacks %s:\n%s", want, report)
		}
	}
	if !strings.Contains(r.stderr, summary.ErrorReport) {
		t.Errorf("stderr does not point at the report: %s", r.stderr)
	}

	// Whole-file problems stop before anything is sent.
	for _, tc := range []struct{ name, content, format, want string }{
		{"truncated.json", `{"reviews": [{"reviewId": "x", "comment": "Nice`, "google", "truncated.json:1: truncated JSON"},
		{"columns.csv", "id,body\n1,hello\n", "csv", `columns.csv:1: no column "external_id"`},
		{"empty.csv", "", "pms", "empty.csv:1: empty"},
	} {
		path := h.write(tc.name, tc.content)
		r := h.run("import", path, "--format", tc.format, "--hotel", "porto")
		if r.code != cli.ExitError || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%s: exit %d, stderr %q, want %q", tc.name, r.code, r.stderr, tc.want)
		}
	}
	// A Twitter export read as Tripadvisor's (both have a `data` array).
	r = h.run("import", h.sample("twitter_search.json"), "--format", "tripadvisor", "--hotel", "porto")
	if r.code != cli.ExitError || !strings.Contains(r.stderr, "twitter_search.json:1: the `data` array holds X/Twitter posts") ||
		!strings.Contains(r.stderr, "read it with --format twitter") {
		t.Errorf("twitter as tripadvisor: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := h.run("import", lines, "--format", "excel"); r.code != cli.ExitUsage || !strings.Contains(r.stderr, "unknown --format") {
		t.Errorf("unknown format: exit %d %s", r.code, r.stderr)
	}
	if r := h.run("import", h.write("x.csv", "a\n"), "--format", "csv", "--map", "text"); r.code != cli.ExitUsage {
		t.Errorf("bad --map: exit %d %s", r.code, r.stderr)
	}
}

func TestADatedItemIsOnThatDayInItsHotelsTimeZone(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	hotels := h.write("hotels.yaml", "NYC-01: newyork\nPRT-01: porto\nGHOST: ghost\n")
	input := h.write("dated.csv", "external_id,text,author,post_time,venue\n"+
		"d-1,Quiet room.,a,2025-10-01,NYC-01\n"+
		"d-2,Loud bar.,b,2025-10-01T23:30:00-04:00,NYC-01\n"+
		"d-3,Lost review.,c,2025-10-01,GHOST\n"+
		"d-4,Late check-in.,d,2025-10-01 22:15,NYC-01\n"+
		"d-5,Great breakfast.,e,01.10.2025 08:00,PRT-01\n")
	r := h.run("--json", "import", input, "--format", "csv", "--hotels", hotels)
	summary := parseSummary(t, r)
	if summary.Ingested != 4 || summary.Rejected["RESOURCE_NOT_FOUND"] != 1 {
		t.Errorf("summary %+v (stderr %s)", summary, r.stderr)
	}
	report := string(mustRead(t, summary.ErrorReport))
	if !strings.Contains(report, `"line":4,"reason":"RESOURCE_NOT_FOUND","message":"post_time has no zone, so it is placed in its hotel's time zone: organizations/default/hotels/ghost not found`) {
		t.Errorf("error report: %s", report)
	}
	// Noon in New York; as given; 22:15 in New York (the next day in UTC);
	// 08:00 in Lisbon (UTC+1 in October).
	h.wantPostTimes(map[string]string{"d-1": "2025-10-01T16:00:00Z", "d-2": "2025-10-02T03:30:00Z",
		"d-4": "2025-10-02T02:15:00Z", "d-5": "2025-10-01T07:00:00Z"})

	utc := h.write("utc.csv", "external_id,text,author,post_time,venue\n"+
		"u-1,Late check-in.,f,2025-10-01 22:15,NYC-01\n"+
		"u-2,Quiet room.,g,2025-10-01,NYC-01\n")
	if r := h.run("--json", "import", utc, "--format", "csv", "--hotels", hotels, "--time-zone", "UTC"); parseSummary(t, r).Ingested != 2 {
		t.Errorf("--time-zone UTC: %s %s", r.stdout, r.stderr)
	}
	h.wantPostTimes(map[string]string{"u-1": "2025-10-01T22:15:00Z", "u-2": "2025-10-01T16:00:00Z"}) // a day stays the hotel's
	if r := h.run("import", utc, "--format", "google", "--hotels", hotels, "--time-zone", "UTC"); r.code != cli.ExitUsage ||
		!strings.Contains(r.stderr, "only csv and booking files") {
		t.Errorf("--time-zone with google: exit %d %s", r.code, r.stderr)
	}
	for _, zone := range []string{"Mars/Olympus", "Local"} {
		if r := h.run("import", utc, "--format", "csv", "--hotels", hotels, "--time-zone", zone); r.code != cli.ExitUsage ||
			!strings.Contains(r.stderr, "is not an IANA time zone") {
			t.Errorf("--time-zone %s: exit %d %s", zone, r.code, r.stderr)
		}
	}
}

// wantPostTimes checks the stored post_time (RFC 3339, UTC) of the items
// with these external ids.
func (h *harness) wantPostTimes(want map[string]string) {
	h.t.Helper()
	page, err := h.client().Feedback.ListFeedback(context.Background(), &gv.ListFeedbackRequest{Parent: "organizations/default"})
	if err != nil {
		h.t.Fatal(err)
	}
	found := 0
	for _, f := range page.GetFeedback() {
		wanted, ok := want[f.GetExternalId()]
		if !ok {
			continue
		}
		found++
		if got := f.GetPostTime().AsTime().UTC().Format(time.RFC3339); got != wanted {
			h.t.Errorf("%s: post_time %s, want %s", f.GetExternalId(), got, wanted)
		}
	}
	if found != len(want) {
		h.t.Errorf("%d of %d items found", found, len(want))
	}
}

func TestAResumeReadsTimesInTheZoneTheImportStartedWith(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	input := h.write("late.csv", "external_id,text,author,post_time\n"+
		"z-1,Fine.,a,2025-10-01 22:15\n"+
		"z-2,Good.,b,2025-10-01 23:15\n")
	info, err := os.Stat(input)
	if err != nil {
		t.Fatal(err)
	}
	// As an import with --time-zone UTC interrupted after its first row.
	checkpoint := fmt.Sprintf(`{"format":"csv","file_size":%d,"time_zone":"UTC","done":1}`, info.Size())
	if err := os.WriteFile(importing.CheckpointPathFor(input), []byte(checkpoint), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := h.run("import", input, "--format", "csv", "--hotel", "newyork"); r.code == cli.ExitOK ||
		!strings.Contains(r.stderr, "is from an import with --time-zone UTC") {
		t.Errorf("resumed without the zone: exit %d %s", r.code, r.stderr)
	}
	r := h.run("--json", "import", input, "--format", "csv", "--hotel", "newyork", "--time-zone", "UTC")
	if summary := parseSummary(t, r); summary.Resumed != 1 || summary.Ingested != 1 {
		t.Errorf("resumed with the zone: %+v %s", summary, r.stderr)
	}
	h.wantPostTimes(map[string]string{"z-2": "2025-10-01T23:15:00Z"})
}

func TestAnUnclosedQuoteReportsWhatWasImportedAndWhatWasNot(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	input := h.write("quote.csv", "external_id,text,author,post_time\n"+
		"q-1,Fine,x,2025-10-01T10:00:00Z\n"+
		"q-2,\"Broken,y,2025-10-01T10:00:00Z\n"+
		"q-3,Lost,z,2025-10-01T10:00:00Z\n")
	r := h.run("--json", "import", input, "--format", "csv", "--hotel", "porto")
	if summary := parseSummary(t, r); summary.Ingested != 1 || r.code != cli.ExitError ||
		!strings.Contains(r.stderr, "quote.csv:3: a quote opened on this line is never closed: reading stopped here, and lines 3 to 4") {
		t.Errorf("exit %d, summary %+v, stderr %s", r.code, summary, r.stderr)
	}
}

// excelUnicodeText is content as Excel saves "Unicode Text": UTF-16LE after
// a byte order mark.
func excelUnicodeText(content string) string {
	out := []byte{0xff, 0xfe}
	for _, unit := range utf16.Encode([]rune(content)) {
		out = append(out, byte(unit), byte(unit>>8))
	}
	return string(out)
}

func TestAPMSExportSavedByExcelInEuropeIsImported(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	// Tab-separated UTF-16, day-first dates, a departure instead of nights
	// and spend with grouped thousands and a decimal comma.
	input := h.write("bookings.txt", excelUnicodeText(
		"booking_reference\tguest_name\temail\tarrival_date\tdeparture_date\tspend\tcurrency\tproperty\r\n"+
			"BK-77\tJosé Núñez\tjose@example.com\t02/03/2026\t06/03/2026\t1.234,50\tEUR\tPRT-01\r\n"))

	undecided := h.run("import", input, "--format", "pms", "--hotels", mapping())
	if undecided.code == cli.ExitOK || !strings.Contains(undecided.stderr, "--date-order DMY") {
		t.Fatalf("slashed dates without --date-order: exit %d, %s", undecided.code, undecided.stderr)
	}
	summary := parseSummary(t, h.run("--json", "import", input, "--format", "pms", "--hotels", mapping(), "--date-order", "dmy"))
	if summary.Ingested != 1 || len(summary.Rejected) != 0 {
		t.Fatalf("summary %+v, want the booking ingested", summary)
	}

	guest := &gv.Guest{}
	parseProto(t, h.ok("--json", "guests", "lookup", "--email", "jose@example.com"), guest)
	exported, err := h.client().Loyalty.ExportGuest(context.Background(), &gv.ExportGuestRequest{Name: guest.GetName()})
	if err != nil {
		t.Fatal(err)
	}
	stays := exported.GetStays()
	if guest.GetDisplayName() != "José Núñez" || len(stays) != 1 || stays[0].GetNights() != 4 ||
		stays[0].GetArrivalDate().GetMonth() != 3 || stays[0].GetArrivalDate().GetDay() != 2 ||
		stays[0].GetQualifyingSpend().GetUnits() != 1234 || stays[0].GetQualifyingSpend().GetNanos() != 500000000 {
		t.Errorf("guest %q, stays %v", guest.GetDisplayName(), stays)
	}
}

func TestASurveyScoredFromZeroToTenKeepsItsScale(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	input := h.write("nps.csv", "response_id,comment,respondent,submitted,score\n"+
		"nps-1,Never again.,r1,2025-10-01 09:00,0\n"+
		"nps-2,Perfect stay.,r2,2025-10-01 10:00,10\n")
	args := []string{"--json", "import", input, "--format", "csv", "--source", "survey", "--hotel", "porto",
		"--map", "external_id=response_id,text=comment,author=respondent,post_time=submitted,rating=score"}

	// On the default 1-5 scale the server refuses both scores.
	if summary := parseSummary(t, h.run(args...)); summary.Ingested != 0 || summary.Rejected["FIELD_INVALID"] != 2 {
		t.Errorf("on 1-5: %+v", summary)
	}
	if summary := parseSummary(t, h.run(append(args, "--rating-min", "0", "--rating-max", "10")...)); summary.Ingested != 2 {
		t.Fatalf("on 0-10: %+v", summary)
	}
	page, err := h.client().Feedback.ListFeedback(context.Background(), &gv.ListFeedbackRequest{Parent: "organizations/default"})
	if err != nil {
		t.Fatal(err)
	}
	normalized := map[string]float64{}
	for _, f := range page.GetFeedback() {
		normalized[f.GetExternalId()] = f.GetRating().GetNormalizedValue()
	}
	if normalized["nps-1"] != 0 || normalized["nps-2"] != 1 {
		t.Errorf("normalized ratings %v, want nps-1 0 and nps-2 1", normalized)
	}
	if r := h.run("import", input, "--format", "csv", "--rating-min", "5"); r.code != cli.ExitUsage {
		t.Errorf("--rating-min 5 on the default top of 5: exit %d %s", r.code, r.stderr)
	}
}

func TestRetweetsAreCountedAsSkippedNotAsVoices(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	input := h.write("search.json", `{"data": [
		{"id": "11", "text": "@PortoRiverside no hot water again", "author_id": "1", "created_at": "2025-10-01T10:00:00Z"},
		{"id": "12", "text": "RT @ana: @PortoRiverside no hot water again", "referenced_tweets": [{"type": "retweeted", "id": "11"}], "author_id": "2", "created_at": "2025-10-01T11:00:00Z"},
		{"id": "13", "text": "RT @ana: @PortoRiverside no hot water again", "referenced_tweets": [{"type": "retweeted", "id": "11"}], "author_id": "3", "created_at": "2025-10-01T12:00:00Z"}
	], "includes": {"users": [{"id": "1", "username": "ana"}, {"id": "2", "username": "bob"}, {"id": "3", "username": "cy"}]}}`)
	r := h.run("--json", "import", input, "--format", "twitter", "--hotel", "porto")
	var summary struct {
		Ingested int            `json:"ingested"`
		Skipped  map[string]int `json:"skipped"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &summary); err != nil || r.code != cli.ExitOK ||
		summary.Ingested != 1 || summary.Skipped[importing.SkipRetweet] != 2 {
		t.Errorf("exit %d, summary %s (%v)", r.code, r.stdout, err)
	}
	if out := h.ok("import", input, "--format", "twitter", "--hotel", "porto"); !strings.Contains(out, "skipped          2") {
		t.Errorf("summary table:\n%s", out)
	}
	page, err := h.client().Feedback.ListFeedback(context.Background(), &gv.ListFeedbackRequest{Parent: "organizations/default"})
	if err != nil || len(page.GetFeedback()) != 1 {
		t.Errorf("stored %d items (%v), want ana's post only", len(page.GetFeedback()), err)
	}
}

func TestCancelledAndNoShowBookingsEarnNothing(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	const header = "booking_reference,guest_name,email,arrival_date,nights,property,status\n"
	first := h.write("first.csv", header+
		"BK-1,Ana,ana@example.com,2026-03-01,3,PRT-01,Checked Out\n"+
		"BK-2,Bo,bo@example.com,2026-03-02,2,PRT-01,No Show\n"+
		"BK-3,Ana,ana@example.com,2026-03-10,4,PRT-01,CANCELLED\n")
	r := h.run("--json", "import", first, "--format", "pms", "--hotels", mapping())
	var summary struct {
		Ingested int            `json:"ingested"`
		Skipped  map[string]int `json:"skipped"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &summary); err != nil || r.code != cli.ExitOK ||
		summary.Ingested != 1 || summary.Skipped[importing.SkipCancelled] != 2 {
		t.Fatalf("exit %d, summary %s (%v) %s", r.code, r.stdout, err, r.stderr)
	}
	if r := h.run("guests", "lookup", "--email", "bo@example.com"); r.code == cli.ExitOK {
		t.Errorf("a no-show created a guest: %s", r.stdout)
	}
	// The PMS cancels BK-1 later: the next export says so.
	later := h.write("later.csv", header+"BK-1,Ana,ana@example.com,2026-03-01,3,PRT-01,cxl\n")
	h.ok("import", later, "--format", "pms", "--hotels", mapping())

	guest := &gv.Guest{}
	parseProto(t, h.ok("--json", "guests", "lookup", "--email", "ana@example.com"), guest)
	exported, err := h.client().Loyalty.ExportGuest(context.Background(), &gv.ExportGuestRequest{Name: guest.GetName()})
	if err != nil {
		t.Fatal(err)
	}
	cancelled := map[string]bool{}
	for _, stay := range exported.GetStays() {
		cancelled[stay.GetBookingReference()] = stay.GetCancelled()
	}
	if len(cancelled) != 1 || !cancelled["BK-1"] {
		t.Errorf("Ana's stays by booking, cancelled: %v; want BK-1, cancelled (BK-3 was never a stay)", cancelled)
	}
	status := &gv.LoyaltyStatus{}
	parseProto(t, h.ok("--json", "guests", "status", guest.GetName()), status)
	if got := status.GetQualifyingNights(); got != 0 {
		t.Errorf("Ana qualifies with %d nights, want 0", got)
	}
}

// The server refuses a guest name that is not on one line; a PMS export
// that wraps one in a quoted field is imported with the name joined.
func TestAPMSGuestNameWrappedOverLinesIsImportedOnOneLine(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	input := h.write("bookings.csv", "booking_reference,guest_name,email,arrival_date,nights,property\n"+
		"BK-1,\"Smith,\r\n  John\",john@example.com,2026-03-01,3,PRT-01\n")
	if summary := parseSummary(t, h.run("--json", "import", input, "--format", "pms", "--hotels", mapping())); summary.Ingested != 1 || len(summary.Rejected) != 0 {
		t.Fatalf("import %+v, want 1 ingested", summary)
	}
	guest := &gv.Guest{}
	parseProto(t, h.ok("--json", "guests", "lookup", "--email", "john@example.com"), guest)
	if guest.GetDisplayName() != "Smith, John" {
		t.Errorf("the guest is named %q, want \"Smith, John\"", guest.GetDisplayName())
	}
}

func TestAPMSExportImportedAgainIsAlreadyPresentAndAmendedBookingsAreEdited(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	const header = "booking_reference,guest_name,email,arrival_date,nights,spend,currency,property\n"
	input := h.write("bookings.csv", header+
		"BK-1,Ana,ana@example.com,2026-03-01,3,540.00,EUR,PRT-01\n"+
		"BK-2,Ana,ana@example.com,2026-04-01,2,,,PRT-01\n"+
		"BK-3,Bo,bo@example.com,2026-04-02,1,90,EUR,PRT-01\n")
	if summary := parseSummary(t, h.run("--json", "import", input, "--format", "pms", "--hotels", mapping())); summary.Ingested != 3 {
		t.Fatalf("first import %+v, want 3 ingested", summary)
	}
	again := parseSummary(t, h.run("--json", "import", input, "--format", "pms", "--hotels", mapping()))
	if again.Ingested != 0 || again.AlreadyPresent != 3 || len(again.Rejected) != 0 {
		t.Errorf("the same export again: %+v, want 3 already present", again)
	}

	// Ana's stay extended by a night at the source: reported, and amended
	// with --amend-bookings.
	changed := h.write("changed.csv", header+"BK-1,Ana,ana@example.com,2026-03-01,4,720.00,EUR,PRT-01\n")
	r := h.run("--json", "import", changed, "--format", "pms", "--hotels", mapping())
	if summary := parseSummary(t, r); r.code != cli.ExitPartial || summary.Rejected[importing.ReasonBookingChanged] != 1 {
		t.Fatalf("a changed booking: exit %d, %+v", r.code, summary)
	} else if report := string(mustRead(t, summary.ErrorReport)); !strings.Contains(report, "recorded as 3 nights from 2026-03-01") ||
		!strings.Contains(report, "the file says 4 nights, spend 720.00 EUR") || !strings.Contains(report, "--amend-bookings") {
		t.Errorf("the report of a changed booking:\n%s", report)
	}
	status := &gv.LoyaltyStatus{}
	guest := &gv.Guest{}
	parseProto(t, h.ok("--json", "guests", "lookup", "--email", "ana@example.com"), guest)
	parseProto(t, h.ok("--json", "guests", "status", guest.GetName(), "--as-of", "2026-04-03"), status)
	if status.GetQualifyingNights() != 5 {
		t.Errorf("Ana has %d qualifying nights, want the 5 first recorded", status.GetQualifyingNights())
	}
	r = h.run("--json", "import", changed, "--format", "pms", "--hotels", mapping(), "--amend-bookings")
	if summary := parseSummary(t, r); r.code != cli.ExitOK || summary.Edited != 1 || len(summary.Rejected) != 0 {
		t.Fatalf("an amended booking with --amend-bookings: exit %d, %+v", r.code, summary)
	}
	parseProto(t, h.ok("--json", "guests", "status", guest.GetName(), "--as-of", "2026-04-03"), status)
	if status.GetQualifyingNights() != 6 {
		t.Errorf("Ana has %d qualifying nights, want 4 + 2", status.GetQualifyingNights())
	}

	// A file that lists a booking twice with other details amends it once:
	// the later row is reported.
	twice := h.write("twice.csv", header+"BK-2,Ana,ana@example.com,2026-04-01,3,,,PRT-01\n"+
		"BK-2,Ana,ana@example.com,2026-04-01,2,,,PRT-01\n")
	r = h.run("--json", "import", twice, "--format", "pms", "--hotels", mapping(), "--amend-bookings")
	if summary := parseSummary(t, r); r.code != cli.ExitPartial || summary.Edited != 1 || summary.Rejected[importing.ReasonBookingChanged] != 1 {
		t.Fatalf("a booking listed twice: exit %d, %+v", r.code, summary)
	} else if report := string(mustRead(t, summary.ErrorReport)); !strings.Contains(report, "listed again in this file") {
		t.Errorf("the report of a booking listed twice:\n%s", report)
	}

	// Bo's booking was cancelled; an export that lists it as a stay again is
	// reported, and the stay stays cancelled.
	bo := &gv.Guest{}
	parseProto(t, h.ok("--json", "guests", "lookup", "--email", "bo@example.com"), bo)
	bos := &gv.ListStaysResponse{}
	parseProto(t, `{"stays": `+h.ok("--json", "stays", "list", bo.GetName())+`}`, bos)
	h.ok("stays", "cancel", bos.GetStays()[0].GetName())
	rebooked := h.write("rebooked.csv", header+"BK-3,Bo,bo@example.com,2026-04-02,2,180,EUR,PRT-01\n")
	r = h.run("--json", "import", rebooked, "--format", "pms", "--hotels", mapping(), "--amend-bookings")
	summary := parseSummary(t, r)
	if r.code != cli.ExitPartial || summary.Rejected[importing.ReasonBookingChanged] != 1 {
		t.Fatalf("a cancelled booking listed again: exit %d, %+v", r.code, summary)
	}
	report, err := os.ReadFile(summary.ErrorReport)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"booking BK-3 was recorded and cancelled", "2 nights, spend 180.00 EUR", "stays cancelled"} {
		if !strings.Contains(string(report), want) {
			t.Errorf("the report lacks %q:\n%s", want, report)
		}
	}

	// A later export knows Ana's phone too: it is linked, the booking already present.
	withPhone := h.write("phone.csv", "booking_reference,guest_name,email,phone,arrival_date,nights,spend,currency,property\n"+
		"BK-1,Ana,ana@example.com,+351 912 345 678,2026-03-01,4,720.00,EUR,PRT-01\n")
	if summary := parseSummary(t, h.run("--json", "import", withPhone, "--format", "pms", "--hotels", mapping())); summary.AlreadyPresent != 1 {
		t.Errorf("the booking with a phone: %+v, want already present", summary)
	}
	byPhone := &gv.Guest{}
	parseProto(t, h.ok("--json", "guests", "lookup", "--phone", "+351912345678"), byPhone)
	if byPhone.GetName() != guest.GetName() {
		t.Errorf("the phone finds %q, want Ana, %q", byPhone.GetName(), guest.GetName())
	}

	table := h.ok("stays", "list", guest.GetName())
	if !strings.Contains(table, "BK-1") || !strings.Contains(table, "BK-2") || strings.Contains(table, "BK-3") ||
		strings.Index(table, "BK-1") > strings.Index(table, "BK-2") {
		t.Errorf("Ana's stays, in order of arrival:\n%s", table)
	}
	one := &gv.ListStaysResponse{}
	parseProto(t, `{"stays": `+h.ok("--json", "stays", "list", guest.GetName(), "--booking", "BK-1")+`}`, one)
	if len(one.GetStays()) != 1 || one.GetStays()[0].GetNights() != 4 || one.GetStays()[0].GetBookingReference() != "BK-1" {
		t.Errorf("stays list --booking BK-1: %v", one)
	}
}

// A booking is its guest's whatever the file's later rows call them: a
// cancellation under a corrected email cancels the stay, and a booking
// listed again under a new email links it to the booking's guest.
func TestAPMSBookingIsFoundByItsReferenceUnderAnotherEmail(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	const header = "booking_reference,guest_name,email,arrival_date,nights,status,property\n"
	first := h.write("day1.csv", header+"P-1,Ann Lee,ann@example.com,2026-03-01,3,,PRT-01\n"+
		"P-2,Bo Chan,bo@example.com,2026-03-05,2,,PRT-01\n")
	if summary := parseSummary(t, h.run("--json", "import", first, "--format", "pms", "--hotels", mapping())); summary.Ingested != 2 {
		t.Fatalf("first import %+v", summary)
	}
	later := h.write("day2.csv", header+"P-1,Ann Lee,ann.lee@example.org,2026-03-01,3,Cancelled,PRT-01\n"+
		"P-2,Bo Chan,bo.chan@example.org,2026-03-05,2,,PRT-01\n")
	r := h.run("--json", "import", later, "--format", "pms", "--hotels", mapping())
	if summary := parseSummary(t, r); r.code != cli.ExitOK || summary.Skipped[importing.SkipCancelled] != 1 || summary.AlreadyPresent != 1 {
		t.Fatalf("the later export: exit %d, %+v", r.code, summary)
	}
	ann, bo := &gv.Guest{}, &gv.Guest{}
	parseProto(t, h.ok("--json", "guests", "lookup", "--email", "ann@example.com"), ann)
	stays := &gv.ListStaysResponse{}
	parseProto(t, `{"stays": `+h.ok("--json", "stays", "list", ann.GetName())+`}`, stays)
	if len(stays.GetStays()) != 1 || !stays.GetStays()[0].GetCancelled() {
		t.Errorf("Ann's booking after its cancellation: %v", stays)
	}
	if r := h.run("guests", "lookup", "--email", "ann.lee@example.org"); r.code != cli.ExitNotFound {
		t.Errorf("a cancelled booking's new email made a profile: exit %d", r.code)
	}
	parseProto(t, h.ok("--json", "guests", "lookup", "--email", "bo.chan@example.org"), bo)
	if len(bo.GetIdentities()) != 2 {
		t.Errorf("Bo's new email is not Bo's: %v", bo)
	}
}

// An import resumed after it stopped takes a booking's first row as one
// that ran through does: a later row of the same booking (another room) is
// reported, not taken as an amendment.
func TestAResumedPMSImportKeepsABookingsFirstRow(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	input := h.write("rooms.csv", "booking_reference,guest_name,email,arrival_date,nights,spend,currency,property\n"+
		"P-3,Ann Lee,ann@example.com,2026-03-01,2,800,EUR,PRT-01\n"+
		"P-3,Ann Lee,ann@example.com,03/01/2026,2,400,EUR,PRT-01\n")
	stopped := h.run("import", input, "--format", "pms", "--hotels", mapping(), "--amend-bookings", "--batch-size", "1")
	if stopped.code != cli.ExitError {
		t.Fatalf("slashed dates without --date-order: exit %d, %s", stopped.code, stopped.stderr)
	}
	r := h.run("--json", "import", input, "--format", "pms", "--hotels", mapping(), "--amend-bookings", "--batch-size", "1",
		"--date-order", "mdy")
	if summary := parseSummary(t, r); r.code != cli.ExitPartial || summary.Edited != 0 || summary.Rejected[importing.ReasonBookingChanged] != 1 {
		t.Fatalf("the resumed import: exit %d, %+v", r.code, summary)
	}
	ann := &gv.Guest{}
	parseProto(t, h.ok("--json", "guests", "lookup", "--email", "ann@example.com"), ann)
	stays := &gv.ListStaysResponse{}
	parseProto(t, `{"stays": `+h.ok("--json", "stays", "list", ann.GetName())+`}`, stays)
	if len(stays.GetStays()) != 1 || stays.GetStays()[0].GetQualifyingSpend().GetUnits() != 800 {
		t.Errorf("the booking after the resumed import: %v", stays)
	}
}

func TestAStayRecordedByHandKeepsItsSpendExact(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	guest, err := h.client().Loyalty.CreateGuest(context.Background(), &gv.CreateGuestRequest{Parent: "organizations/default", Guest: &gv.Guest{}})
	if err != nil {
		t.Fatal(err)
	}
	stay := &gv.Stay{}
	parseProto(t, h.ok("--json", "stays", "record", guest.GetName(), "--hotel", "porto", "--arrival", "2026-02-01",
		"--nights", "2", "--booking", "BK-H1", "--spend", "540.10", "--currency", "eur"), stay)
	if got := stay.GetQualifyingSpend(); got.GetUnits() != 540 || got.GetNanos() != 100000000 || got.GetCurrencyCode() != "EUR" {
		t.Errorf("spend %v, want exactly 540.10 EUR", got)
	}
	if r := h.run("stays", "record", guest.GetName(), "--hotel", "porto", "--arrival", "2026-02-01", "--nights", "1",
		"--booking", "BK-H2", "--spend", "1,234", "--currency", "EUR"); r.code != cli.ExitUsage || !strings.Contains(r.stderr, "ambiguous") {
		t.Errorf("an ambiguous spend: exit %d %s", r.code, r.stderr)
	}
}

// Without --at a check-in is recorded at "now", another time on every run:
// the command run again prints the check-in its first run recorded, and
// the same id at another hotel is still refused.
func TestACheckInRecordedNowCanBeRecordedAgain(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	guest, err := h.client().Loyalty.CreateGuest(context.Background(), &gv.CreateGuestRequest{Parent: "organizations/default", Guest: &gv.Guest{}})
	if err != nil {
		t.Fatal(err)
	}
	first, again := &gv.CheckIn{}, &gv.CheckIn{}
	parseProto(t, h.ok("--json", "check-ins", "record", guest.GetName(), "--hotel", "porto", "--id", "fsq-now"), first)
	parseProto(t, h.ok("--json", "check-ins", "record", guest.GetName(), "--hotel", "porto", "--id", "fsq-now"), again)
	if !proto.Equal(first, again) {
		t.Errorf("run again: %v, want the first record %v", again, first)
	}
	if r := h.run("check-ins", "record", guest.GetName(), "--hotel", "newyork", "--id", "fsq-now"); r.code != cli.ExitError ||
		!strings.Contains(r.stderr, "recorded already as "+first.GetName()) {
		t.Errorf("another hotel: exit %d %s", r.code, r.stderr)
	}
	status, err := h.client().Loyalty.GetLoyaltyStatus(context.Background(), &gv.GetLoyaltyStatusRequest{Guest: guest.GetName()})
	if err != nil || status.GetQualifyingCheckIns() != 1 {
		t.Errorf("status %v (%v), want one check-in", status, err)
	}
}

func TestARatingWithoutWordsIsImportedAsAVoiceAndItsRating(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	google := h.write("reviews.json", `{"reviews": [
		{"name": "accounts/1/locations/1111222233334444/reviews/r1", "reviewId": "r1", "reviewer": {"displayName": "Ana"}, "starRating": "ONE", "createTime": "2025-10-01T10:00:00Z"},
		{"name": "accounts/1/locations/1111222233334444/reviews/r2", "reviewId": "r2", "reviewer": {"displayName": "Bo"}, "starRating": "FOUR", "comment": "Lovely terrace.", "createTime": "2025-10-01T11:00:00Z"}
	]}`)
	r := h.run("--json", "import", google, "--format", "google", "--hotels", mapping())
	var summary struct {
		Ingested int            `json:"ingested"`
		Skipped  map[string]int `json:"skipped"`
		Rejected map[string]int `json:"rejected"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &summary); err != nil || r.code != cli.ExitOK ||
		summary.Ingested != 2 || len(summary.Skipped) != 0 || len(summary.Rejected) != 0 {
		t.Errorf("google: exit %d, %s (%v) %s", r.code, r.stdout, err, r.stderr)
	}
	page, err := h.client().Feedback.ListFeedback(context.Background(), &gv.ListFeedbackRequest{Parent: "organizations/default"})
	if err != nil {
		t.Fatal(err)
	}
	starsOnly := func(externalID string, stars float64) {
		t.Helper()
		for _, f := range page.GetFeedback() {
			if f.GetExternalId() != externalID {
				continue
			}
			if strings.TrimSpace(f.GetText()) != "" || f.GetRating().GetValue() != stars ||
				f.GetAnalysis().GetNotScoredReason() != gv.NotScoredReason_NOT_SCORED_REASON_NO_TEXT {
				t.Errorf("stars only: %v", f)
			}
			return
		}
		t.Errorf("%s not stored", externalID)
	}
	starsOnly("r1", 1)
	// A survey row without words and without a score is a problem, not a rating.
	survey := h.write("survey.csv", "external_id,text,author,post_time,rating\n"+
		"s1, ,r1,2025-10-01,2\n"+
		"s2,,r2,2025-10-01,\n")
	summary.Skipped, summary.Rejected = nil, nil
	r = h.run("--json", "import", survey, "--format", "csv", "--hotel", "porto")
	if err := json.Unmarshal([]byte(r.stdout), &summary); err != nil || r.code != cli.ExitPartial ||
		summary.Ingested != 1 || summary.Rejected["FIELD_INVALID"] != 1 {
		t.Errorf("survey: exit %d, %s (%v)", r.code, r.stdout, err)
	}
	if page, err = h.client().Feedback.ListFeedback(context.Background(), &gv.ListFeedbackRequest{Parent: "organizations/default"}); err != nil {
		t.Fatal(err)
	}
	starsOnly("s1", 2) // a blank cell is no words
}

func TestAKeyThatMayOnlyWriteStillImportsCheckIns(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	guest, err := h.client().Loyalty.CreateGuest(context.Background(), &gv.CreateGuestRequest{Parent: "organizations/default", Guest: &gv.Guest{}})
	if err != nil {
		t.Fatal(err)
	}
	writer := &gv.ApiKey{}
	parseProto(t, h.ok("--json", "keys", "create", "check-in adapter", "--scope", "loyalty_write"), writer)
	h.key = writer.GetKeyString()
	args := []string{"--json", "import", h.sample("foursquare_checkins.json"), "--format", "foursquare",
		"--hotels", mapping(), "--guest", guest.GetName()}
	r := h.run(args...)
	if summary := parseSummary(t, r); r.code != cli.ExitOK || summary.Ingested != 2 {
		t.Errorf("without SCOPE_LOYALTY_READ: exit %d, %+v %s", r.code, summary, r.stderr)
	}
	// It cannot ask what was recorded, so a second import counts them again;
	// the server stores them once.
	if summary := parseSummary(t, h.run(append(args, "--restart")...)); summary.Ingested != 2 {
		t.Errorf("again: %+v", summary)
	}
	listed, err := h.client().Loyalty.ListCheckIns(context.Background(), &gv.ListCheckInsRequest{Parent: guest.GetName()})
	if err != nil || len(listed.GetCheckIns()) != 2 {
		t.Errorf("the guest has %d check-ins (%v), want 2", len(listed.GetCheckIns()), err)
	}
}

// A vertical tab or form feed in an exported text (Word's line break, a
// page break) is a line break; the server would refuse it as sent.
func TestControlCharactersOfAnExportAreLineBreaksOrDropped(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	input := h.write("survey.csv", "external_id,text,author,post_time\n"+
		"s1,\"Dirty room.\vRude staff.\x00\",ana,2025-10-01\n")
	if summary := parseSummary(t, h.run("--json", "import", input, "--format", "csv", "--hotel", "porto")); summary.Ingested != 1 {
		t.Fatalf("import: %+v", summary)
	}
	page, err := h.client().Feedback.ListFeedback(context.Background(), &gv.ListFeedbackRequest{Parent: "organizations/default"})
	if err != nil || len(page.GetFeedback()) != 1 {
		t.Fatalf("%v (%v)", page, err)
	}
	if got := page.GetFeedback()[0].GetText(); got != "Dirty room.\nRude staff." {
		t.Errorf("stored %q", got)
	}
}

// A check-in is recorded once: imported again under a mapping that moved its
// venue to another hotel, it is refused, naming the recorded check-in.
func TestACheckInImportedAgainForAnotherHotelIsRefused(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	guest, err := h.client().Loyalty.CreateGuest(context.Background(), &gv.CreateGuestRequest{Parent: "organizations/default", Guest: &gv.Guest{}})
	if err != nil {
		t.Fatal(err)
	}
	input := h.sample("foursquare_checkins.json")
	if summary := parseSummary(t, h.run("--json", "import", input, "--format", "foursquare", "--hotels", mapping(),
		"--guest", guest.GetName())); summary.Ingested != 2 {
		t.Fatalf("first import: %+v", summary)
	}
	moved := h.write("moved.yaml", "\"4b5e9f1cf964a520porto\": newyork\n")
	r := h.run("--json", "import", input, "--format", "foursquare", "--hotels", moved, "--guest", guest.GetName(), "--restart")
	summary := parseSummary(t, r)
	if r.code != cli.ExitPartial || summary.Rejected["RESOURCE_ALREADY_EXISTS"] != 2 || summary.AlreadyPresent != 0 {
		t.Fatalf("under the moved mapping: exit %d, %+v", r.code, summary)
	}
	report, err := os.ReadFile(summary.ErrorReport)
	if err != nil {
		t.Fatal(err)
	}
	if want := "hotel: organizations/default/hotels/porto recorded, organizations/default/hotels/newyork sent"; !strings.Contains(string(report), want) {
		t.Errorf("the report lacks %q:\n%s", want, report)
	}
}

func TestAReviewEditedAtTheSourceIsEditedByTheNextImport(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	review := func(stars, comment, updated string) string {
		return h.write("reviews.json", fmt.Sprintf(`{"reviews": [
		{"name": "accounts/1/locations/1111222233334444/reviews/r1", "reviewId": "r1", "reviewer": {"displayName": "Ana"},
		 "starRating": %q, "comment": %q, "createTime": "2025-10-01T10:00:00Z", "updateTime": %q}]}`, stars, comment, updated))
	}
	if summary := parseSummary(t, h.run("--json", "import", review("ONE", "Dirty room and rude staff.", "2025-10-01T10:00:00Z"),
		"--format", "google", "--hotels", mapping())); summary.Ingested != 1 {
		t.Fatalf("first export: %+v", summary)
	}
	// The guest came back to it a week later.
	edited := review("FOUR", "They cleaned the room at once and apologised. Good stay after all.", "2025-10-08T09:00:00Z")
	if summary := parseSummary(t, h.run("--json", "import", edited, "--format", "google", "--hotels", mapping())); summary.Edited != 1 || summary.Ingested != 0 || summary.AlreadyPresent != 0 {
		t.Errorf("edited export: %+v, want 1 edited", summary)
	}
	if out := h.ok("import", edited, "--format", "google", "--hotels", mapping()); !strings.Contains(out, "already present  1") {
		t.Errorf("the same export again:\n%s", out)
	}
	page, err := h.client().Feedback.ListFeedback(context.Background(), &gv.ListFeedbackRequest{Parent: "organizations/default"})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.GetFeedback()) != 1 {
		t.Fatalf("%d items stored, want 1", len(page.GetFeedback()))
	}
	f := page.GetFeedback()[0]
	if f.GetRating().GetValue() != 4 || !strings.HasPrefix(f.GetText(), "They cleaned") ||
		f.GetEditTime().AsTime().Format(time.RFC3339) != "2025-10-08T09:00:00Z" ||
		f.GetAnalysis().GetSentiment().GetCompound() <= 0.05 {
		t.Errorf("stored after the edit: %v", f)
	}
}

func TestAnEditedXPostIsOneItemWhateverTheOrderItIsReadIn(t *testing.T) {
	const (
		original = `{"id": "100", "edit_history_tweet_ids": ["100"], "text": "@PortoRiverside no hot water this morning, again", "author_id": "501", "created_at": "2025-09-01T08:00:00.000Z", "lang": "en"}`
		edited   = `{"id": "101", "edit_history_tweet_ids": ["100", "101"], "text": "@PortoRiverside no hot water this morning, fixed within the hour though, thanks!", "author_id": "501", "created_at": "2025-09-01T08:40:00.000Z", "lang": "en"}`
	)
	search := func(h *harness, posts ...string) string {
		return h.write("search.json", `{"data": [`+strings.Join(posts, ",")+`], "includes": {"users": [{"id": "501", "username": "AnaTravels", "name": "Ana"}]}}`)
	}
	stored := func(h *harness) *gv.Feedback {
		t.Helper()
		page, err := h.client().Feedback.ListFeedback(context.Background(), &gv.ListFeedbackRequest{Parent: "organizations/default"})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.GetFeedback()) != 1 {
			t.Fatalf("%d items stored, want 1: %v", len(page.GetFeedback()), page.GetFeedback())
		}
		return page.GetFeedback()[0]
	}

	// Oldest first: the original, then its edit.
	h := newHarness(t)
	h.hotels()
	if summary := parseSummary(t, h.run("--json", "import", search(h, original, edited), "--format", "twitter", "--hotel", "porto")); summary.Ingested != 1 || summary.Edited != 1 {
		t.Errorf("original, then edit: %+v, want 1 ingested and 1 edited", summary)
	}
	if f := stored(h); f.GetExternalId() != "100" || !strings.Contains(f.GetText(), "fixed within the hour") ||
		f.GetPostTime().AsTime().Format(time.RFC3339) != "2025-09-01T08:00:00Z" {
		t.Errorf("stored: %v", f)
	}

	// Newest first, as a search lists them: the edit, then the original.
	h = newHarness(t)
	h.hotels()
	if summary := parseSummary(t, h.run("--json", "import", search(h, edited, original), "--format", "twitter", "--hotel", "porto")); summary.Ingested != 1 || summary.AlreadyPresent != 1 {
		t.Errorf("edit, then original: %+v, want 1 ingested and 1 already present", summary)
	}
	if f := stored(h); f.GetExternalId() != "100" || !strings.Contains(f.GetText(), "fixed within the hour") {
		t.Errorf("stored: %v", f)
	}
}

func TestACSVRowWithALaterEditTimeEditsTheItem(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	survey := func(rows string) string {
		return h.write("survey.csv", "external_id,text,author,post_time,rating,edit_time\n"+rows)
	}
	if summary := parseSummary(t, h.run("--json", "import", survey("s1,Room was cold,r1,2025-10-01 18:30,2,\n"), "--format", "csv", "--hotel", "porto")); summary.Ingested != 1 {
		t.Fatalf("first export: %+v", summary)
	}
	// The same day, as a date alone, tells no edit apart; a later time does.
	sameDay := survey("s1,Room was cold but they brought a heater,r1,2025-10-01 18:30,4,2025-10-01\n")
	if summary := parseSummary(t, h.run("--json", "import", sameDay, "--format", "csv", "--hotel", "porto")); summary.AlreadyPresent != 1 || len(summary.Rejected) != 0 {
		t.Errorf("a same-day date: %+v, want already present and nothing rejected", summary)
	}
	later := survey("s1,Room was cold but they brought a heater,r1,2025-10-01 18:30,4,2025-10-02 09:15\n")
	if summary := parseSummary(t, h.run("--json", "import", later, "--format", "csv", "--hotel", "porto")); summary.Edited != 1 {
		t.Errorf("a later edit: %+v, want 1 edited", summary)
	}
	page, err := h.client().Feedback.ListFeedback(context.Background(), &gv.ListFeedbackRequest{Parent: "organizations/default"})
	if err != nil || len(page.GetFeedback()) != 1 {
		t.Fatalf("list: %v %v", page, err)
	}
	// Porto's clock: 09:15 there on 2 October is 08:15 UTC.
	if f := page.GetFeedback()[0]; f.GetRating().GetValue() != 4 || !strings.Contains(f.GetText(), "heater") ||
		f.GetEditTime().AsTime().Format(time.RFC3339) != "2025-10-02T08:15:00Z" {
		t.Errorf("stored: %v", f)
	}
}

// A phone is shared (a family, an office): a booking whose phone is a guest
// of another name is another guest's, not merged into theirs; one whose
// email is a known guest's is that guest's, and the phone stays with
// whoever holds it.
func TestAPMSBookingSharingAPhoneIsNotMergedIntoAnotherGuest(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	const header = "booking_reference,guest_name,email,phone,arrival_date,nights,property\n"
	first := h.write("first.csv", header+
		"R1,\"Smith, John\",john@example.com,+351 912 345 678,2026-03-01,2,PRT-01\n"+
		"R2,Mary Major,mary@example.com,+351 913 000 000,2026-03-05,2,PRT-01\n")
	if summary := parseSummary(t, h.run("--json", "import", first, "--format", "pms", "--hotels", mapping())); summary.Ingested != 2 {
		t.Fatalf("first import %+v, want 2 ingested", summary)
	}
	second := h.write("second.csv", header+
		"R3,Jane Doe,jane@example.com,+351 912 345 678,2026-04-01,3,PRT-01\n"+
		"R4,John Smith,john@example.com,+351 913 000 000,2026-04-10,1,PRT-01\n"+
		"R5,john smith,,+351 912 345 678,2026-04-20,1,PRT-01\n")
	summary := parseSummary(t, h.run("--json", "import", second, "--format", "pms", "--hotels", mapping()))
	if summary.Ingested != 3 || len(summary.Rejected) != 0 {
		t.Fatalf("second import %+v, want 3 ingested", summary)
	}
	guestOf := func(flag, value string) *gv.Guest {
		guest := &gv.Guest{}
		parseProto(t, h.ok("--json", "guests", "lookup", flag, value, "--hotel", "porto"), guest)
		return guest
	}
	nights := func(guest *gv.Guest) int32 {
		status := &gv.LoyaltyStatus{}
		parseProto(t, h.ok("--json", "guests", "status", guest.GetName()), status)
		return status.GetQualifyingNights()
	}
	john, jane, mary := guestOf("--email", "john@example.com"), guestOf("--email", "jane@example.com"), guestOf("--email", "mary@example.com")
	if jane.GetName() == john.GetName() || jane.GetDisplayName() != "Jane Doe" {
		t.Errorf("Jane's booking went to %v, want a guest of her own", jane)
	}
	if got := guestOf("--phone", "+351 912 345 678").GetName(); got != john.GetName() {
		t.Errorf("John's phone is %s's, want John's", got)
	}
	if got := guestOf("--phone", "+351 913 000 000").GetName(); got != mary.GetName() {
		t.Errorf("Mary's phone is %s's, want Mary's", got)
	}
	if nights(john) != 4 || nights(jane) != 3 || nights(mary) != 2 {
		t.Errorf("nights: John %d, Jane %d, Mary %d; want 4 (R1, R4, R5), 3 and 2", nights(john), nights(jane), nights(mary))
	}
	again := parseSummary(t, h.run("--json", "import", second, "--format", "pms", "--hotels", mapping()))
	if again.AlreadyPresent != 3 || again.Ingested != 0 {
		t.Errorf("the same export again: %+v, want 3 already present", again)
	}
}

// A booking the server refuses (too many nights, too far ahead) creates no
// guest: the guest is created with the stay or not at all.
func TestARefusedBookingCreatesNoGuest(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	ahead := time.Now().AddDate(2, 0, 0).Format(time.DateOnly)
	input := h.write("bookings.csv", "booking_reference,guest_name,email,arrival_date,nights,property\n"+
		"BK-1,Ana,ana@example.com,2026-03-01,400,PRT-01\n"+
		"BK-2,Bo,bo@example.com,"+ahead+",2,PRT-01\n"+
		"BK-3,Cy,cy@example.com,2026-03-01,2,PRT-01\n")
	summary := parseSummary(t, h.run("--json", "import", input, "--format", "pms", "--hotels", mapping()))
	rejected := 0
	for _, n := range summary.Rejected {
		rejected += n
	}
	if summary.Ingested != 1 || rejected != 2 {
		t.Fatalf("import %+v, want 1 ingested and 2 rejected", summary)
	}
	report := string(mustRead(t, summary.ErrorReport))
	for _, want := range []string{"stay.nights", "stay.arrival_date"} {
		if !strings.Contains(report, want) {
			t.Errorf("the error report lacks %q:\n%s", want, report)
		}
	}
	for _, email := range []string{"ana@example.com", "bo@example.com"} {
		if r := h.run("guests", "lookup", "--email", email); r.code == cli.ExitOK {
			t.Errorf("a refused booking created a guest for %s: %s", email, r.stdout)
		}
	}
	h.ok("guests", "lookup", "--email", "cy@example.com")
}

// A row the server refuses links nothing to the guest it found: fixing the
// file and importing it again is the whole story.
func TestARefusedBookingLinksNothingToItsGuest(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	const header = "booking_reference,guest_name,email,phone,arrival_date,nights,spend,currency,property\n"
	first := h.write("first.csv", header+"BK-1,Ana Lima,ana@example.com,,2026-03-01,2,200.00,EUR,PRT-01\n")
	h.ok("import", first, "--format", "pms", "--hotels", mapping())
	refused := h.write("refused.csv", header+"BK-2,Ana Lima,ana@example.com,+351 912 000 077,2026-04-01,2,200.00,XYZ,PRT-01\n")
	summary := parseSummary(t, h.run("--json", "import", refused, "--format", "pms", "--hotels", mapping()))
	if summary.Ingested != 0 || len(summary.Rejected) != 1 {
		t.Fatalf("import %+v, want the row rejected", summary)
	}
	if r := h.run("guests", "lookup", "--phone", "+351 912 000 077"); r.code == cli.ExitOK {
		t.Errorf("a refused row linked its phone: %s", r.stdout)
	}
}
