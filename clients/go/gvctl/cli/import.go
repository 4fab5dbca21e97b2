package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
	"github.com/guestvoice/guestvoice/clients/go/gvctl/importing"
)

func newImportCommand(app *App) *cobra.Command {
	var (
		format, mappingPath, hotel, columns, source, guest string
		dateOrder, timeZone                                string
		checkpointPath, reportPath                         string
		batchSize                                          int
		ratingMin, ratingMax                               float64
		restart, amendBookings                             bool
	)
	var formats strings.Builder
	for _, name := range importing.FormatNames() {
		fmt.Fprintf(&formats, "  %-12s %s\n", name, importing.Formats[name].Description)
	}
	cmd := &cobra.Command{
		Use:   "import FILE --format FORMAT [--hotels MAPPING | --hotel HOTEL]",
		Short: "Import reviews, posts, check-ins or PMS stays from an export file",
		Long: `Imports a file in batches (--batch-size) with a progress bar on a terminal and
progress lines otherwise, then prints the outcome: ingested, already present,
edited (a later edit at the source of an item stored before: Google's
updateTime, an edited X post, a CSV edit_time), skipped and rejected by
reason. Every rejected record is written with its
line and the problem to the error report (FILE.errors.jsonl, --errors). After
each batch a checkpoint (FILE.gvctl-checkpoint) records how far the import
got: run the same command again after an interruption and it resumes there;
the server never counts an item twice. docs/import.md maps each format's
fields.

Formats:
` + formats.String() + `
Records are tied to hotels through a mapping file (--hotels, YAML lines of
"source place id: hotel id") or, for a file about one hotel, --hotel.`,
		Example: `  gvctl import reviews.json --format google --hotels hotels.yaml
  gvctl import tweets.json --format twitter --hotel lisbon-riverside
  gvctl import survey.csv --format csv --source survey --hotel lisbon-riverside --map text=comment,external_id=response_id
  gvctl import booking.csv --format csv --source booking --hotel lisbon-riverside --rating-max 10 \
    --map "external_id=Review ID,post_time=Review date,author=Reservation number,author_name=Guest name,text=Positive review+Negative review,rating=Review score"
  gvctl import bookings.csv --format pms --hotels properties.yaml
  gvctl import checkins.json --format foursquare --guest GUEST --hotels venues.yaml`,
		Args: exactArgs("FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			chosen, ok := importing.Formats[format]
			if !ok {
				return usagef("unknown --format %q: use one of %s", format, strings.Join(importing.FormatNames(), ", "))
			}
			options := importing.Options{Source: gv.Source_SOURCE_OTHER}
			if source != "" {
				parsed, err := importing.ParseSource(source)
				if err != nil {
					return usagef("--source: %v", err)
				}
				options.Source = parsed
			}
			bottom := 1.0
			if cmd.Flags().Changed("rating-min") {
				bottom, options.RatingMin = ratingMin, &ratingMin
			}
			if ratingMax != 0 && ratingMax <= bottom {
				return usagef("--rating-max %g: the top of a scale that starts at %g", ratingMax, bottom)
			}
			if ratingMax == 0 && bottom >= 5 {
				return usagef("--rating-min %g: the bottom of a scale whose top is 5 (give --rating-max)", bottom)
			}
			options.RatingMax = ratingMax
			if dateOrder != "" {
				parsed, err := importing.ParseDateOrder(dateOrder)
				if err != nil {
					return usagef("--date-order %v", err)
				}
				options.DateOrder = parsed
			}
			if timeZone != "" && format != "csv" && format != "booking" {
				return usagef("--time-zone: only csv and booking files write times without a zone, not %s", format)
			}
			if timeZone != "" {
				location, err := time.LoadLocation(timeZone)
				if err != nil || timeZone == "Local" {
					return usagef("--time-zone %q is not an IANA time zone such as UTC or Europe/Lisbon", timeZone)
				}
				options.TimeZone = location
			}
			if columns != "" {
				options.Columns = map[string]string{}
				for _, pair := range strings.Split(columns, ",") {
					field, column, ok := strings.Cut(pair, "=")
					if !ok || field == "" || column == "" {
						return usagef("--map wants FIELD=COLUMN pairs separated by commas, not %q", pair)
					}
					options.Columns[strings.TrimSpace(field)] = strings.TrimSpace(column)
				}
			}
			if chosen.Kind == importing.KindCheckIn && guest == "" {
				return usagef("--format %s needs --guest: the guest whose check-ins these are", format)
			}
			input, err := os.Stat(args[0])
			if err != nil {
				return fmt.Errorf("cannot read %s: %w", args[0], errors.Unwrap(err))
			}
			mapping, err := importing.LoadHotelMapping(mappingPath, hotel)
			if err != nil {
				return err
			}
			checkpoint := checkpointPath
			if checkpoint == "" {
				checkpoint = importing.CheckpointPathFor(args[0])
			}
			if restart {
				if err := os.Remove(checkpoint); err != nil && !os.IsNotExist(err) {
					return err
				}
			}
			client, err := app.Client()
			if err != nil {
				return err
			}
			importer := &importing.Importer{
				Client: client, Parent: app.Parent(), Format: chosen, Options: options, Hotels: mapping,
				Guest: guestName(app, guest), Path: args[0], CheckpointPath: checkpoint, ReportPath: reportPath,
				BatchSize: batchSize, Progress: importing.NewProgress(app.Stderr, isTerminal(app.Stderr), input.Size()),
				AmendBookings: amendBookings,
			}
			result, err := importer.Run(cmd.Context())
			var fileErr *importing.FileError
			switch {
			case err != nil && cmd.Context().Err() != nil:
				return exitError{ExitInterrupted, fmt.Errorf("interrupted after %d records: %s", result.Counts.Total(), resumeHint(checkpoint))}
			case err != nil && result.Counts.Total() > 0 && errors.As(err, &fileErr):
				// The file stopped being readable (an unclosed quote): what
				// came before it was answered, and the error says what was not.
				if printErr := app.printImportResult(result, importer.ReportPath); printErr != nil {
					return printErr
				}
				return err
			case err != nil && result.Counts.Total() > 0:
				return fmt.Errorf("%w\n%d records were answered before it stopped: %s", err, result.Counts.Total(), resumeHint(checkpoint))
			case err != nil:
				return err
			}
			if err := app.printImportResult(result, importer.ReportPath); err != nil {
				return err
			}
			if result.Counts.ReportedTotal() > 0 {
				return exitError{ExitPartial, fmt.Errorf("%s: see %s for each line and its problem", describeReported(result.Counts), importer.ReportPath)}
			}
			return nil
		},
	}
	flags := cmd.Flags()
	flags.StringVar(&format, "format", "", "input format: "+strings.Join(importing.FormatNames(), ", "))
	flags.StringVar(&mappingPath, "hotels", "", "hotel mapping file: YAML of `source place id: hotel id`")
	flags.StringVar(&hotel, "hotel", "", "hotel id of records that name no place (or of every record when there is no mapping)")
	flags.StringVar(&columns, "map", "", "CSV columns: FIELD=COLUMN,... (csv and pms formats); text=A+B joins several")
	flags.StringVar(&source, "source", "", "source of csv rows without a source column (default other)")
	flags.Float64Var(&ratingMin, "rating-min", 1, "bottom of the rating scale of csv rows without a rating_min column, such as 0 for a 0-10 survey score")
	flags.Float64Var(&ratingMax, "rating-max", 0, "top of the rating scale of csv rows without a rating_max column, such as 10 for Booking.com (default 5)")
	flags.StringVar(&dateOrder, "date-order", "", "how csv and pms files write dates with slashes: DMY (31/01/2026) or MDY (01/31/2026)")
	flags.StringVar(&timeZone, "time-zone", "", "IANA zone of csv and booking times written without one, such as UTC (default: each hotel's zone for csv, UTC for booking)")
	flags.StringVar(&guest, "guest", "", "guest id or name whose check-ins a foursquare export holds")
	flags.StringVar(&checkpointPath, "checkpoint", "", "checkpoint file (default FILE.gvctl-checkpoint)")
	flags.StringVar(&reportPath, "errors", "", "error report file, JSON lines (default FILE.errors.jsonl)")
	flags.IntVar(&batchSize, "batch-size", importing.DefaultBatchSize, "records sent between two checkpoints")
	flags.BoolVar(&restart, "restart", false, "ignore an earlier interrupted import's checkpoint and start over")
	flags.BoolVar(&amendBookings, "amend-bookings", false, "pms: amend a recorded booking whose row differs to the row's hotel, arrival, nights and spend (the file is the newer account)")
	_ = cmd.MarkFlagRequired("format")
	return cmd
}

// guestName accepts a guest id or its full resource name ("" stays "").
func guestName(app *App, guest string) string {
	if guest == "" {
		return ""
	}
	return app.resourceName("guests", guest)
}

func (a *App) printImportResult(result importing.Result, reportPath string) error {
	if a.JSON {
		return json.NewEncoder(a.Stdout).Encode(struct {
			importing.Counts
			Resumed     int    `json:"resumed_after"`
			ErrorReport string `json:"error_report,omitempty"`
		}{result.Counts, result.Resumed, reportIfAny(result.Counts, reportPath)})
	}
	if result.Resumed > 0 {
		fmt.Fprintf(a.Stdout, "resumed after record %d\n", result.Resumed)
	}
	result.Counts.WriteSummary(a.Stdout)
	return nil
}

// describeReported says what the error report holds: records rejected,
// and items stored whose reply was refused.
func describeReported(counts importing.Counts) string {
	var parts []string
	if rejected := counts.RejectedTotal(); rejected > 0 {
		parts = append(parts, fmt.Sprintf("%d records were rejected", rejected))
	}
	if counts.RepliesRefused > 0 {
		parts = append(parts, fmt.Sprintf("%d were stored without their reply", counts.RepliesRefused))
	}
	return strings.Join(parts, " and ")
}

// resumeHint says how to go on after an import stopped: from its
// checkpoint, or from the start when it stopped before writing one.
func resumeHint(checkpoint string) string {
	if _, err := os.Stat(checkpoint); err != nil {
		return "no batch was finished, so nothing was checkpointed: run the same command again to start over"
	}
	return fmt.Sprintf("run the same command again to resume (checkpoint %s)", checkpoint)
}

func reportIfAny(counts importing.Counts, path string) string {
	if counts.ReportedTotal() == 0 {
		return ""
	}
	return path
}

// isTerminal tells a person's terminal from a file or pipe.
func isTerminal(w io.Writer) bool {
	file, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := file.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
