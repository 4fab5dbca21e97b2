package report

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
)

const dateLayout = "2006-01-02"

// Connection is what gvctl's connection flags, environment and profile
// describe: the server's client, opened on first use, and the organization
// addressed, `organizations/{org}`.
type Connection interface {
	Client() (*guestvoice.Client, error)
	Parent() string
}

// NewReportCommand is `gvctl report`, on conn's organization.
func NewReportCommand(conn Connection) *cobra.Command {
	var hotel, from, to, out string
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Write an HTML report for a hotel or the whole chain",
		Long: `Writes one self-contained HTML file for a hotel (--hotel) or the whole chain
over an interval of days: headline voice figures with their change since the
previous interval of equal length, a sentiment trend, sentiment per aspect,
top issues with what guests said, the hotel ranking, sentiment per loyalty
tier and the open items that need attention. Charts are inline SVG; the file
loads nothing when opened, so it can be mailed or archived as it is.

Each hotel counts the whole local days from --from to --to. The key needs
SCOPE_INSIGHTS_READ.`,
		Example: `  gvctl report --out chain.html
  gvctl report --hotel lisbon-central --from 2026-11-01 --to 2026-11-30 --out lisbon.html`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			request, err := newRequest(conn.Parent(), hotel, from, to, time.Now())
			if err != nil {
				return err
			}
			client, err := conn.Client()
			if err != nil {
				return err
			}
			defer client.Close()
			data, err := Gather(cmd.Context(), client.Conn, request)
			if err != nil {
				return err
			}
			if err := writeFile(out, data); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Wrote %s (%s, %s).\n", out, data.Title, dateRange(request.Start, request.End))
			return nil
		},
	}
	flags := cmd.Flags()
	flags.StringVar(&hotel, "hotel", "", "hotel id or name, organizations/{org}/hotels/{hotel} (default: the whole chain)")
	flags.StringVar(&from, "from", "", "first day, YYYY-MM-DD (default: 29 days before --to)")
	flags.StringVar(&to, "to", "", "last day, YYYY-MM-DD (default: today, UTC)")
	flags.StringVarP(&out, "out", "o", "guestvoice-report.html", "file to write")
	return cmd
}

// newRequest turns the flags into a Request: days from..to, both included.
func newRequest(org, hotel, from, to string, now time.Time) (Request, error) {
	last := now.UTC().Truncate(24 * time.Hour)
	if to != "" {
		var err error
		if last, err = time.Parse(dateLayout, to); err != nil {
			return Request{}, fmt.Errorf("--to %q: not a date, use YYYY-MM-DD", to)
		}
	}
	first := last.AddDate(0, 0, -29)
	if from != "" {
		var err error
		if first, err = time.Parse(dateLayout, from); err != nil {
			return Request{}, fmt.Errorf("--from %q: not a date, use YYYY-MM-DD", from)
		}
	}
	if last.Before(first) {
		return Request{}, fmt.Errorf("--from %s is after --to %s", first.Format(dateLayout), last.Format(dateLayout))
	}
	if hotel != "" && !strings.Contains(hotel, "/") {
		hotel = org + "/hotels/" + hotel
	}
	return Request{Org: org, Hotel: hotel, Start: first, End: last.AddDate(0, 0, 1)}, nil
}

// writeFile renders into a temporary file next to path and renames it, so
// path is never left half-written.
func writeFile(path string, d *Data) error {
	temp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	defer os.Remove(temp.Name()) // after a successful rename there is nothing to remove
	if err := Render(temp, d); err != nil {
		temp.Close()
		return fmt.Errorf("report: render %s: %w", path, err)
	}
	if err := temp.Close(); err != nil {
		return fmt.Errorf("report: write %s: %w", path, err)
	}
	if err := os.Chmod(temp.Name(), 0o644); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := os.Rename(temp.Name(), path); err != nil {
		return fmt.Errorf("report: write %s: %w", path, err)
	}
	return nil
}
