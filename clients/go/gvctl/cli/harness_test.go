package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	"github.com/guestvoice/guestvoice/clients/go/gvctl/cli"
	"github.com/guestvoice/guestvoice/clients/go/internal/testserver"
)

// harness runs gvctl in-process against a guestvoiced of the test's own
// (port 0, fresh data dir), with no profile file.
type harness struct {
	t      *testing.T
	server *testserver.Server
	dir    string
	key    string
}

// newHarness starts the test's server with serverFlags beyond testserver's.
func newHarness(t *testing.T, serverFlags ...string) *harness {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("GVCTL_CONFIG", filepath.Join(dir, "no-config.yaml"))
	for _, name := range []string{"GUESTVOICE_ADDR", "GUESTVOICE_API_KEY", "GUESTVOICE_ORG"} {
		t.Setenv(name, "")
	}
	server := testserver.Start(t, serverFlags...)
	return &harness{t: t, server: server, dir: dir, key: server.AdminKey}
}

// result is one gvctl run.
type result struct {
	stdout, stderr string
	code           int
}

// run is gvctl ARGS with the connection flags of the test's server.
func (h *harness) run(args ...string) result {
	return h.runWith(context.Background(), "", args...)
}

func (h *harness) runWith(ctx context.Context, stdin string, args ...string) result {
	h.t.Helper()
	var stdout, stderr bytes.Buffer
	full := append([]string{"--addr", h.server.Address, "--api-key", h.key, "--plaintext"}, args...)
	code := cli.Run(ctx, full, strings.NewReader(stdin), &stdout, &stderr)
	return result{stdout.String(), stderr.String(), code}
}

// ok runs gvctl and fails the test unless it exits 0.
func (h *harness) ok(args ...string) string {
	h.t.Helper()
	r := h.run(args...)
	if r.code != cli.ExitOK {
		h.t.Fatalf("gvctl %s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r.stdout
}

// client is a Go client of the test's server, to check what gvctl did.
func (h *harness) client() *guestvoice.Client {
	h.t.Helper()
	client, err := guestvoice.Dial(h.server.Address, h.server.AdminKey, guestvoice.Options{Plaintext: true})
	if err != nil {
		h.t.Fatal(err)
	}
	h.t.Cleanup(func() { client.Close() })
	return client
}

// hotels creates porto (PT) and newyork (US), the sample files' hotels.
func (h *harness) hotels() {
	h.t.Helper()
	h.ok("hotels", "create", "porto", "--name", "Porto Riverside", "--time-zone", "Europe/Lisbon", "--country", "PT")
	h.ok("hotels", "create", "newyork", "--name", "New York Midtown", "--time-zone", "America/New_York", "--country", "US")
}

// sample copies a file of ../testdata into the test's dir (imports write
// their checkpoint and error report beside the input).
func (h *harness) sample(name string) string {
	h.t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", name))
	if err != nil {
		h.t.Fatal(err)
	}
	return h.write(name, string(data))
}

func (h *harness) write(name, content string) string {
	h.t.Helper()
	path := filepath.Join(h.dir, name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		h.t.Fatal(err)
	}
	return path
}

func mapping() string { return filepath.Join("..", "testdata", "hotels.yaml") }

// importSummary is `gvctl import --json`'s output.
type importSummary struct {
	Ingested       int            `json:"ingested"`
	Repeats        int            `json:"repeats"`
	AlreadyPresent int            `json:"already_present"`
	Edited         int            `json:"edited"`
	Rejected       map[string]int `json:"rejected"`
	Skipped        map[string]int `json:"skipped"`
	Resumed        int            `json:"resumed_after"`
	ErrorReport    string         `json:"error_report"`
}

func parseSummary(t *testing.T, r result) importSummary {
	t.Helper()
	var summary importSummary
	if err := json.Unmarshal([]byte(r.stdout), &summary); err != nil {
		t.Fatalf("import --json printed %q (stderr %s): %v", r.stdout, r.stderr, err)
	}
	return summary
}

// parseProto reads --json output back into message.
func parseProto(t *testing.T, output string, message proto.Message) {
	t.Helper()
	if err := protojson.Unmarshal([]byte(output), message); err != nil {
		t.Fatalf("--json printed %q: %v", output, err)
	}
}
