package cli

// A cluster node's server-info, from a ServerInfo as a node answers it:
// the tests in package cli_test run against an embedded server, which has
// no cluster to show (tests/service/cluster/cluster_nodes_test.cc checks
// what cluster nodes answer).

import (
	"bytes"
	"regexp"
	"testing"
	"time"

	"google.golang.org/protobuf/types/known/durationpb"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

func TestServerInfoShowsTheClusterOfANode(t *testing.T) {
	info := &gv.ServerInfo{
		Cluster: &gv.ClusterInfo{
			NodeId: "node-0",
			Nodes: []*gv.ClusterNodeInfo{
				{
					NodeId: "node-0", Address: "10.0.0.7:50051", Alive: true,
					HeartbeatAge:    durationpb.New(1234 * time.Millisecond),
					OwnedPartitions: []int32{0, 2},
					AppliedOffsets:  []*gv.PartitionOffset{{Partition: 0, NextOffset: 12}, {Partition: 1, NextOffset: 4}},
				},
				{
					NodeId: "node-1", Address: "10.0.0.8:50051", Alive: false,
					HeartbeatAge: durationpb.New(31 * time.Second),
				},
			},
			Partitions: []*gv.PartitionProgress{
				{Partition: 0, NextOffset: 12, LogEndOffset: 15, Lag: 3},
				{Partition: 1, NextOffset: 4, LogEndOffset: 4, StoppedReason: "DATA_LOSS: unreadable"},
			},
		},
	}
	var out bytes.Buffer
	if err := (&App{Stdout: &out}).printServerInfo(info); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		`cluster node +node-0`,
		`NODE +ADDRESS +ALIVE +HEARTBEAT AGE +OWNS +APPLIED`,
		`node-0 +10\.0\.0\.7:50051 +yes +1\.2s +0,2 +0:12 1:4`,
		`node-1 +10\.0\.0\.8:50051 +no +31s +- +-`,
		`PARTITION +APPLIED +LOG END +LAG +STOPPED`,
		`0 +12 +15 +3 +-`,
		`1 +4 +4 +0 +DATA_LOSS: unreadable`,
	} {
		if !regexp.MustCompile(`(?m)^` + line + ` *$`).MatchString(out.String()) {
			t.Errorf("server-info has no line %q:\n%s", line, out.String())
		}
	}
}
