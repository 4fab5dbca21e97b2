package demo

import (
	"context"
	"fmt"
	"hash/fnv"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

// itemsPerCall is how many items one ImportFeedback call carries: large
// enough that the call's round trip is nothing beside its items, small
// enough that a failure loses little and progress moves steadily.
const itemsPerCall = 2_000

// importFeedback generates the feedback and imports it over the plan's
// streams. One goroutine generates (the random draws have one order); each
// stream sends its batches in turn. All of a voice's posts go to one stream.
func (l *loader) importFeedback(ctx context.Context) (ingested, duplicates int64, err error) {
	streams := l.plan.options.Streams
	total := l.plan.options.Items
	batches := make([]chan []*gv.Feedback, streams)
	for i := range batches {
		batches[i] = make(chan []*gv.Feedback, 1) // generation stays a batch ahead
	}
	type outcome struct {
		ingested, duplicates int64
		err                  error
	}
	outcomes := make(chan outcome, streams)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for i := range streams {
		go func() {
			var o outcome
			for batch := range batches[i] {
				if o.err != nil {
					continue // drains, so generation never blocks
				}
				response, err := l.importBatch(ctx, batch)
				if err != nil {
					o.err = err
					cancel()
					continue
				}
				o.ingested += response.GetIngestedCount()
				o.duplicates += response.GetDuplicateCount()
				l.progress.add("feedback", len(batch), total)
			}
			outcomes <- o
		}()
	}

	generator := l.plan.feedback()
	pending := make([][]*gv.Feedback, streams)
	for n := 0; n < total && ctx.Err() == nil; n++ {
		p := generator.next()
		stream := streamOf(p.voice, streams)
		pending[stream] = append(pending[stream], p.feedback)
		if len(pending[stream]) == itemsPerCall {
			batches[stream] <- pending[stream]
			pending[stream] = nil
		}
	}
	for i, batch := range pending {
		if len(batch) > 0 && ctx.Err() == nil {
			batches[i] <- batch
		}
		close(batches[i])
	}
	for range streams {
		o := <-outcomes
		ingested += o.ingested
		duplicates += o.duplicates
		if err == nil {
			err = o.err
		}
	}
	if err == nil {
		err = ctx.Err()
	}
	return ingested, duplicates, err
}

// importBatch imports one batch in one call. A refused item is a bug of the
// demo, so it fails the load, naming the item and why.
func (l *loader) importBatch(ctx context.Context, batch []*gv.Feedback) (*gv.ImportFeedbackResponse, error) {
	stream, err := l.feedback.ImportFeedback(ctx)
	if err != nil {
		return nil, fmt.Errorf("demo: import: %w", err)
	}
	for _, item := range batch {
		if err := stream.Send(&gv.ImportFeedbackRequest{Parent: l.plan.options.Org, Feedback: item}); err != nil {
			break // the call failed; CloseAndRecv says why
		}
	}
	response, err := stream.CloseAndRecv()
	if err != nil {
		return nil, fmt.Errorf("demo: import: %w", err)
	}
	if response.GetFailedCount() > 0 {
		for _, r := range response.GetResults() {
			if r.GetStatus().GetCode() != 0 {
				item := batch[r.GetIndex()]
				return nil, fmt.Errorf("demo: import refused %s %q: %s", item.GetSource(), item.GetExternalId(), r.GetStatus().GetMessage())
			}
		}
	}
	return response, nil
}

func streamOf(voice string, streams int) int {
	h := fnv.New32a()
	h.Write([]byte(voice))
	return int(h.Sum32() % uint32(streams))
}
