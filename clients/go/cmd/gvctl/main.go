// Command gvctl is the operator's command line for a guestvoice server: see
// `gvctl --help` and clients/go/gvctl/cli.
package main

import (
	"os"

	"github.com/guestvoice/guestvoice/clients/go/gvctl/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
