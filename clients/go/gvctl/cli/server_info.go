package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

func newServerInfoCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "server-info",
		Short: "Show the server's versions, start time, uptime, store size and store id (needs a platform admin key)",
		Args:  exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			client, err := app.Client()
			if err != nil {
				return err
			}
			info, err := client.Admin.GetServerInfo(cmd.Context(), &gv.GetServerInfoRequest{})
			if err != nil {
				return err
			}
			if app.JSON {
				return writeJSONLine(app.Stdout, info)
			}
			return app.printServerInfo(info)
		},
	}
}

// printServerInfo writes one "name  value" line per figure, as an operator
// reads them off a status page.
func (a *App) printServerInfo(info *gv.ServerInfo) error {
	versions := info.GetVersions()
	t := newTable(a.Stdout, "FIELD", "VALUE")
	t.row("guestvoice", versions.GetGuestvoice())
	t.row("git revision", versions.GetGitRevision())
	t.row("schema version", fmt.Sprint(versions.GetSchemaVersion()))
	t.row("grpc", versions.GetGrpc())
	t.row("protobuf", versions.GetProtobuf())
	t.row("rocksdb", versions.GetRocksdb())
	t.row("started", when(info.GetStartTime()))
	t.row("uptime", info.GetUptime().AsDuration().Round(1e9).String())
	t.row("store size", byteSize(info.GetStoreSizeBytes()))
	t.row("store id", info.GetStoreId())
	return t.flush()
}
