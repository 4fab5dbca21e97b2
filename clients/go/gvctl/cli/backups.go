package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"google.golang.org/protobuf/types/known/emptypb"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

func newBackupCommand(app *App) *cobra.Command {
	return group("backup", "Make, list and delete online backups of the server's store (needs a platform admin key)",
		newBackupCreateCommand(app), newBackupListCommand(app), newBackupDeleteCommand(app))
}

func newBackupCreateCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "create",
		Short: "Back up the live store into the server's --backup_dir; the server keeps serving",
		Args:  exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			client, err := app.Client()
			if err != nil {
				return err
			}
			backup, err := client.Admin.CreateBackup(cmd.Context(), &gv.CreateBackupRequest{})
			if err != nil {
				return err
			}
			if app.JSON {
				return writeJSONLine(app.Stdout, backup)
			}
			return app.printBackups(backup)
		},
	}
}

func newBackupListCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the backups in the server's --backup_dir, oldest first",
		Args:  exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			client, err := app.Client()
			if err != nil {
				return err
			}
			listed, err := client.Admin.ListBackups(cmd.Context(), &gv.ListBackupsRequest{})
			if err != nil {
				return err
			}
			if app.JSON {
				return writeJSONList(app.Stdout, listed.GetBackups())
			}
			return app.printBackups(listed.GetBackups()...)
		},
	}
}

func newBackupDeleteCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "delete BACKUP",
		Short: "Delete a backup (its id or backups/ID) and the files no other backup shares",
		Args:  exactArgs("BACKUP"),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[0]
			if !strings.HasPrefix(name, "backups/") {
				name = "backups/" + name
			}
			client, err := app.Client()
			if err != nil {
				return err
			}
			if _, err := client.Admin.DeleteBackup(cmd.Context(), &gv.DeleteBackupRequest{Name: name}); err != nil {
				return err
			}
			if app.JSON {
				return writeJSONLine(app.Stdout, &emptypb.Empty{})
			}
			fmt.Fprintf(app.Stdout, "deleted %s\n", name)
			return nil
		},
	}
}

func (a *App) printBackups(backups ...*gv.Backup) error {
	t := newTable(a.Stdout, "BACKUP", "CREATED", "SIZE", "SCHEMA", "STORE")
	for _, backup := range backups {
		t.row(lastSegment(backup.GetName()), when(backup.GetCreateTime()), byteSize(backup.GetSizeBytes()),
			fmt.Sprint(backup.GetSchemaVersion()), backup.GetStoreId())
	}
	return t.flush()
}

// byteSize is a size for people: "512 B", "3.2 MiB".
func byteSize(bytes int64) string {
	const unit = 1024
	if bytes < unit {
		return fmt.Sprintf("%d B", bytes)
	}
	value, prefix := float64(bytes)/unit, 0
	for value >= unit && prefix < 4 {
		value /= unit
		prefix++
	}
	return fmt.Sprintf("%.1f %ciB", value, "KMGTP"[prefix])
}
