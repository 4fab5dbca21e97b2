package cli_test

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
	"github.com/guestvoice/guestvoice/clients/go/gvctl/cli"
)

// ingestTwo stores two English items at porto.
func ingestTwo(t *testing.T, h *harness) {
	t.Helper()
	h.hotels()
	client := h.client()
	for _, item := range []*gv.Feedback{
		{ExternalId: "r-1", Author: &gv.Author{Handle: "ana"}, Text: "There were cockroaches in the bathroom!"},
		{ExternalId: "r-2", Author: &gv.Author{Handle: "bo"}, Text: "Lovely staff and a great breakfast."},
	} {
		item.Hotel, item.Source, item.PostTime = "organizations/default/hotels/porto", gv.Source_SOURCE_GOOGLE,
			timestamppb.New(time.Now().Add(-time.Hour))
		if _, err := client.Feedback.IngestFeedback(context.Background(),
			&gv.IngestFeedbackRequest{Parent: "organizations/default", Feedback: item}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestReanalyzeFollowsTheOperationToItsEnd(t *testing.T) {
	h := newHarness(t)
	ingestTwo(t, h)

	done := &gv.Operation{}
	parseProto(t, h.ok("--json", "reanalyze", "--poll-interval", "10ms"), done)
	metadata := done.GetReanalyzeFeedback()
	if !done.GetDone() || done.GetError() != nil || metadata.GetTotalCount() != 2 ||
		metadata.GetProcessedCount() != 2 || metadata.GetTaxonomyVersion() == "" {
		t.Errorf("reanalyze --json: %v", done)
	}
	// Stored by this server's analyser: nothing to change.
	if metadata.GetChangedCount() != 0 {
		t.Errorf("reanalyze changed %d items analysed by the same analyser", metadata.GetChangedCount())
	}

	// The first is done, so another call starts a second pass.
	out := h.ok("reanalyze", "--poll-interval", "10ms")
	if !regexp.MustCompile(`(?m)^default +\S+ +reanalyze +done +2/2 +0 `).MatchString(out) {
		t.Errorf("reanalyze table:\n%s", out)
	}

	listed := h.ok("operations", "list")
	if rows := regexp.MustCompile(`(?m)^default +\S+ +reanalyze +done +2/2 `).FindAllString(listed, -1); len(rows) != 2 {
		t.Errorf("operations list shows %d done re-analyses:\n%s", len(rows), listed)
	}
	id := done.GetName()[len("organizations/default/operations/"):]
	for _, args := range [][]string{{"operations", "get", id}, {"operations", "wait", id}, {"operations", "get", done.GetName()}} {
		got := &gv.Operation{}
		parseProto(t, h.ok(append([]string{"--json"}, args...)...), got)
		if got.GetName() != done.GetName() || !got.GetDone() {
			t.Errorf("%v: %v", args, got)
		}
	}
}

func TestReanalyzeNoWaitReturnsTheOperation(t *testing.T) {
	h := newHarness(t)
	ingestTwo(t, h)
	started := &gv.Operation{}
	parseProto(t, h.ok("--json", "reanalyze", "--no-wait"), started)
	if started.GetName() == "" || started.GetReanalyzeFeedback() == nil {
		t.Fatalf("reanalyze --no-wait: %v", started)
	}
	// What --no-wait started, wait follows to its end.
	finished := &gv.Operation{}
	parseProto(t, h.ok("--json", "operations", "wait", started.GetName(), "--poll-interval", "10ms"), finished)
	if !finished.GetDone() || finished.GetReanalyzeFeedback().GetProcessedCount() != 2 {
		t.Errorf("operations wait: %v", finished)
	}
	if r := h.run("operations", "wait"); r.code != cli.ExitUsage {
		t.Errorf("operations wait without an operation: exit %d %s", r.code, r.stderr)
	}
}

func TestOperationsRefusals(t *testing.T) {
	h := newHarness(t)
	if r := h.run("operations", "get", "no-such-operation"); r.code != cli.ExitNotFound {
		t.Errorf("operations get of an unknown operation: exit %d %s", r.code, r.stderr)
	}
	if r := h.run("reanalyze", "--poll-interval", "0s"); r.code != cli.ExitUsage {
		t.Errorf("reanalyze --poll-interval 0s: exit %d %s", r.code, r.stderr)
	}
	reader := &gv.ApiKey{}
	parseProto(t, h.ok("--json", "keys", "create", "dashboard", "--scope", "insights_read"), reader)
	h.key = reader.GetKeyString()
	for _, args := range [][]string{{"reanalyze"}, {"operations", "list"}} {
		if r := h.run(args...); r.code != cli.ExitAuth {
			t.Errorf("%v with an insights_read key: exit %d %s", args, r.code, r.stderr)
		}
	}
}

// A platform operator re-analyses every organization in one command, and
// onboards a tenant from gvctl: the organization, then its first key.
func TestReanalyzeAllOrganizationsAndOrganizations(t *testing.T) {
	h := newHarness(t)
	ingestTwo(t, h)
	created := &gv.Organization{}
	parseProto(t, h.ok("--json", "organizations", "create", "aurora", "--name", "Aurora Hotels"), created)
	if created.GetName() != "organizations/aurora" || created.GetDisplayName() != "Aurora Hotels" {
		t.Errorf("organizations create: %v", created)
	}
	if out := h.ok("organizations", "list"); !regexp.MustCompile(`(?m)^aurora +Aurora Hotels +\S+ *$`).MatchString(out) ||
		!regexp.MustCompile(`(?m)^default `).MatchString(out) {
		t.Errorf("organizations list:\n%s", out)
	}
	got := &gv.Organization{}
	parseProto(t, h.ok("--json", "organizations", "get", "aurora"), got)
	if got.GetDisplayName() != "Aurora Hotels" {
		t.Errorf("organizations get: %v", got)
	}
	if r := h.run("organizations", "create", "aurora", "--name", "Again"); r.code != cli.ExitError {
		t.Errorf("organizations create of an existing id: exit %d %s", r.code, r.stderr)
	}
	for _, args := range [][]string{{"organizations", "create", "", "--name", "Empty"}, {"organizations", "create", "noname"}} {
		if r := h.run(args...); r.code != cli.ExitUsage {
			t.Errorf("%q: exit %d %s", args, r.code, r.stderr)
		}
	}
	if r := h.run("organizations", "get", "nowhere"); r.code != cli.ExitNotFound {
		t.Errorf("organizations get of an unknown id: exit %d %s", r.code, r.stderr)
	}
	key := &gv.ApiKey{}
	parseProto(t, h.ok("--json", "--org", "aurora", "keys", "create", "aurora admin", "--scope", "admin"), key)
	if key.GetKeyString() == "" {
		t.Errorf("keys create in the new organization: %v", key)
	}

	out := h.ok("reanalyze", "--all-organizations", "--poll-interval", "10ms")
	for _, row := range []string{`default +\S+ +reanalyze +done +2/2 +0 `, `aurora +\S+ +reanalyze +done +0/0 +0 `} {
		if !regexp.MustCompile(`(?m)^` + row).MatchString(out) {
			t.Errorf("reanalyze --all-organizations has no row %q:\n%s", row, out)
		}
	}
	// --json gives one array of every organization's operation.
	var listed []struct {
		Name string `json:"name"`
		Done bool   `json:"done"`
	}
	if err := json.Unmarshal([]byte(h.ok("--json", "reanalyze", "--all-organizations", "--poll-interval", "10ms")),
		&listed); err != nil || len(listed) != 2 || !listed[0].Done || !listed[1].Done ||
		!strings.HasPrefix(listed[0].Name, "organizations/aurora/operations/") {
		t.Errorf("reanalyze --all-organizations --json: %v %v", listed, err)
	}
	// Only a platform admin may list every organization.
	h.key = key.GetKeyString()
	if r := h.run("--org", "aurora", "reanalyze", "--all-organizations"); r.code != cli.ExitAuth {
		t.Errorf("reanalyze --all-organizations with an organization's admin key: exit %d %s", r.code, r.stderr)
	}
}
