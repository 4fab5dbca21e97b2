package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	"github.com/guestvoice/guestvoice/clients/go/internal/testserver"
)

func TestQuickstartRunsAgainstTheServer(t *testing.T) {
	server := testserver.Start(t)
	client, err := guestvoice.Dial(server.Address, server.AdminKey, guestvoice.Options{Plaintext: true})
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out strings.Builder
	if err := Run(ctx, client, &out); err != nil {
		// Run prefixes each error with the RPC that failed.
		testserver.SkipIfUnimplemented(t, strings.SplitN(err.Error(), ":", 2)[0], err)
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "summary: ") {
		t.Errorf("quickstart printed %q, want a summary line", out.String())
	}
}
