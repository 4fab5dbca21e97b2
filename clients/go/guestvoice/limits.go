package guestvoice

import (
	"context"
	"math/rand/v2"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// maxLimitedWait bounds how long one piece of work waits in all while the
// server keeps refusing it for a limit, so a server that never admits it
// cannot hold a caller whose context has no deadline for ever.
const maxLimitedWait = time.Minute

// maxLimitedSpread bounds the random part of a wait (LimitBackoff.Wait).
const maxLimitedSpread = time.Second

// LimitDelay tells a refusal for a limit, RESOURCE_EXHAUSTED with a
// google.rpc.RetryInfo, and returns the delay it asks for. guestvoice answers
// it before doing anything (a key's rate limit, a full write stage, as many
// ImportFeedback streams as allowed), so sending the same request again is
// safe for every method.
func LimitDelay(err error) (time.Duration, bool) {
	s, ok := status.FromError(err)
	if !ok || s.Code() != codes.ResourceExhausted {
		return 0, false
	}
	for _, detail := range s.Details() {
		if info, ok := detail.(*errdetails.RetryInfo); ok && info.GetRetryDelay() != nil {
			return info.GetRetryDelay().AsDuration(), true
		}
	}
	return 0, false
}

// LimitBackoff waits out the refusals of one piece of work (a call, a batch).
// The zero value is ready.
type LimitBackoff struct {
	refusals int
	waited   time.Duration
}

// Wait sleeps after a refusal that asked for delay, and reports whether to
// try again. It waits at least delay. That delay is when the server can take
// one more call, so callers refused together would all come back together
// and all but one be refused again: each wait adds a random part that doubles
// with every refusal (up to maxLimitedSpread), as exponential backoff with
// jitter does. It returns false at once when the context's deadline or a
// minute of waiting in all would pass first, and when the context ends.
func (b *LimitBackoff) Wait(ctx context.Context, delay time.Duration) bool {
	spread := min(max(delay, time.Millisecond)<<min(b.refusals, 20), maxLimitedSpread)
	wait := delay + time.Duration(rand.Int64N(int64(spread)))
	b.refusals++
	if deadline, ok := ctx.Deadline(); (ok && time.Until(deadline) < wait) || b.waited+wait > maxLimitedWait {
		return false
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-timer.C:
		b.waited += wait
		return true
	}
}

// waitWhenLimited sends a unary call again when the server refused it for a
// limit (LimitDelay), after a LimitBackoff wait. Other errors return as they
// are. gRPC's own retry policy cannot do this: it either retries every
// RESOURCE_EXHAUSTED or none, and ignores RetryInfo.
func waitWhenLimited(ctx context.Context, method string, request, reply any,
	conn *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
	var backoff LimitBackoff
	for {
		err := invoker(ctx, method, request, reply, conn, opts...)
		delay, limited := LimitDelay(err)
		if !limited || !backoff.Wait(ctx, delay) {
			return err
		}
	}
}
