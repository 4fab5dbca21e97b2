package guestvoice

import (
	"context"
	"fmt"
	"time"

	"google.golang.org/grpc/status"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

// ImportFeedback imports items under parent through as many ImportFeedback
// calls as the server's limits need. A call refused as a whole, or items
// refused in its results, for a limit (LimitDelay: as many import streams
// open as allowed, a full write stage) stored nothing, and are sent again
// after the server's delay (LimitBackoff), so load slows an import down but
// does not fail its items. It returns one result per item in the items'
// order, Index being the item's: the last answer for each, which is still
// the refusal when the backoff gave up. The items must fit one call (the
// server's --max_import_items_per_stream, 10,000 by default).
func ImportFeedback(ctx context.Context, feedback gv.FeedbackServiceClient, parent string,
	items []*gv.Feedback) ([]*gv.ImportFeedbackResult, error) {
	results := make([]*gv.ImportFeedbackResult, len(items))
	pending := make([]int, len(items))
	for i := range pending {
		pending[i] = i
	}
	var backoff LimitBackoff
	for len(pending) > 0 {
		answered, err := importOnce(ctx, feedback, parent, items, pending)
		if delay, limited := LimitDelay(err); limited && backoff.Wait(ctx, delay) {
			continue
		}
		if err != nil {
			return nil, err
		}
		var refused []int
		var retryAfter time.Duration
		for k, result := range answered {
			i := pending[k]
			result.Index = int64(i)
			results[i] = result
			if delay, limited := LimitDelay(status.FromProto(result.GetStatus()).Err()); limited {
				refused = append(refused, i)
				retryAfter = max(retryAfter, delay)
			}
		}
		if len(refused) > 0 && !backoff.Wait(ctx, retryAfter) {
			break
		}
		pending = refused
	}
	return results, nil
}

// importOnce sends the items at indexes through one ImportFeedback call and
// returns their results, in that order.
func importOnce(ctx context.Context, feedback gv.FeedbackServiceClient, parent string,
	items []*gv.Feedback, indexes []int) ([]*gv.ImportFeedbackResult, error) {
	stream, err := feedback.ImportFeedback(ctx)
	if err != nil {
		return nil, err
	}
	for _, i := range indexes {
		if err := stream.Send(&gv.ImportFeedbackRequest{Parent: parent, Feedback: items[i]}); err != nil {
			break // CloseAndRecv returns the call's error
		}
	}
	response, err := stream.CloseAndRecv()
	if err != nil {
		return nil, err
	}
	answered := response.GetResults()
	if len(answered) != len(indexes) {
		return nil, fmt.Errorf("guestvoice: ImportFeedback answered %d of %d items", len(answered), len(indexes))
	}
	for k, result := range answered {
		if result.GetIndex() != int64(k) {
			return nil, fmt.Errorf("guestvoice: ImportFeedback answered item %d in place %d", result.GetIndex(), k)
		}
	}
	return answered, nil
}
