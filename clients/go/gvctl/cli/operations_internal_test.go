package cli

import (
	"context"
	"strings"
	"testing"
	"time"

	rpcstatus "google.golang.org/genproto/googleapis/rpc/status"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

// Ctrl-C while following: exit 130, and every operation not seen to end is
// named so that it can be followed again (nothing stops on the server). The
// context is cancelled before the first poll, so no server is asked.
func TestAnInterruptedFollowNamesWhatGoesOn(t *testing.T) {
	running := []*gv.Operation{
		{Name: "organizations/a/operations/op-1", Metadata: reanalysis(&gv.ReanalyzeFeedbackMetadata{})},
		{Name: "organizations/b/operations/op-2", Metadata: reanalysis(&gv.ReanalyzeFeedbackMetadata{TotalCount: 10, ProcessedCount: 4})},
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr strings.Builder
	app := &App{Stdout: &stdout, Stderr: &stderr}
	err := app.followOperations(ctx, nil, time.Hour, true, running...)
	message, code := describe(err, "")
	if code != ExitInterrupted ||
		!strings.Contains(message, "gvctl operations wait organizations/a/operations/op-1 organizations/b/operations/op-2") {
		t.Errorf("interrupted follow: exit %d, %q", code, message)
	}
	if got := stderr.String(); got != "organizations/a/operations/op-1: running: starting\n" {
		t.Errorf("progress on stderr: %q", got)
	}
	if stdout.Len() != 0 {
		t.Errorf("an interrupted follow printed %q", stdout.String())
	}
}

func reanalysis(metadata *gv.ReanalyzeFeedbackMetadata) *gv.Operation_ReanalyzeFeedback {
	return &gv.Operation_ReanalyzeFeedback{ReanalyzeFeedback: metadata}
}

func TestOperationProgress(t *testing.T) {
	for _, c := range []struct {
		operation *gv.Operation
		want      string
	}{
		{&gv.Operation{Metadata: reanalysis(&gv.ReanalyzeFeedbackMetadata{})}, "running: starting"},
		{&gv.Operation{Metadata: reanalysis(&gv.ReanalyzeFeedbackMetadata{TotalCount: 10, ProcessedCount: 4, ChangedCount: 1})},
			"running: 4 of 10 items re-analysed, 1 changed"},
		{&gv.Operation{Done: true, Metadata: reanalysis(&gv.ReanalyzeFeedbackMetadata{TotalCount: 10, ProcessedCount: 10})},
			"done: 10 of 10 items re-analysed, 0 changed"},
		{&gv.Operation{Done: true, Error: &rpcstatus.Status{Code: 13, Message: "disk"}}, "failed"},
	} {
		if got := operationProgress(c.operation); got != c.want {
			t.Errorf("operationProgress(%v) = %q, want %q", c.operation, got, c.want)
		}
	}
}
