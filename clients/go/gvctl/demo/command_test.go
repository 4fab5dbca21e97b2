package demo_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	"github.com/guestvoice/guestvoice/clients/go/gvctl/demo"
)

// connection is gvctl's connection as a command sees it.
type connection struct {
	dial   func() (*guestvoice.Client, error)
	parent string
}

func (c connection) Client() (*guestvoice.Client, error) { return c.dial() }
func (c connection) Parent() string                      { return c.parent }

func TestDemoCommandLoadsAndNamesTheProblemHotels(t *testing.T) {
	org, key := shared.NewOrganization(t, "demo-command")
	dial := func() (*guestvoice.Client, error) {
		return guestvoice.Dial(shared.Address, key, guestvoice.Options{Plaintext: true})
	}
	cmd := demo.NewDemoCommand(connection{dial, org})
	var out, progress bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&progress)
	cmd.SetArgs([]string{"--items", "1000", "--hotels", "3", "--end", "2026-11-01T00:00:00Z"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Loaded 3 hotels", "1000 feedback items", "noise_sleep", "wifi_internet", "staff_service"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if !strings.Contains(progress.String(), "feedback: 1000/1000 (100%") {
		t.Errorf("progress lacks the end of the feedback stage:\n%s", progress.String())
	}
}

func TestDemoCommandRefusesBadFlagsBeforeConnecting(t *testing.T) {
	dial := func() (*guestvoice.Client, error) {
		t.Fatal("connected despite a bad flag")
		return nil, nil
	}
	for _, args := range [][]string{{"--end", "yesterday"}, {"--items", "many"}, {"--items", "10"}, {"--hotels", "500"}} {
		cmd := demo.NewDemoCommand(connection{dial, "organizations/default"})
		cmd.SetOut(&bytes.Buffer{})
		cmd.SetErr(&bytes.Buffer{})
		cmd.SetArgs(args)
		if err := cmd.Execute(); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}
