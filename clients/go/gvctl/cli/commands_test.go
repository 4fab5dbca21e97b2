package cli_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
	"github.com/guestvoice/guestvoice/clients/go/gvctl/cli"
)

func TestHotelsCreateListGetUpdate(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	if out := h.ok("hotels", "list"); !strings.Contains(out, "Porto Riverside") || !strings.HasPrefix(out, "HOTEL") {
		t.Errorf("hotels list table:\n%s", out)
	}
	list := &gv.ListHotelsResponse{}
	parseProto(t, `{"hotels": `+h.ok("--json", "hotels", "list")+`}`, list)
	if len(list.GetHotels()) != 2 {
		t.Errorf("hotels list --json: %v", list)
	}
	updated := &gv.Hotel{}
	parseProto(t, h.ok("--json", "hotels", "update", "porto", "--locality", "Porto"), updated)
	if updated.GetLocality() != "Porto" || updated.GetRegionCode() != "PT" {
		t.Errorf("updated hotel %v", updated)
	}
	got := &gv.Hotel{}
	parseProto(t, h.ok("--json", "hotels", "get", "organizations/default/hotels/porto"), got)
	if got.GetLocality() != "Porto" {
		t.Errorf("hotels get %v", got)
	}
	if r := h.run("hotels", "update", "porto"); r.code != cli.ExitUsage {
		t.Errorf("update without fields: exit %d", r.code)
	}
	if r := h.run("hotels", "create", "bad", "--name", "Bad", "--time-zone", "Mars/Olympus"); r.code != cli.ExitError ||
		!strings.Contains(r.stderr, "hotel.time_zone") || !strings.Contains(r.stderr, "Correct the fields") {
		t.Errorf("invalid hotel: exit %d %s", r.code, r.stderr)
	}
}

func TestGuestsLinkMergeEraseAndCases(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	h.ok("import", h.sample("pms_bookings.csv"), "--format", "pms", "--hotels", mapping())
	ana, kim := &gv.Guest{}, &gv.Guest{}
	parseProto(t, h.ok("--json", "guests", "lookup", "--phone", "912 345 678", "--hotel", "porto"), ana)
	parseProto(t, h.ok("--json", "guests", "lookup", "--phone", "(212) 555-1234", "--hotel", "newyork"), kim)

	linked := &gv.Guest{}
	parseProto(t, h.ok("--json", "guests", "link", ana.GetName(), "--handle", "@AnaTravels", "--source", "twitter"), linked)
	if len(linked.GetIdentities()) != 3 {
		t.Errorf("linked guest %v", linked)
	}
	merged := &gv.Guest{}
	parseProto(t, h.ok("--json", "guests", "merge", ana.GetName(), kim.GetName()), merged)
	if len(merged.GetMergedGuests()) != 1 {
		t.Errorf("merge: %v", merged)
	}
	exported := &gv.ExportGuestResponse{}
	parseProto(t, h.ok("guests", "export", lastID(ana.GetName())), exported)
	if len(exported.GetStays()) != 3 {
		t.Errorf("after the merge Ana has %d stays, want 3", len(exported.GetStays()))
	}

	// Erase asks first; a wrong answer erases nothing.
	r := h.runWith(context.Background(), "no\n", "guests", "erase", ana.GetName())
	if r.code != cli.ExitError || !strings.Contains(r.stderr, "nothing was erased") {
		t.Errorf("unconfirmed erase: exit %d %s", r.code, r.stderr)
	}
	h.runWith(context.Background(), lastID(ana.GetName())+"\n", "guests", "erase", ana.GetName())
	if r := h.run("guests", "lookup", "--email", "ana.silva@example.com"); r.code != cli.ExitNotFound {
		t.Errorf("lookup of an erased guest: exit %d %s", r.code, r.stderr)
	}
	if r := h.run("guests", "lookup"); r.code != cli.ExitUsage {
		t.Errorf("lookup without an identity: exit %d", r.code)
	}
}

// An operator creates, lists, links and unlinks guests from the CLI; an
// unlinked identity no longer finds the guest.
func TestGuestsCreateListUnlinkAndStatusAsOf(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	ana := &gv.Guest{}
	parseProto(t, h.ok("--json", "guests", "create", "--name", "Ana Silva", "--email", "Ana.Silva@Example.com"), ana)
	if ana.GetDisplayName() != "Ana Silva" || len(ana.GetIdentities()) != 1 ||
		ana.GetIdentities()[0].GetValue() != "ana.silva@example.com" {
		t.Fatalf("created %v", ana)
	}
	parseProto(t, h.ok("--json", "guests", "link", ana.GetName(), "--phone", "912 345 678", "--hotel", "porto"), ana)
	kim := &gv.Guest{}
	parseProto(t, h.ok("--json", "guests", "create", "--name", "Kim Lee", "--handle", "@KimTravels", "--source", "twitter"), kim)
	stay := &gv.Stay{}
	parseProto(t, h.ok("--json", "stays", "record", kim.GetName(), "--hotel", "porto", "--arrival", "2025-11-02", "--nights", "1", "--booking", "BK-KIM"), stay)
	if r := h.run("stays", "record", kim.GetName(), "--hotel", "porto", "--arrival", "2025-11-02", "--booking", "BK-NO-NIGHTS"); r.code != cli.ExitUsage {
		t.Errorf("stays record without --nights: exit %d", r.code)
	}
	// The booking sent again with another night names the stay to amend.
	if r := h.run("stays", "record", kim.GetName(), "--hotel", "porto", "--arrival", "2025-11-02", "--nights", "2", "--booking", "BK-KIM"); r.code != cli.ExitError ||
		!strings.Contains(r.stderr, "gvctl stays update "+stay.GetName()) {
		t.Errorf("a booking recorded with other details: exit %d %s", r.code, r.stderr)
	}
	// Kim stayed a night longer: the stay is amended, its arrival unchanged.
	amended := &gv.Stay{}
	parseProto(t, h.ok("--json", "stays", "update", stay.GetName(), "--nights", "2", "--spend", "200", "--currency", "eur"), amended)
	if amended.GetNights() != 2 || amended.GetArrivalDate().GetDay() != 2 || amended.GetQualifyingSpend().GetUnits() != 200 {
		t.Errorf("stays update: %v", amended)
	}
	if r := h.run("stays", "update", stay.GetName()); r.code != cli.ExitUsage {
		t.Errorf("stays update without a change: exit %d", r.code)
	}
	if r := h.run("stays", "update", stay.GetName(), "--currency", "eur"); r.code != cli.ExitUsage {
		t.Errorf("stays update --currency without --spend: exit %d", r.code)
	}
	unpaid := &gv.Stay{}
	parseProto(t, h.ok("--json", "stays", "update", stay.GetName(), "--no-spend"), unpaid)
	if unpaid.GetQualifyingSpend() != nil || unpaid.GetNights() != 2 {
		t.Errorf("stays update --no-spend: %v", unpaid)
	}
	if r := h.run("stays", "update", stay.GetName(), "--nights", "0"); r.code != cli.ExitError || !strings.Contains(r.stderr, "stay.nights") {
		t.Errorf("stays update --nights 0: exit %d %s", r.code, r.stderr)
	}

	everyone, atPorto := &gv.ListGuestsResponse{}, &gv.ListGuestsResponse{}
	parseProto(t, `{"guests": `+h.ok("--json", "guests", "list")+`}`, everyone)
	parseProto(t, `{"guests": `+h.ok("--json", "guests", "list", "--hotel", "porto")+`}`, atPorto)
	if len(everyone.GetGuests()) != 2 || len(atPorto.GetGuests()) != 1 || atPorto.GetGuests()[0].GetName() != kim.GetName() {
		t.Errorf("guests list: %v; at porto: %v", everyone, atPorto)
	}
	members, gold := &gv.ListGuestsResponse{}, &gv.ListGuestsResponse{}
	parseProto(t, `{"guests": `+h.ok("--json", "guests", "list", "--tier", "member")+`}`, members)
	parseProto(t, `{"guests": `+h.ok("--json", "guests", "list", "--tier", "gold")+`}`, gold)
	if len(members.GetGuests()) != 2 || len(gold.GetGuests()) != 0 {
		t.Errorf("guests list --tier: %d members, %d gold", len(members.GetGuests()), len(gold.GetGuests()))
	}
	if out := h.ok("guests", "list"); !strings.Contains(out, "twitter:kimtravels") || !strings.Contains(out, "email:ana.silva@example.com") {
		t.Errorf("guests list table:\n%s", out)
	}

	unlinked := &gv.Guest{}
	parseProto(t, h.ok("--json", "guests", "unlink", lastID(ana.GetName()), "--phone", "+351912345678"), unlinked)
	if len(unlinked.GetIdentities()) != 1 {
		t.Errorf("after unlink: %v", unlinked.GetIdentities())
	}
	if r := h.run("guests", "lookup", "--phone", "+351912345678"); r.code != cli.ExitNotFound {
		t.Errorf("lookup of an unlinked phone: exit %d %s", r.code, r.stderr)
	}

	before, after := &gv.LoyaltyStatus{}, &gv.LoyaltyStatus{}
	parseProto(t, h.ok("--json", "guests", "status", kim.GetName(), "--as-of", "2025-11-03"), before)
	parseProto(t, h.ok("--json", "guests", "status", kim.GetName(), "--as-of", "2025-11-04"), after)
	if before.GetQualifyingNights() != 0 || after.GetQualifyingNights() != 2 {
		t.Errorf("nights on 3 and 4 November: %d, %d", before.GetQualifyingNights(), after.GetQualifyingNights())
	}
	if r := h.run("guests", "status", kim.GetName(), "--as-of", "4/11/2025"); r.code != cli.ExitUsage {
		t.Errorf("status --as-of 4/11/2025: exit %d", r.code)
	}
	if r := h.run("guests", "create", "--source", "twitter"); r.code != cli.ExitUsage {
		t.Errorf("create --source without --handle: exit %d", r.code)
	}
}

func TestCasesAckResolveAndReply(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	h.ok("import", h.sample("feedback.jsonl"), "--format", "jsonl")
	page, err := h.client().Feedback.ListFeedback(context.Background(), &gv.ListFeedbackRequest{Parent: "organizations/default"})
	if err != nil {
		t.Fatal(err)
	}
	item := page.GetFeedback()[0].GetName()
	acknowledged := &gv.Feedback{}
	parseProto(t, h.ok("--json", "cases", "ack", item, "--assignee", "rita"), acknowledged)
	if acknowledged.GetCase().GetState() != gv.CaseState_CASE_STATE_ACKNOWLEDGED || acknowledged.GetCase().GetAssignee() != "rita" {
		t.Errorf("ack: %v", acknowledged.GetCase())
	}
	replied := &gv.Feedback{}
	parseProto(t, h.ok("--json", "cases", "reply", lastID(item), "We are sorry: the room is now quiet."), replied)
	resolved := &gv.Feedback{}
	parseProto(t, h.ok("--json", "cases", "resolve", item), resolved)
	if resolved.GetCase().GetState() != gv.CaseState_CASE_STATE_RESOLVED ||
		resolved.GetCase().GetPublicResponse() != "We are sorry: the room is now quiet." {
		t.Errorf("resolve: %v", resolved.GetCase())
	}
}

func TestInsightCommandsAnswerInTablesAndJSON(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	recent := time.Now().Add(-48 * time.Hour).UTC().Format(time.RFC3339)
	h.ok("import", h.write("recent.jsonl", strings.NewReplacer("2025-11-02T09:30:00Z", recent, "2025-11-03T08:00:00Z", recent,
		"2025-11-04T22:15:00Z", recent).Replace(string(mustRead(t, filepath.Join("..", "testdata", "feedback.jsonl"))))), "--format", "jsonl")

	summary := &gv.HotelSummary{}
	parseProto(t, h.ok("--json", "summary", "porto", "--days", "7"), summary)
	if summary.GetCurrent().GetFeedbackCount() != 2 {
		t.Errorf("summary: %v", summary.GetCurrent())
	}
	issues := &gv.ListTopIssuesResponse{}
	parseProto(t, h.ok("--json", "top-issues", "--days", "7"), issues)
	// The night's traffic and the check-in nobody apologised for: one
	// negative voice each, in taxonomy order.
	var negative []string
	for _, issue := range issues.GetIssues() {
		negative = append(negative, issue.GetAspect())
	}
	if !slices.Contains(negative, "noise_sleep") || !slices.Contains(negative, "staff_service") {
		t.Errorf("top issues: %v", issues)
	}
	comparison := &gv.CompareHotelsResponse{}
	parseProto(t, h.ok("--json", "compare", "--days", "7"), comparison)
	if len(comparison.GetHotels()) != 2 {
		t.Errorf("compare: %v", comparison)
	}
	trend := &gv.SentimentTrend{}
	parseProto(t, h.ok("--json", "trend", "--hotel", "porto", "--by", "day", "--days", "7"), trend)
	if len(trend.GetBuckets()) < 7 {
		t.Errorf("trend: %d buckets", len(trend.GetBuckets()))
	}
	if out := h.ok("trend", "--hotel", "porto", "--by", "day", "--days", "7"); !strings.Contains(out, "|") {
		t.Errorf("trend draws no bars:\n%s", out)
	}
	attention := &gv.ListAttentionItemsResponse{}
	parseProto(t, h.ok("--json", "attention"), attention)
	if len(attention.GetItems()) == 0 {
		t.Errorf("attention: nothing")
	}
	if out := h.ok("top-issues", "--days", "7"); !strings.Contains(out, "noise_sleep") {
		t.Errorf("top-issues table:\n%s", out)
	}
	if r := h.run("trend", "--by", "year"); r.code != cli.ExitUsage {
		t.Errorf("trend --by year: exit %d", r.code)
	}
}

// A rating without words is listed in the attention queue by its rating, and
// the table says so; export --not-scored writes what no figure could weigh.
func TestARatingWithoutWordsIsShownAndExported(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	client := h.client()
	for _, item := range []*gv.Feedback{
		{ExternalId: "stars-1", Author: &gv.Author{Handle: "quiet.guest"}, Rating: &gv.Rating{Value: 1, ScaleMin: 1, ScaleMax: 5}},
		{ExternalId: "words-1", Author: &gv.Author{Handle: "loud.guest"}, Text: "The room was filthy."},
	} {
		item.Hotel, item.Source, item.PostTime = "organizations/default/hotels/porto", gv.Source_SOURCE_GOOGLE, timestamppb.New(time.Now().Add(-time.Hour))
		if _, err := client.Feedback.IngestFeedback(context.Background(), &gv.IngestFeedbackRequest{Parent: "organizations/default", Feedback: item}); err != nil {
			t.Fatal(err)
		}
	}
	out := h.ok("attention")
	if !strings.Contains(out, "1.00") || !strings.Contains(out, "1 of 1-5") || !strings.Contains(out, "(no words)") {
		t.Errorf("attention table:\n%s", out)
	}
	output := filepath.Join(h.dir, "not-scored.jsonl")
	h.ok("export", "feedback", "--not-scored", "--output", output)
	if written := string(mustRead(t, output)); strings.Count(written, "\n") != 1 || !strings.Contains(written, "stars-1") {
		t.Errorf("export --not-scored wrote:\n%s", written)
	}
}

// West of UTC a bucket's interval starts the evening before its local day:
// the rows are labelled by the hotel-local day, each once.
func TestTrendRowsAreLabelledByTheHotelLocalDay(t *testing.T) {
	h := newHarness(t)
	h.ok("hotels", "create", "la", "--name", "LA Downtown", "--time-zone", "America/Los_Angeles")
	for _, c := range []struct {
		by, from, to string
		want         []string
	}{
		{"day", "2025-09-28", "2025-10-01", []string{"2025-09-27", "2025-09-28", "2025-09-29", "2025-09-30"}},
		{"month", "2025-09-01", "2025-11-01", []string{"2025-08-31", "2025-09-01", "2025-10-01"}},
	} {
		out := h.ok("trend", "--hotel", "la", "--by", c.by, "--from", c.from, "--to", c.to)
		var got []string
		for _, line := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
			got = append(got, strings.Fields(line)[0])
		}
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("trend --by %s from %s to %s: rows %v, want %v\n%s", c.by, c.from, c.to, got, c.want, out)
		}
	}
}

func TestFiguresOverNoVoicesShowADashNotZero(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	out := h.ok("summary", "porto", "--days", "7")
	for _, figure := range []string{"mean sentiment", "positive", "negative", "mean rating (0-1)"} {
		line := lineStarting(out, figure)
		if fields := strings.Fields(strings.TrimPrefix(line, figure)); len(fields) != 2 || fields[0] != "-" || fields[1] != "-" {
			t.Errorf("%q over no voices: %q\n%s", figure, line, out)
		}
	}
	if line := lineStarting(out, "cleanliness"); !strings.Contains(line, " - ") || strings.Contains(line, "+0.00") {
		t.Errorf("an aspect nobody mentioned: %q", line)
	}
}

// lineStarting is the first line of out that starts with prefix, or "".
func lineStarting(out, prefix string) string {
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, prefix) {
			return line
		}
	}
	return ""
}

// watchedLine runs gvctl watch ARGS and calls ingest(i), i = 0, 1, ..., until
// the watch writes a line (it may open after an ingest), then stops the watch
// and returns that line.
func (h *harness) watchedLine(ingest func(i int), args ...string) string {
	h.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	lines := make(chan string, 10)
	done := make(chan int)
	go func() {
		full := append([]string{"--addr", h.server.Address, "--api-key", h.key, "--plaintext", "watch"}, args...)
		done <- cli.Run(ctx, full, strings.NewReader(""), lineWriter(lines), lineWriter(lines))
	}()
	deadline := time.After(10 * time.Second)
	for i := 0; ; i++ {
		ingest(i)
		select {
		case line := <-lines:
			cancel()
			if code := <-done; code != cli.ExitOK {
				h.t.Errorf("watch ended with exit %d", code)
			}
			return line
		case <-time.After(200 * time.Millisecond):
		case <-deadline:
			h.t.Fatal("watch showed nothing")
		}
	}
}

func TestWatchTailsNewFeedback(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	line := h.watchedLine(func(i int) {
		h.ok("import", h.write("one.jsonl", strings.ReplaceAll(feedbackLines(1), "resume-0", fmt.Sprintf("watch-%d", i))), "--format", "jsonl")
	}, "--json", "--hotel", "porto")
	item := &gv.Feedback{}
	parseProto(t, line, item)
	if item.GetHotel() != "organizations/default/hotels/porto" {
		t.Errorf("watched %v", item)
	}
}

// watch --not-scored shows what could not be scored, with no 0.0 standing in
// for a sentiment nobody measured.
func TestWatchShowsWhatCouldNotBeScored(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	client := h.client()
	line := h.watchedLine(func(i int) {
		for _, item := range []*gv.Feedback{
			{ExternalId: fmt.Sprintf("scored-%d", i), Text: "The room was filthy."},
			{ExternalId: fmt.Sprintf("stars-%d", i), Rating: &gv.Rating{Value: 1, ScaleMin: 1, ScaleMax: 5}},
		} {
			item.Hotel, item.Source, item.Author = "organizations/default/hotels/porto", gv.Source_SOURCE_GOOGLE, &gv.Author{Handle: "guest"}
			item.PostTime = timestamppb.New(time.Now().Add(-time.Hour))
			if _, err := client.Feedback.IngestFeedback(context.Background(), &gv.IngestFeedbackRequest{Parent: "organizations/default", Feedback: item}); err != nil {
				t.Fatal(err)
			}
		}
	}, "--not-scored")
	if !strings.Contains(line, "not scored") || !strings.Contains(line, "(no words: rated 1 of 1-5)") || strings.Contains(line, "0.00") {
		t.Errorf("watched %q", line)
	}
}

func TestWatchShowsAnEditAtTheSource(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	client := h.client()
	posted := time.Now().Add(-time.Hour).Truncate(time.Second)
	line := h.watchedLine(func(i int) {
		item := &gv.Feedback{
			Hotel: "organizations/default/hotels/porto", Source: gv.Source_SOURCE_GOOGLE, Author: &gv.Author{Handle: "guest"},
			ExternalId: fmt.Sprintf("review-%d", i), Text: "Lovely pool and a great breakfast.", PostTime: timestamppb.New(posted),
		}
		for _, edit := range []bool{false, true} {
			if edit {
				item.Text, item.EditTime = "The pool was closed and the breakfast was awful.", timestamppb.New(posted.Add(30*time.Minute))
			}
			if _, err := client.Feedback.IngestFeedback(context.Background(), &gv.IngestFeedbackRequest{Parent: "organizations/default", Feedback: item}); err != nil {
				t.Fatal(err)
			}
		}
	}, "--band", "negative")
	edited := posted.Add(30 * time.Minute).UTC().Format(time.RFC3339)
	if !strings.Contains(line, "(edited "+edited+") The pool was closed") || !strings.Contains(line, posted.UTC().Format(time.RFC3339)) {
		t.Errorf("watched %q", line)
	}
}

// lineWriter sends each write (gvctl writes whole lines) to a channel.
type lineWriter chan string

func (w lineWriter) Write(p []byte) (int, error) {
	w <- string(p)
	return len(p), nil
}

func TestKeysCreateListRevokeAndARevokedKeyIsRefused(t *testing.T) {
	h := newHarness(t)
	created := &gv.ApiKey{}
	parseProto(t, h.ok("--json", "keys", "create", "front desk", "--scope", "feedback_read", "--scope", "insights_read"), created)
	if created.GetKeyString() == "" || len(created.GetScopes()) != 2 {
		t.Fatalf("created key %v", created)
	}
	if out := h.ok("keys", "list"); !strings.Contains(out, "front desk") || strings.Contains(out, created.GetKeyString()) {
		t.Errorf("keys list shows no key or a secret:\n%s", out)
	}
	h.ok("keys", "revoke", lastID(created.GetName()))
	h.key = created.GetKeyString()
	if r := h.run("top-issues"); r.code != cli.ExitAuth || !strings.Contains(r.stderr, "GUESTVOICE_API_KEY") {
		t.Errorf("revoked key: exit %d %s", r.code, r.stderr)
	}
	if r := h.run("keys", "create", "x"); r.code != cli.ExitUsage {
		t.Errorf("key without scope: exit %d", r.code)
	}
}

func TestExportWritesWholeFilesOnly(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	h.ok("import", h.sample("feedback.jsonl"), "--format", "jsonl")
	output := filepath.Join(h.dir, "export.jsonl")
	h.ok("export", "feedback", "--output", output)
	if lines := strings.Count(string(mustRead(t, output)), "\n"); lines != 3 {
		t.Errorf("export has %d lines, want 3", lines)
	}
	// What export writes imports again, and nothing is counted twice.
	again := parseSummary(t, h.run("--json", "import", output, "--format", "jsonl"))
	if again.AlreadyPresent != 3 || again.Ingested != 0 {
		t.Errorf("re-import of an export: %+v", again)
	}
	guests := filepath.Join(h.dir, "guests.jsonl")
	h.ok("import", h.sample("pms_bookings.csv"), "--format", "pms", "--hotels", mapping())
	h.ok("export", "guests", "-o", guests)
	if lines := strings.Count(string(mustRead(t, guests)), "\n"); lines != 2 {
		t.Errorf("guest export has %d lines, want 2", lines)
	}

	// A failed export leaves the earlier file as it was, and no temp file.
	h.key = "not-a-key"
	if r := h.run("export", "feedback", "--output", output); r.code != cli.ExitAuth {
		t.Errorf("export with a bad key: exit %d", r.code)
	}
	entries, _ := os.ReadDir(h.dir)
	for _, entry := range entries {
		if strings.HasSuffix(entry.Name(), ".partial") {
			t.Errorf("left behind %s", entry.Name())
		}
	}
	if lines := strings.Count(string(mustRead(t, output)), "\n"); lines != 3 {
		t.Errorf("the earlier export changed: %d lines", lines)
	}
}

func TestExitCodesAndMessages(t *testing.T) {
	h := newHarness(t)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"no-such-command"}, cli.ExitUsage, "unknown command"},
		{[]string{"hotels", "get"}, cli.ExitUsage, "HOTEL"},
		{[]string{"hotels", "get", "nowhere"}, cli.ExitNotFound, "hotels list"},
		{[]string{"--addr", "127.0.0.1:1", "hotels", "list"}, cli.ExitUnreachable, "--plaintext"},
		{[]string{"--api-key", "", "hotels", "list"}, cli.ExitAuth, "GUESTVOICE_API_KEY"},
	} {
		r := h.run(tc.args...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("gvctl %v: exit %d, stderr %q; want exit %d mentioning %q", tc.args, r.code, r.stderr, tc.code, tc.want)
		}
	}
	if out := h.ok("--help"); !strings.Contains(out, "Exit codes") {
		t.Errorf("--help lacks the exit codes:\n%s", out)
	}
	if out := h.ok("completion", "bash"); !strings.Contains(out, "bash completion") {
		t.Errorf("no bash completion")
	}
}

func TestProfilesNameServers(t *testing.T) {
	h := newHarness(t)
	config := h.write("config.yaml", "current: local\nprofiles:\n  local:\n    addr: "+h.server.Address+
		"\n    api_key: "+h.key+"\n    plaintext: true\n  broken:\n    addr: 127.0.0.1:1\n    plaintext: true\n    api_key: x\n")
	t.Setenv("GVCTL_CONFIG", config)
	var stdout, stderr strings.Builder
	if code := cli.Run(context.Background(), []string{"hotels", "list"}, strings.NewReader(""), &stdout, &stderr); code != cli.ExitOK {
		t.Errorf("current profile: exit %d %s", code, stderr.String())
	}
	if code := cli.Run(context.Background(), []string{"--profile", "broken", "hotels", "list"}, strings.NewReader(""), &stdout, &stderr); code != cli.ExitUnreachable {
		t.Errorf("--profile broken: exit %d", code)
	}
	if code := cli.Run(context.Background(), []string{"--profile", "missing", "hotels", "list"}, strings.NewReader(""), &stdout, &stderr); code != cli.ExitUsage {
		t.Errorf("--profile missing: exit %d", code)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func lastID(name string) string { return name[strings.LastIndex(name, "/")+1:] }

// A guest whose feedback is more than one response holds (~0.2 MiB per
// review, 25 reviews) is exported whole: gvctl follows ExportGuest's pages.
func TestGuestExportGathersEveryPage(t *testing.T) {
	h := newHarness(t)
	h.hotels()
	ctx := context.Background()
	client := h.client()
	guest, err := client.Loyalty.CreateGuest(ctx, &gv.CreateGuestRequest{
		Parent: "organizations/default", Guest: &gv.Guest{DisplayName: "Ana"},
		Identities: []*gv.Identity{{Kind: gv.IdentityKind_IDENTITY_KIND_HANDLE, Source: gv.Source_SOURCE_TWITTER, Value: "anatravels"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	clause := "the dirty room, rude staff, cold breakfast, noisy street and slow wifi were awful. "
	long := strings.Repeat(clause, 16*1024/len(clause))
	const reviews = 25
	for i := 0; i < reviews; i++ {
		_, err := client.Feedback.IngestFeedback(ctx, &gv.IngestFeedbackRequest{Parent: "organizations/default", Feedback: &gv.Feedback{
			Hotel: "organizations/default/hotels/porto", Source: gv.Source_SOURCE_TWITTER,
			ExternalId: fmt.Sprintf("long-%d", i), Author: &gv.Author{Handle: "anatravels"},
			Text: fmt.Sprintf("%d %s", i, long), PostTime: timestamppb.New(time.Now().Add(-time.Hour)),
		}})
		if err != nil {
			t.Fatal(err)
		}
	}
	firstPage, err := client.Loyalty.ExportGuest(ctx, &gv.ExportGuestRequest{Name: guest.GetName()})
	if err != nil || firstPage.GetNextPageToken() == "" {
		t.Fatalf("the export should take more than one page: %v, %d items", err, len(firstPage.GetFeedback()))
	}

	exported := &gv.ExportGuestResponse{}
	parseProto(t, h.ok("guests", "export", lastID(guest.GetName())), exported)
	if len(exported.GetFeedback()) != reviews || exported.GetNextPageToken() != "" || exported.GetGuest().GetName() != guest.GetName() {
		t.Errorf("guests export: %d items, token %q, guest %q", len(exported.GetFeedback()), exported.GetNextPageToken(), exported.GetGuest().GetName())
	}
	output := filepath.Join(h.dir, "guests.jsonl")
	h.ok("export", "guests", "-o", output)
	lines := strings.Split(strings.TrimSpace(string(mustRead(t, output))), "\n")
	if len(lines) != 1 {
		t.Fatalf("export guests wrote %d lines, want 1", len(lines))
	}
	line := &gv.ExportGuestResponse{}
	parseProto(t, lines[0], line)
	if len(line.GetFeedback()) != reviews {
		t.Errorf("export guests: %d items, want %d", len(line.GetFeedback()), reviews)
	}
}
