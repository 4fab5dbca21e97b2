package importing

import (
	"context"
	"fmt"
	"time"

	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

// sendFeedback streams records through ImportFeedback calls; the server's
// idempotency by (source, external_id) makes a resent record "already
// present". A record the server refused for a limit (RESOURCE_EXHAUSTED with
// a RetryInfo: its write stage was full) was not stored, and neither was a
// call refused as a whole (as many import streams open as allowed): both are
// sent again after the server's delay (guestvoice.LimitBackoff), so load
// never turns into rejected records. A published reply becomes the case's
// public response.
func (im *Importer) sendFeedback(ctx context.Context, records []Record, counts *Counts) ([]error, error) {
	outcomes := make([]error, len(records))
	pending := make([]int, len(records))
	for i := range pending {
		pending[i] = i
	}
	var backoff guestvoice.LimitBackoff
	for len(pending) > 0 {
		results, err := im.importOnce(ctx, records, pending)
		if delay, limited := guestvoice.LimitDelay(err); limited && backoff.Wait(ctx, delay) {
			continue
		}
		if err != nil {
			return nil, err
		}
		var refused []int
		var retryAfter time.Duration
		for k, result := range results {
			i := pending[k]
			if outcome := status.FromProto(result.GetStatus()); outcome.Err() != nil {
				if delay, limited := guestvoice.LimitDelay(outcome.Err()); limited {
					refused = append(refused, i)
					retryAfter = max(retryAfter, delay)
				}
				outcomes[i] = outcome.Err()
				continue
			}
			outcomes[i] = nil // stored on this attempt, whatever an earlier one said
			if err := im.count(ctx, records[i], result, counts); err != nil {
				return nil, err
			}
		}
		if len(refused) > 0 && !backoff.Wait(ctx, retryAfter) {
			break // the refused records stay rejected, with the server's reason
		}
		pending = refused
	}
	return outcomes, nil
}

// importOnce sends the records at indexes through one ImportFeedback call
// and returns their results, in order.
func (im *Importer) importOnce(ctx context.Context, records []Record, indexes []int) ([]*gv.ImportFeedbackResult, error) {
	stream, err := im.Client.Feedback.ImportFeedback(ctx)
	if err != nil {
		return nil, err
	}
	for _, i := range indexes {
		if err := stream.Send(&gv.ImportFeedbackRequest{Parent: im.Parent, Feedback: records[i].Feedback}); err != nil {
			break // CloseAndRecv returns the call's error
		}
	}
	response, err := stream.CloseAndRecv()
	if err != nil {
		return nil, err
	}
	if len(response.GetResults()) != len(indexes) {
		return nil, fmt.Errorf("the server answered %d of %d records", len(response.GetResults()), len(indexes))
	}
	return response.GetResults(), nil
}

// count adds a stored record's outcome to counts and sets its reply.
func (im *Importer) count(ctx context.Context, record Record, result *gv.ImportFeedbackResult, counts *Counts) error {
	switch {
	case result.GetDuplicate():
		counts.AlreadyPresent++
	case result.GetRepeat():
		counts.Ingested++
		counts.Repeats++
	default:
		counts.Ingested++
	}
	if reply := record.PublicResponse; reply != "" {
		if _, err := im.Client.Feedback.UpdateFeedback(ctx, &gv.UpdateFeedbackRequest{
			Feedback:   &gv.Feedback{Name: result.GetFeedback(), Case: &gv.FeedbackCase{PublicResponse: reply}},
			UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"case.public_response"}},
		}); err != nil {
			return fmt.Errorf("line %d: setting the public response: %w", record.Line, err)
		}
	}
	return nil
}
