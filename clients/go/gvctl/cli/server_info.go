package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

func newServerInfoCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "server-info",
		Short: "Show the server's versions, start time, uptime, store size and store id, and on a cluster node its cluster (needs a platform admin key)",
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
	if cluster := info.GetCluster(); cluster != nil {
		t.row("cluster node", cluster.GetNodeId())
	}
	if err := t.flush(); err != nil {
		return err
	}
	if cluster := info.GetCluster(); cluster != nil {
		return a.printCluster(cluster)
	}
	return nil
}

// printCluster writes the node map as the answering node reads it (one line
// per node), then that node's progress through each partition of the
// command log, each table after a blank line.
func (a *App) printCluster(cluster *gv.ClusterInfo) error {
	fmt.Fprintln(a.Stdout)
	nodes := newTable(a.Stdout, "NODE", "ADDRESS", "ALIVE", "HEARTBEAT AGE", "OWNS", "APPLIED")
	for _, node := range cluster.GetNodes() {
		alive := "no"
		if node.GetAlive() {
			alive = "yes"
		}
		owned := make([]string, 0, len(node.GetOwnedPartitions()))
		for _, partition := range node.GetOwnedPartitions() {
			owned = append(owned, fmt.Sprint(partition))
		}
		applied := make([]string, 0, len(node.GetAppliedOffsets()))
		for _, offset := range node.GetAppliedOffsets() {
			applied = append(applied, fmt.Sprintf("%d:%d", offset.GetPartition(), offset.GetNextOffset()))
		}
		nodes.row(node.GetNodeId(), node.GetAddress(), alive,
			node.GetHeartbeatAge().AsDuration().Round(1e8).String(),
			orDash(strings.Join(owned, ",")), orDash(strings.Join(applied, " ")))
	}
	if err := nodes.flush(); err != nil {
		return err
	}
	fmt.Fprintln(a.Stdout)
	partitions := newTable(a.Stdout, "PARTITION", "APPLIED", "LOG END", "LAG", "STOPPED")
	for _, p := range cluster.GetPartitions() {
		partitions.row(p.GetPartition(), p.GetNextOffset(), p.GetLogEndOffset(), p.GetLag(), orDash(p.GetStoppedReason()))
	}
	return partitions.flush()
}
