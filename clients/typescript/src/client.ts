import { randomUUID } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import { Code, ConnectError, createClient, type Client as ServiceClient, type Interceptor } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { AdminService } from "./gen/guestvoice/v1/admin_service_pb.js";
import { FeedbackService } from "./gen/guestvoice/v1/feedback_service_pb.js";
import { HotelService } from "./gen/guestvoice/v1/hotel_service_pb.js";
import { InsightService } from "./gen/guestvoice/v1/insight_service_pb.js";
import { LoyaltyService } from "./gen/guestvoice/v1/loyalty_service_pb.js";
import { waitWhenLimited } from "./limits.js";

export interface ConnectOptions {
  /** Disables TLS, for a server on loopback only. */
  plaintext?: boolean;
  /** PEM roots replacing the system ones, for a server with a private CA. */
  ca?: string | Buffer;
  /** Attempts of a unary call that fails with UNAVAILABLE; default 4. */
  maxAttempts?: number;
  /** More interceptors (logging, tracing); they run before the key is added. */
  interceptors?: Interceptor[];
}

/** A stub per guestvoice service over one HTTP/2 connection. */
export interface Client {
  admin: ServiceClient<typeof AdminService>;
  hotels: ServiceClient<typeof HotelService>;
  feedback: ServiceClient<typeof FeedbackService>;
  loyalty: ServiceClient<typeof LoyaltyService>;
  insights: ServiceClient<typeof InsightService>;
}

/** A request_id for create calls; retries resend it, so the server dedupes. */
export function newRequestId(): string {
  return randomUUID();
}

function bearerKey(apiKey: string): Interceptor {
  return (next) => (request) => {
    request.header.set("authorization", `Bearer ${apiKey}`);
    return next(request);
  };
}

// Connect has no retry policy of its own. A retry resends the same request
// message, so a request_id set by the caller is reused by every attempt and a
// retried create returns the first result (AIP-155). Only UNAVAILABLE ("nothing
// happened, try again") is retried, and only unary calls: a stream's messages
// may have been consumed.
function retryUnavailable(maxAttempts: number): Interceptor {
  return (next) => async (request) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await next(request);
      } catch (error) {
        const retryable = ConnectError.from(error).code === Code.Unavailable && !request.stream;
        if (!retryable || attempt >= maxAttempts || request.signal.aborted) throw error;
        await delay(100 * 2 ** (attempt - 1), undefined, { signal: request.signal }).catch(() => {
          throw error;
        });
      }
    }
  };
}

/**
 * Connects to guestvoice at `address` (host:port); TLS unless `plaintext`. A
 * unary call the server refuses for a limit (a key's rate limit, say) is sent
 * again after the delay the server names, within the call's deadline
 * (limits.ts).
 */
export function connect(address: string, apiKey: string, options: ConnectOptions = {}): Client {
  const transport = createGrpcTransport({
    baseUrl: `${options.plaintext ? "http" : "https"}://${address}`,
    interceptors: [
      ...(options.interceptors ?? []),
      waitWhenLimited(),
      retryUnavailable(options.maxAttempts ?? 4),
      bearerKey(apiKey),
    ],
    nodeOptions: options.ca ? { ca: options.ca } : undefined,
  });
  return {
    admin: createClient(AdminService, transport),
    hotels: createClient(HotelService, transport),
    feedback: createClient(FeedbackService, transport),
    loyalty: createClient(LoyaltyService, transport),
    insights: createClient(InsightService, transport),
  };
}
