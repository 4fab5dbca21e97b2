package importing

import (
	"context"

	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

// sendFeedback imports records with guestvoice.ImportFeedback, which sends
// again what the server refused for load; the server's idempotency by
// (source, external_id) makes a resent record "already present". A published
// reply becomes the case's public response. Texts are sent as plainText.
func (im *Importer) sendFeedback(ctx context.Context, records []Record, counts *Counts) ([]error, error) {
	items := make([]*gv.Feedback, len(records))
	for i, record := range records {
		record.Feedback.Text = plainText(record.Feedback.GetText())
		if author := record.Feedback.GetAuthor(); author != nil {
			author.DisplayName = plainText(author.GetDisplayName())
		}
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
		countStored(result, counts)
		if err := im.setReply(ctx, records[i], result.GetFeedback()); err != nil {
			if stopsImport(err) {
				return nil, err
			}
			outcomes[i] = &replyRefused{err}
		}
	}
	return outcomes, nil
}

// countStored adds a stored record's outcome to counts.
func countStored(result *gv.ImportFeedbackResult, counts *Counts) {
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
}

// setReply makes the record's published reply, if it has one, the public
// response of the stored item's case. It is a call of its own after the
// item is stored, so the server's refusal of the reply (one longer than a
// case's note may be) leaves the item stored.
func (im *Importer) setReply(ctx context.Context, record Record, feedback string) error {
	if record.PublicResponse == "" {
		return nil
	}
	_, err := im.Client.Feedback.UpdateFeedback(ctx, &gv.UpdateFeedbackRequest{
		Feedback:   &gv.Feedback{Name: feedback, Case: &gv.FeedbackCase{PublicResponse: plainText(record.PublicResponse)}},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"case.public_response"}},
	})
	return err
}

// replyRefused is the outcome of a record stored whose reply the server
// refused: the item counts as what it is (ingested, already present,
// edited), and the refusal goes to the error report.
type replyRefused struct{ err error }

func (r *replyRefused) Error() string {
	return "the item is stored, but its reply was refused: " + r.err.Error()
}
