// Package cli is gvctl: the operator's command line for guestvoice, one file
// per command group. Main runs it; `demo` and `report` come from their own
// packages (gvctl/demo, gvctl/report), on the same connection.
package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	"github.com/guestvoice/guestvoice/clients/go/gvctl/demo"
	"github.com/guestvoice/guestvoice/clients/go/gvctl/report"
)

// App is what every command shares: the connection settings, the output
// mode and the standard streams. Commands reach the server through Client.
type App struct {
	Conn    Connection
	Profile string
	JSON    bool
	Stdin   io.Reader
	Stdout  io.Writer
	Stderr  io.Writer

	client *guestvoice.Client
}

// resolveConnection completes the connection flags from the environment
// and the profile file, before any command runs.
func (a *App) resolveConnection() error {
	profile, err := loadProfile(defaultProfilePath(), a.Profile)
	if err != nil {
		return err
	}
	a.Conn = a.Conn.resolve(profile)
	return nil
}

// Client dials the server on first use.
func (a *App) Client() (*guestvoice.Client, error) {
	if a.client == nil {
		client, err := a.Conn.dial()
		if err != nil {
			return nil, err
		}
		a.client = client
	}
	return a.client, nil
}

// Parent is the organization's resource name, `organizations/{org}`.
func (a *App) Parent() string { return a.Conn.parent() }

// HotelName accepts a hotel id or its full resource name.
func (a *App) HotelName(hotel string) string { return a.resourceName("hotels", hotel) }

// resourceName accepts an id in one of the organization's collections or
// the full resource name, which wins as given.
func (a *App) resourceName(collection, idOrName string) string {
	if strings.HasPrefix(idOrName, "organizations/") {
		return idOrName
	}
	return a.Parent() + "/" + collection + "/" + idOrName
}

// NewRootCommand builds the command tree on app.
func NewRootCommand(app *App) *cobra.Command {
	root := &cobra.Command{
		Use:   "gvctl",
		Short: "Operate a guestvoice server: hotels, imports, guests, insights, cases, organizations, keys and backups",
		Long: `gvctl talks to a guestvoice server over gRPC.

Connection: --addr or GUESTVOICE_ADDR (default 127.0.0.1:50051), --api-key or
GUESTVOICE_API_KEY, --org or GUESTVOICE_ORG (default "default"). TLS is used
unless --plaintext (for a server on this machine); --cacert trusts a private
CA. Several servers: a profile file (--profile NAME; file ~/.config/gvctl/
config.yaml or $GVCTL_CONFIG) with addr, api_key, plaintext, cacert and
organization per profile.

Output: tables for people, --json for programs (one JSON document, or one
per line for streams and exports). Errors go to stderr with what to do next.

` + exitCodesHelp,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(*cobra.Command, []string) error {
			return app.resolveConnection()
		},
	}
	flags := root.PersistentFlags()
	flags.StringVar(&app.Conn.Addr, "addr", "", "server address host:port (env GUESTVOICE_ADDR)")
	flags.StringVar(&app.Conn.APIKey, "api-key", "", "API key (env GUESTVOICE_API_KEY)")
	flags.StringVar(&app.Conn.Org, "org", "", `organization id (env GUESTVOICE_ORG, default "default")`)
	flags.BoolVar(&app.Conn.Plaintext, "plaintext", false, "no TLS: only for a server on this machine")
	flags.StringVar(&app.Conn.CACert, "cacert", "", "PEM file of the CA that signed the server's certificate")
	flags.StringVar(&app.Profile, "profile", "", "profile of the profile file to connect with")
	flags.BoolVar(&app.JSON, "json", false, "machine-readable JSON output")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(
		newHotelsCommand(app),
		newImportCommand(app),
		newExportCommand(app),
		newGuestsCommand(app),
		newStaysCommand(app),
		newCheckInsCommand(app),
		newSummaryCommand(app),
		newTopIssuesCommand(app),
		newCompareCommand(app),
		newTrendCommand(app),
		newAttentionCommand(app),
		newWatchCommand(app),
		newCasesCommand(app),
		newOrganizationsCommand(app),
		newKeysCommand(app),
		newBackupCommand(app),
		newReanalyzeCommand(app),
		newOperationsCommand(app),
		newServerInfoCommand(app),
		demo.NewDemoCommand(app),
		report.NewReportCommand(app),
	)
	return root
}

// Main runs gvctl with args and returns its exit code. Ctrl-C cancels the
// running command's context.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Run(ctx, args, stdin, stdout, stderr)
}

// Run is Main with the caller's context: tests cancel it to interrupt.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	app := &App{Stdin: stdin, Stdout: stdout, Stderr: stderr}
	root := NewRootCommand(app)
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if app.client != nil {
		app.client.Close()
	}
	if err == nil {
		return ExitOK
	}
	if isCobraUsage(err) {
		err = usageError{err}
	}
	message, code := describe(err, app.Conn.Addr)
	fmt.Fprintln(stderr, "gvctl: "+message)
	return code
}

// isCobraUsage tells cobra's own errors (an unknown command or flag) from
// failures of a command that ran; argument counts are checked by args.go.
func isCobraUsage(err error) bool {
	return strings.HasPrefix(err.Error(), "unknown command") ||
		strings.HasPrefix(err.Error(), "required flag") ||
		strings.HasPrefix(err.Error(), "unknown flag") ||
		strings.HasPrefix(err.Error(), "unknown shorthand flag")
}
