package importing

import (
	"context"
	"fmt"

	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

// sendFeedback imports records with guestvoice.ImportFeedback, which sends
// again what the server refused for load; the server's idempotency by
// (source, external_id) makes a resent record "already present". A published
// reply becomes the case's public response.
func (im *Importer) sendFeedback(ctx context.Context, records []Record, counts *Counts) ([]error, error) {
	items := make([]*gv.Feedback, len(records))
	for i, record := range records {
		items[i] = record.Feedback
	}
	results, err := guestvoice.ImportFeedback(ctx, im.Client.Feedback, im.Parent, items)
	if err != nil {
		return nil, err
	}
	outcomes := make([]error, len(records))
	for i, result := range results {
		if outcome := status.FromProto(result.GetStatus()); outcome.Err() != nil {
			outcomes[i] = outcome.Err()
			continue
		}
		if err := im.count(ctx, records[i], result, counts); err != nil {
			return nil, err
		}
	}
	return outcomes, nil
}

// count adds a stored record's outcome to counts and sets its reply.
func (im *Importer) count(ctx context.Context, record Record, result *gv.ImportFeedbackResult, counts *Counts) error {
	switch {
	case result.GetDuplicate():
		counts.AlreadyPresent++
	case result.GetEdited():
		counts.Edited++
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
