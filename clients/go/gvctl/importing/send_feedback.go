package importing

import (
	"context"
	"fmt"

	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

// sendFeedback streams records through one ImportFeedback call; the
// server's idempotency by (source, external_id) makes a resent record
// "already present". A published reply becomes the case's public response.
func (im *Importer) sendFeedback(ctx context.Context, records []Record, counts *Counts) ([]error, error) {
	stream, err := im.Client.Feedback.ImportFeedback(ctx)
	if err != nil {
		return nil, err
	}
	for _, record := range records {
		if err := stream.Send(&gv.ImportFeedbackRequest{Parent: im.Parent, Feedback: record.Feedback}); err != nil {
			break // CloseAndRecv returns the call's error
		}
	}
	response, err := stream.CloseAndRecv()
	if err != nil {
		return nil, err
	}
	if len(response.GetResults()) != len(records) {
		return nil, fmt.Errorf("the server answered %d of %d records", len(response.GetResults()), len(records))
	}
	outcomes := make([]error, len(records))
	for i, result := range response.GetResults() {
		if outcome := status.FromProto(result.GetStatus()); outcome.Err() != nil {
			outcomes[i] = outcome.Err()
			continue
		}
		switch {
		case result.GetDuplicate():
			counts.AlreadyPresent++
		case result.GetRepeat():
			counts.Ingested++
			counts.Repeats++
		default:
			counts.Ingested++
		}
		if reply := records[i].PublicResponse; reply != "" {
			if _, err := im.Client.Feedback.UpdateFeedback(ctx, &gv.UpdateFeedbackRequest{
				Feedback:   &gv.Feedback{Name: result.GetFeedback(), Case: &gv.FeedbackCase{PublicResponse: reply}},
				UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"case.public_response"}},
			}); err != nil {
				return nil, fmt.Errorf("line %d: setting the public response: %w", records[i].Line, err)
			}
		}
	}
	return outcomes, nil
}
