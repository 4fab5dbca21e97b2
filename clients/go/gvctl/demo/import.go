package demo

import (
	"context"
	"fmt"
	"hash/fnv"

	"google.golang.org/grpc/codes"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

const (
	// itemsPerCall is how many items one ImportFeedback call carries: large
	// enough that the call's round trip is nothing beside its items, small
	// enough that a failure loses little and progress moves steadily.
	itemsPerCall = 2_000
	// caseWorkers is how many case updates of a batch run at once.
	caseWorkers = 4
)

// imported is what one stream did.
type imported struct {
	ingested, duplicates, casesHandled int64
	err                                error
}

// importFeedback generates the feedback and imports it over the plan's
// streams, then handles the cases of the batch's new complaints. One
// goroutine generates (the random draws have one order); each stream sends
// its batches in turn. All of a voice's posts go to one stream.
func (l *loader) importFeedback(ctx context.Context, result *Result) error {
	streams := l.plan.options.Streams
	total := l.plan.options.Items
	batches := make([]chan []post, streams)
	for i := range batches {
		batches[i] = make(chan []post, 1) // generation stays a batch ahead
	}
	outcomes := make(chan imported, streams)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	for i := range streams {
		go func() {
			var o imported
			for batch := range batches[i] {
				if o.err != nil {
					continue // drains, so generation never blocks
				}
				if o.err = l.importBatch(ctx, batch, &o); o.err != nil {
					cancel()
					continue
				}
				l.progress.add("feedback", len(batch), total)
			}
			outcomes <- o
		}()
	}

	generator := l.plan.feedback()
	pending := make([][]post, streams)
	for n := 0; n < total && ctx.Err() == nil; n++ {
		p := generator.next()
		stream := streamOf(p.voice, streams)
		pending[stream] = append(pending[stream], p)
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
	var err error
	for range streams {
		o := <-outcomes
		result.Ingested += o.ingested
		result.Duplicates += o.duplicates
		result.CasesHandled += o.casesHandled
		if err == nil {
			err = o.err
		}
	}
	if err == nil {
		err = ctx.Err()
	}
	return err
}

// importBatch imports one batch (guestvoice.ImportFeedback sends again what
// the server refused for load), then handles the cases of its newly stored
// complaints (an item imported before keeps the case it has).
// An item refused as stored already for another hotel was loaded before
// (with another End) and counts as a duplicate; any other refused item is a
// bug of the demo, so it fails the load, naming the item and why.
func (l *loader) importBatch(ctx context.Context, batch []post, o *imported) error {
	items := make([]*gv.Feedback, len(batch))
	for i, p := range batch {
		items[i] = p.feedback
	}
	results, err := guestvoice.ImportFeedback(ctx, l.feedback, l.plan.options.Org, items)
	if err != nil {
		return fmt.Errorf("demo: import: %w", err)
	}
	var handle []*gv.Feedback
	for i, r := range results {
		p := batch[i]
		switch {
		case r.GetStatus().GetCode() == int32(codes.AlreadyExists):
			// Its id is the seed's, stored by a load with another End
			// that planned it for another hotel: that load's item stands.
			o.duplicates++
		case r.GetStatus().GetCode() != 0:
			return fmt.Errorf("demo: import refused %s %q: %s", p.feedback.GetSource(), p.feedback.GetExternalId(), r.GetStatus().GetMessage())
		case r.GetDuplicate():
			o.duplicates++
		default:
			o.ingested++
			if p.handling != nil {
				handle = append(handle, &gv.Feedback{Name: r.GetFeedback(), Case: p.handling})
			}
		}
	}
	err = forEach(ctx, len(handle), caseWorkers, func(ctx context.Context, i int) error {
		if _, err := l.feedback.UpdateFeedback(ctx, &gv.UpdateFeedbackRequest{Feedback: handle[i]}); err != nil {
			return fmt.Errorf("demo: handle the case of %s: %w", handle[i].GetName(), err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	o.casesHandled += int64(len(handle))
	return nil
}

func streamOf(voice string, streams int) int {
	h := fnv.New32a()
	h.Write([]byte(voice))
	return int(h.Sum32() % uint32(streams))
}
