package cli_test

import (
	"fmt"
	"regexp"
	"testing"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
	"github.com/guestvoice/guestvoice/clients/go/gvctl/cli"
)

func TestServerInfoShowsTheRunningServer(t *testing.T) {
	h := newHarness(t)
	info := &gv.ServerInfo{}
	parseProto(t, h.ok("--json", "server-info"), info)
	versions := info.GetVersions()
	if versions.GetSchemaVersion() == 0 || versions.GetRocksdb() == "" || versions.GetGrpc() == "" {
		t.Errorf("server-info versions %v", versions)
	}
	if info.GetStoreSizeBytes() <= 0 || info.GetStoreId() == "" || info.GetStartTime() == nil {
		t.Errorf("server-info %v", info)
	}

	out := h.ok("server-info")
	for _, line := range []string{
		fmt.Sprintf(`schema version +%d`, versions.GetSchemaVersion()),
		`rocksdb +` + regexp.QuoteMeta(versions.GetRocksdb()),
		`store id +` + regexp.QuoteMeta(info.GetStoreId()),
		`store size +[0-9.]+ (B|KiB|MiB|GiB)`,
		`uptime +[0-9hms]+`,
	} {
		if !regexp.MustCompile(`(?m)^` + line + ` *$`).MatchString(out) {
			t.Errorf("server-info has no line %q:\n%s", line, out)
		}
	}
	// A server on its embedded store is no cluster node.
	if info.GetCluster() != nil || regexp.MustCompile(`(?m)^(cluster node|NODE) `).MatchString(out) {
		t.Errorf("server-info of an embedded server shows a cluster:\n%s", out)
	}
}

func TestServerInfoNeedsAPlatformAdminKey(t *testing.T) {
	h := newHarness(t)
	reader := &gv.ApiKey{}
	parseProto(t, h.ok("--json", "keys", "create", "dashboard", "--scope", "insights_read"), reader)
	h.key = reader.GetKeyString()
	if r := h.run("server-info"); r.code != cli.ExitAuth {
		t.Errorf("server-info with an insights_read key: exit %d %s", r.code, r.stderr)
	}
}
