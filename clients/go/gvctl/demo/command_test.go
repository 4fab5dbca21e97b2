package demo_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	"github.com/guestvoice/guestvoice/clients/go/gvctl/demo"
)

func TestDemoCommandLoadsAndNamesTheProblemHotels(t *testing.T) {
	org, key := shared.NewOrganization(t, "demo-command")
	connect := func(*cobra.Command) (*guestvoice.Client, error) {
		return guestvoice.Dial(shared.Address, key, guestvoice.Options{Plaintext: true})
	}
	cmd := demo.NewDemoCommand(connect)
	var out, progress bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&progress)
	cmd.SetArgs([]string{"--org", org, "--items", "1000", "--hotels", "3", "--end", "2026-11-01T00:00:00Z"})
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
	connect := func(*cobra.Command) (*guestvoice.Client, error) {
		t.Fatal("connected despite a bad flag")
		return nil, nil
	}
	for _, args := range [][]string{{"--end", "yesterday"}, {"--items", "many"}, {"--items", "10"}, {"--hotels", "500"}} {
		cmd := demo.NewDemoCommand(connect)
		cmd.SetOut(&bytes.Buffer{})
		cmd.SetErr(&bytes.Buffer{})
		cmd.SetArgs(args)
		if err := cmd.Execute(); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}
