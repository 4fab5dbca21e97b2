package importing

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
)

// DefaultBatchSize is how many records go to the server between two
// checkpoints: an interrupted import sends at most this many again (the
// server counts none of them twice).
const DefaultBatchSize = 500

// Importer sends one file's records to the server.
type Importer struct {
	Client *guestvoice.Client
	Parent string // organizations/{organization}
	Format Format
	// Options are the format's own (CSV column mapping, source).
	Options Options
	Hotels  *HotelMapping
	// Guest is whose check-ins a check-in export holds (a guest's name).
	Guest string
	// Path is the input file; CheckpointPath and ReportPath sit beside it
	// unless set.
	Path           string
	CheckpointPath string
	ReportPath     string
	BatchSize      int
	Progress       *Progress
	// AmendBookings: a PMS booking recorded before whose row differs is
	// amended to the row (UpdateStay) rather than reported as
	// BOOKING_CHANGED (--amend-bookings).
	AmendBookings bool

	// zones caches the hotels' time zones (zoneOf).
	zones map[string]hotelZone
	// listingRefused: the server refused a List call this run (noteListing).
	listingRefused bool
	// bookings holds each booking reference's first row in the file
	// (noteBookingRow), so that a file listing one booking twice amends it at
	// most once; kept in the checkpoint.
	bookings map[string]string
}

// CheckpointPathFor and ReportPathFor are the defaults beside the input.
func CheckpointPathFor(input string) string { return input + ".gvctl-checkpoint" }
func ReportPathFor(input string) string     { return input + ".errors.jsonl" }

// Result is what Run did.
type Result struct {
	Counts Counts
	// Resumed is the number of records an earlier, interrupted run had
	// already sent; they were skipped.
	Resumed int
}

// batch is the records read since the last checkpoint.
type batch struct {
	records []Record
	// end is the number of records read up to the batch's last one.
	end int
}

// Run imports the file. Interrupted (ctx cancelled, the server gone), it
// leaves a checkpoint; run again, it skips what was sent and goes on.
func (im *Importer) Run(ctx context.Context) (Result, error) {
	if im.CheckpointPath == "" {
		im.CheckpointPath = CheckpointPathFor(im.Path)
	}
	if im.ReportPath == "" {
		im.ReportPath = ReportPathFor(im.Path)
	}
	if im.BatchSize <= 0 {
		im.BatchSize = DefaultBatchSize
	}
	info, err := os.Stat(im.Path)
	if err != nil {
		return Result{}, err
	}
	checkpoint, result, err := im.resume(info.Size())
	if err != nil {
		return Result{}, err
	}
	im.bookings = checkpoint.Bookings
	file, err := os.Open(im.Path)
	if err != nil {
		return Result{}, err
	}
	defer file.Close()
	input := &countingReader{r: file}
	report := &errorReport{path: im.ReportPath}
	defer report.close()

	current := batch{}
	read := 0
	var failure error
	commit := func() error {
		if err := im.send(ctx, current.records, &result.Counts, report); err != nil {
			return err
		}
		if err := report.sync(); err != nil {
			return err
		}
		checkpoint.Done, checkpoint.Counts, checkpoint.Bookings = current.end, result.Counts, im.bookings
		if err := checkpoint.save(im.CheckpointPath); err != nil {
			return fmt.Errorf("checkpoint: %w", err)
		}
		im.Progress.Update(result.Counts.Total(), input.n)
		current = batch{}
		return nil
	}
	readErr := im.Format.Read(input, im.Options, func(record Record) bool {
		read++
		if read <= result.Resumed {
			return true
		}
		if err := ctx.Err(); err != nil {
			failure = err
			return false
		}
		current.records = append(current.records, record)
		current.end = read
		if len(current.records) >= im.BatchSize {
			failure = commit()
		}
		return failure == nil
	})
	// What was read before a read error is answered too, so that the
	// error's "the rest of the file" is all that was not imported.
	if failure == nil && len(current.records) > 0 {
		failure = commit()
	}
	im.Progress.Done()
	if failure != nil {
		return result, failure
	}
	if readErr != nil {
		var fileErr *FileError
		if errors.As(readErr, &fileErr) {
			fileErr.Path = im.Path
			return result, fileErr
		}
		return result, fmt.Errorf("%s: %w", im.Path, readErr)
	}
	if read < result.Resumed {
		return result, fmt.Errorf("%s has %d records, but the checkpoint says %d were sent: delete %s to start over",
			im.Path, read, result.Resumed, im.CheckpointPath)
	}
	if err := os.Remove(im.CheckpointPath); err != nil && !os.IsNotExist(err) {
		return result, err
	}
	return result, nil
}

// resume picks up an interrupted import of the same file from its
// checkpoint, or starts afresh with a new checkpoint and no error report.
func (im *Importer) resume(fileSize int64) (*Checkpoint, Result, error) {
	checkpoint, err := loadCheckpoint(im.CheckpointPath)
	if err != nil {
		return nil, Result{}, err
	}
	if checkpoint == nil {
		// The rejections of an earlier, finished import are stale.
		if err := os.Remove(im.ReportPath); err != nil && !os.IsNotExist(err) {
			return nil, Result{}, err
		}
		return &Checkpoint{Format: im.Format.Name, FileSize: fileSize, TimeZone: im.timeZoneName()}, Result{}, nil
	}
	if checkpoint.Format != im.Format.Name || checkpoint.FileSize != fileSize {
		return nil, Result{}, fmt.Errorf("%s is from an import of another file or format (%s, %d bytes): "+
			"delete it to import %s from the start", im.CheckpointPath, checkpoint.Format, checkpoint.FileSize, im.Path)
	}
	if checkpoint.TimeZone != im.timeZoneName() {
		return nil, Result{}, fmt.Errorf("%s is from an import with %s: resume it with the same, "+
			"or its items would be read in two zones (or delete it to import %s from the start)",
			im.CheckpointPath, describeTimeZone(checkpoint.TimeZone), im.Path)
	}
	return checkpoint, Result{Counts: checkpoint.Counts, Resumed: checkpoint.Done}, nil
}

// timeZoneName is --time-zone's zone, "" without it.
func (im *Importer) timeZoneName() string {
	if im.Options.TimeZone == nil {
		return ""
	}
	return im.Options.TimeZone.String()
}

// describeTimeZone names a checkpoint's zone as the flag that gave it.
func describeTimeZone(name string) string {
	if name == "" {
		return "no --time-zone (each hotel's zone)"
	}
	return "--time-zone " + name
}

// send gives the server a batch and counts each record's outcome.
func (im *Importer) send(ctx context.Context, records []Record, counts *Counts, report *errorReport) error {
	note := func(record Record, reason, message string, fields map[string]string) error {
		return report.add(Rejection{File: im.Path, Line: record.Line, Reason: reason, Message: message, Fields: fields})
	}
	reject := func(record Record, reason, message string, fields map[string]string) error {
		counts.reject(reason)
		return note(record, reason, message, fields)
	}
	var ready []Record
	for _, record := range records {
		if record.Skipped != "" {
			counts.skip(record.Skipped)
			continue
		}
		if record.Problem != nil {
			if err := reject(record, ReasonUnreadable, record.Problem.Error(), nil); err != nil {
				return err
			}
			continue
		}
		hotel, err := record.Hotel, error(nil)
		if hotel == "" {
			hotel, err = im.Hotels.Hotel(record.Venue)
		}
		if err != nil && record.SkipIfUnmapped != "" {
			counts.skip(record.SkipIfUnmapped)
			continue
		}
		if err != nil {
			if err := reject(record, ReasonHotelNotMapped, err.Error(), nil); err != nil {
				return err
			}
			continue
		}
		hotel = im.Parent + "/hotels/" + hotel
		if record.PostLocal.IsSet() || record.EditLocal.IsSet() {
			if err := im.placeLocal(ctx, record, hotel); err != nil {
				if stopsImport(err) {
					return err
				}
				reason, message := zoneProblem(hotel, err)
				if err := reject(record, reason, message, nil); err != nil {
					return err
				}
				continue
			}
		}
		ready = append(ready, im.withHotel(record, hotel))
	}
	if len(ready) == 0 {
		return nil
	}
	var outcomes []error
	var err error
	switch im.Format.Kind {
	case KindFeedback:
		outcomes, err = im.sendFeedback(ctx, ready, counts)
	case KindCheckIn:
		outcomes, err = im.each(ctx, ready, counts, im.recordCheckIn)
	case KindStay:
		outcomes, err = im.each(ctx, ready, counts, im.recordStay)
	}
	if err != nil {
		return err
	}
	for i, outcome := range outcomes {
		if outcome == nil {
			continue
		}
		var local *rejection
		var reply *replyRefused
		switch {
		case errors.As(outcome, &local):
			err = reject(ready[i], local.reason, local.message, nil)
		case errors.As(outcome, &reply):
			// Stored, and counted as such: only the reply is not.
			counts.RepliesRefused++
			details := guestvoice.Details(reply.err)
			err = note(ready[i], serverReason(details), "the item is stored, but its reply was refused: "+details.Message, details.FieldViolations())
		default:
			details := guestvoice.Details(outcome)
			err = reject(ready[i], serverReason(details), details.Message, details.FieldViolations())
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// serverReason is the reason a server's refusal gives (its ErrorInfo), or
// its status code when it gives none.
func serverReason(details guestvoice.ErrorDetails) string {
	if reason := details.Reason(); reason != "" {
		return reason
	}
	return details.Code.String()
}

func (im *Importer) withHotel(record Record, hotel string) Record {
	switch {
	case record.Feedback != nil:
		record.Feedback.Hotel = hotel
	case record.CheckIn != nil:
		record.CheckIn.Hotel = hotel
	case record.Stay != nil:
		record.Stay.Stay.Hotel = hotel
	}
	return record
}

// stopsImport tells a failure of the connection or the key, which stops the
// import (to be resumed), from a refusal of one record.
func stopsImport(err error) bool {
	switch status.Code(err) {
	case codes.Unavailable, codes.Unauthenticated, codes.PermissionDenied, codes.Canceled,
		codes.DeadlineExceeded, codes.ResourceExhausted, codes.Unimplemented, codes.Internal:
		return true
	}
	return false
}

// sent is what became of a record sent on its own, when the server did not
// refuse it.
type sent struct {
	// alreadyPresent: stored before; nothing changed.
	alreadyPresent bool
	// edited: stored before, and changed to what the record says now.
	edited bool
	// skipped is a Skip reason, or "" when the record was stored.
	skipped string
}

// each sends records one call at a time and counts what became of them;
// the non-nil outcomes are refusals.
func (im *Importer) each(ctx context.Context, records []Record, counts *Counts,
	call func(context.Context, Record) (sent, error)) ([]error, error) {
	outcomes := make([]error, len(records))
	for i, record := range records {
		result, err := call(ctx, record)
		if err != nil && stopsImport(err) {
			return nil, err
		}
		switch {
		case err != nil:
			outcomes[i] = err
		case result.skipped != "":
			counts.skip(result.skipped)
		case result.alreadyPresent:
			counts.AlreadyPresent++
		case result.edited:
			counts.Edited++
		default:
			counts.Ingested++
		}
	}
	return outcomes, nil
}

// countingReader counts the bytes read, for progress.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
