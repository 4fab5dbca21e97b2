// Waiting out guestvoice's refusals for a limit, as the Go and Python clients
// do. guestvoice refuses a call it cannot take now (the API key's rate limit,
// a full write stage) with RESOURCE_EXHAUSTED and a google.rpc.RetryInfo,
// before doing anything, so sending the same request again after the delay it
// names is safe for every method.
import { setTimeout as delay } from "node:timers/promises";
import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { RetryInfoSchema } from "./gen/google/rpc/error_details_pb.js";

/** How long one call waits in all while the server keeps refusing it. */
const maxWaitMs = 60_000;
/** The largest random part of one wait. */
const maxSpreadMs = 1_000;

/** The delay in ms a refusal for a limit asks for; undefined for any other error. */
export function limitDelayMs(error: unknown): number | undefined {
  const connectError = ConnectError.from(error);
  if (connectError.code !== Code.ResourceExhausted) return undefined;
  const retryDelay = connectError.findDetails(RetryInfoSchema)[0]?.retryDelay;
  if (retryDelay === undefined) return undefined;
  return Number(retryDelay.seconds) * 1000 + retryDelay.nanos / 1e6;
}

const grpcTimeoutUnitsMs: Record<string, number> = { H: 3_600_000, M: 60_000, S: 1_000, m: 1, u: 1e-3, n: 1e-6 };

/** The call's deadline in ms since the epoch, from its grpc-timeout header; undefined without one. */
function deadlineOf(header: Headers, startMs: number): number | undefined {
  const match = /^(\d{1,8})([HMSmun])$/.exec(header.get("grpc-timeout") ?? "");
  return match ? startMs + Number(match[1]) * grpcTimeoutUnitsMs[match[2]] : undefined;
}

// Sends a unary call again after a refusal for a limit. It waits at least the
// server's delay: when the server can take one more call, so callers refused
// together would come back together and all but one be refused again. Each
// wait adds a random part that doubles with every refusal (up to
// maxSpreadMs), as exponential backoff with jitter does. When the call's
// deadline (the transport's grpc-timeout header) or maxWaitMs in all would
// pass first, the call ends at once with the refusal.
export function waitWhenLimited(): Interceptor {
  return (next) => async (request) => {
    const deadlineMs = deadlineOf(request.header, Date.now());
    let refusals = 0;
    let waitedMs = 0;
    for (;;) {
      try {
        return await next(request);
      } catch (error) {
        const delayMs = limitDelayMs(error);
        if (delayMs === undefined || request.stream || request.signal.aborted) throw error;
        const spreadMs = Math.min(Math.max(delayMs, 1) * 2 ** Math.min(refusals, 20), maxSpreadMs);
        const waitMs = delayMs + Math.random() * spreadMs;
        refusals++;
        if (waitedMs + waitMs > maxWaitMs || (deadlineMs !== undefined && Date.now() + waitMs > deadlineMs)) {
          throw error;
        }
        await delay(waitMs, undefined, { signal: request.signal }).catch(() => {
          throw error;
        });
        waitedMs += waitMs;
        if (deadlineMs !== undefined) {
          // The server is told the time left, not the whole timeout again.
          request.header.set("grpc-timeout", `${Math.max(1, Math.ceil(deadlineMs - Date.now()))}m`);
        }
      }
    }
  };
}
