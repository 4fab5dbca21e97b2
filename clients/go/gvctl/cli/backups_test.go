package cli_test

import (
	"path/filepath"
	"strings"
	"testing"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
	"github.com/guestvoice/guestvoice/clients/go/gvctl/cli"
)

func TestBackupCreateListDelete(t *testing.T) {
	h := newHarness(t, "--backup_dir="+filepath.Join(t.TempDir(), "backups"))
	created := &gv.Backup{}
	parseProto(t, h.ok("--json", "backup", "create"), created)
	if created.GetName() != "backups/1" || created.GetSizeBytes() <= 0 || created.GetSchemaVersion() == 0 {
		t.Fatalf("created backup %v", created)
	}
	if out := h.ok("backup", "create"); !strings.Contains(out, "BACKUP") || !strings.Contains(out, "iB") {
		t.Errorf("backup create shows no table:\n%s", out)
	}
	out := h.ok("backup", "list")
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 3 || !strings.HasPrefix(lines[1], "1 ") {
		t.Errorf("backup list after two backups:\n%s", out)
	}
	if out := h.ok("backup", "delete", "1"); !strings.Contains(out, "deleted backups/1") {
		t.Errorf("backup delete says %q", out)
	}
	if out := h.ok("--json", "backup", "list"); strings.Contains(out, `"backups/1"`) || !strings.Contains(out, `"backups/2"`) {
		t.Errorf("backup list after deleting backup 1:\n%s", out)
	}
	if r := h.run("backup", "delete", "1"); r.code == cli.ExitOK {
		t.Errorf("deleting a deleted backup: exit 0")
	}
}

func TestBackupWithoutABackupDirSaysSo(t *testing.T) {
	h := newHarness(t)
	if r := h.run("backup", "create"); r.code == cli.ExitOK || !strings.Contains(r.stderr, "backup") {
		t.Errorf("backup create without --backup_dir: exit %d %s", r.code, r.stderr)
	}
}
