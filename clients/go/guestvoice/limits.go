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

// maxLimitedWait bounds how long one call waits in all while the server keeps
// refusing it for a limit, so a server that never admits it cannot hold a
// caller whose context has no deadline for ever.
const maxLimitedWait = time.Minute

// maxLimitedSpread bounds the random part of a wait (below).
const maxLimitedSpread = time.Second

// waitWhenLimited sends a unary call again when the server refused it for a
// limit: RESOURCE_EXHAUSTED with a google.rpc.RetryInfo, which guestvoice
// answers before doing anything (a key's rate limit, a full write stage), so
// sending the same request again is safe for every method. It waits at least
// the delay the server asked for. That delay is when the server can take one
// more call, so callers refused together would all come back together and
// all but one be refused again: each wait adds a random part that doubles
// with every refusal of the call (up to maxLimitedSpread), as exponential
// backoff with jitter does. It gives up at once when the context's deadline
// would pass first. Other errors, and refusals without a RetryInfo, return as
// they are. gRPC's own retry policy cannot do this: it either retries every
// RESOURCE_EXHAUSTED or none, and ignores RetryInfo.
func waitWhenLimited(ctx context.Context, method string, request, reply any,
	conn *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
	var waited time.Duration
	for refusals := 0; ; refusals++ {
		err := invoker(ctx, method, request, reply, conn, opts...)
		delay, limited := limitDelay(err)
		if !limited {
			return err
		}
		spread := min(max(delay, time.Millisecond)<<min(refusals, 20), maxLimitedSpread)
		wait := delay + time.Duration(rand.Int64N(int64(spread)))
		if deadline, ok := ctx.Deadline(); (ok && time.Until(deadline) < wait) || waited+wait > maxLimitedWait {
			return err
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return err
		case <-timer.C:
		}
		waited += wait
	}
}

// limitDelay is the RetryInfo delay of a RESOURCE_EXHAUSTED error.
func limitDelay(err error) (time.Duration, bool) {
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
