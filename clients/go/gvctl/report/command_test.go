package report_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	"github.com/guestvoice/guestvoice/clients/go/gvctl/report"
)

// connection is gvctl's connection as a command sees it.
type connection struct {
	dial   func() (*guestvoice.Client, error)
	parent string
}

func (c connection) Client() (*guestvoice.Client, error) { return c.dial() }
func (c connection) Parent() string                      { return c.parent }

func run(t *testing.T, conn connection, args ...string) (string, error) {
	t.Helper()
	cmd := report.NewReportCommand(conn)
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs(args)
	err := cmd.Execute()
	return out.String(), err
}

// A hotel given by its id alone, a fixed interval, and the file in place
// with nothing else left in its directory.
func TestReportCommandWritesOneFile(t *testing.T) {
	c := demoChain(t, "report-command")
	dial := func() (*guestvoice.Client, error) {
		return guestvoice.Dial(shared.Address, c.key, guestvoice.Options{Plaintext: true})
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "lisbon.html")
	id := strings.TrimPrefix(c.loaded.Hotels[0].Name, c.org+"/hotels/")
	said, err := run(t, connection{dial, c.org}, "--hotel", id, "--from", "2026-01-01", "--to", "2026-01-31", "--out", out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(said, "1 Jan 2026 – 31 Jan 2026") {
		t.Errorf("output %q lacks the interval", said)
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), c.loaded.Hotels[0].DisplayName) || !strings.Contains(string(page), "Hotel report") {
		t.Errorf("the page is not %s's hotel report", c.loaded.Hotels[0].DisplayName)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the output directory, want only the report", len(entries))
	}
}

func TestReportCommandRefusesBadDatesBeforeConnecting(t *testing.T) {
	dial := func() (*guestvoice.Client, error) {
		t.Fatal("connected despite bad flags")
		return nil, nil
	}
	for _, args := range [][]string{{"--from", "yesterday"}, {"--to", "2026-13-01"}, {"--from", "2026-02-01", "--to", "2026-01-01"}} {
		if _, err := run(t, connection{dial, "organizations/default"}, args...); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}

// A failed call leaves no file behind, not even an empty one.
func TestReportCommandWritesNothingOnFailure(t *testing.T) {
	dial := func() (*guestvoice.Client, error) {
		return guestvoice.Dial(shared.Address, "not-a-key", guestvoice.Options{Plaintext: true})
	}
	dir := t.TempDir()
	if _, err := run(t, connection{dial, "organizations/default"}, "--out", filepath.Join(dir, "report.html")); err == nil {
		t.Fatal("no error with an invalid key")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("%d files left after a failure", len(entries))
	}
}
