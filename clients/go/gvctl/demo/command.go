package demo

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
)

// Connection is what gvctl's connection flags, environment and profile
// describe: the server's client, opened on first use, and the organization
// addressed, `organizations/{org}`.
type Connection interface {
	Client() (*guestvoice.Client, error)
	Parent() string
}

// NewDemoCommand is `gvctl demo`, loading into conn's organization.
func NewDemoCommand(conn Connection) *cobra.Command {
	var o Options
	var end string
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Load a synthetic hotel chain with guests and feedback",
		Long: `Loads a realistic synthetic hotel chain through the API: hotels in several
countries and time zones, known guests with linked accounts, stays and
check-ins, and feedback in seven languages about every aspect. Three hotels
have a clear recent problem (street noise, wifi, a rude front desk) that
top issues and the report should find.

The same --seed (with --end fixed) gives the same data, and loading it again
adds nothing. A million items take about five minutes.`,
		Example: `  gvctl demo
  gvctl demo --items 1000000 --hotels 40 --seed 7`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if end != "" {
				t, err := time.Parse(time.RFC3339, end)
				if err != nil {
					return fmt.Errorf("--end: %w (use RFC 3339, for example 2026-11-30T00:00:00Z)", err)
				}
				o.End = t
			}
			o.Org = conn.Parent()
			if _, err := o.withDefaults(); err != nil {
				return err // before connecting: the flags alone are wrong
			}
			client, err := conn.Client()
			if err != nil {
				return err
			}
			defer client.Close()
			o.Progress = progressPrinter(cmd.ErrOrStderr())
			result, err := Load(cmd.Context(), client.Conn, o)
			if err != nil {
				return err
			}
			printResult(cmd.OutOrStdout(), result)
			return nil
		},
	}
	flags := cmd.Flags()
	flags.Uint64Var(&o.Seed, "seed", 1, "seed of the invented data")
	flags.IntVar(&o.Items, "items", 10_000, fmt.Sprintf("feedback items, %d to %d", MinItems, MaxItems))
	flags.IntVar(&o.Hotels, "hotels", 12, fmt.Sprintf("hotels, 1 to %d", MaxHotels))
	flags.IntVar(&o.Days, "days", 365, fmt.Sprintf("days of history, %d to %d", minDays, maxDays))
	flags.StringVar(&end, "end", "", "when the history ends, RFC 3339 (default: this hour)")
	flags.IntVar(&o.Streams, "streams", 2, "concurrent ImportFeedback streams")
	return cmd
}

// progressPrinter rewrites one line on a terminal and prints a line per
// tenth of each stage otherwise, so logs stay short.
func progressPrinter(w io.Writer) func(Progress) {
	terminal := false
	if f, ok := w.(*os.File); ok {
		if info, err := f.Stat(); err == nil {
			terminal = info.Mode()&os.ModeCharDevice != 0
		}
	}
	start := time.Now()
	lastTenth := map[string]int{}
	return func(p Progress) {
		line := fmt.Sprintf("%s: %d/%d (%.0f%%)", p.Stage, p.Done, p.Total, 100*float64(p.Done)/float64(p.Total))
		if p.Stage == "feedback" {
			if elapsed := time.Since(start).Seconds(); elapsed > 0 {
				line += fmt.Sprintf(", %.0f items/s", float64(p.Done)/elapsed)
			}
		} else {
			start = time.Now() // feedback's rate counts from its own start
		}
		switch {
		case terminal:
			end := ""
			if p.Done == p.Total {
				end = "\n"
			}
			fmt.Fprintf(w, "\r\033[K%s%s", line, end)
		case p.Done*10/p.Total > lastTenth[p.Stage] || p.Done == p.Total:
			lastTenth[p.Stage] = p.Done * 10 / p.Total
			fmt.Fprintln(w, line)
		}
	}
}

func printResult(w io.Writer, r Result) {
	fmt.Fprintf(w, "Loaded %d hotels, %d guests (%d stays, %d check-ins), %d feedback items (%d already there, %d complaints handled).\n",
		len(r.Hotels), r.Guests, r.Stays, r.CheckIns, r.Ingested, r.Duplicates, r.CasesHandled)
	fmt.Fprintln(w, "Hotels with a problem guests have complained about lately:")
	for _, h := range r.Hotels {
		if h.Problem != "" {
			fmt.Fprintf(w, "  %-32s %-16s %s\n", h.DisplayName, h.Problem, h.Name)
		}
	}
}
