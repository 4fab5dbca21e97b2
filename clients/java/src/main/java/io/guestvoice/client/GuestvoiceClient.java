package io.guestvoice.client;

import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptor;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.MetadataUtils;
import io.guestvoice.v1.AdminServiceGrpc;
import io.guestvoice.v1.FeedbackServiceGrpc;
import io.guestvoice.v1.HotelServiceGrpc;
import io.guestvoice.v1.InsightServiceGrpc;
import io.guestvoice.v1.LoyaltyServiceGrpc;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One channel to guestvoice with a stub per service: blocking stubs for unary
 * and server-streaming calls, async stubs for client streaming. The channel
 * sends {@code authorization: Bearer <key>}, uses TLS unless told otherwise,
 * and retries UNAVAILABLE. Close it when done.
 */
public final class GuestvoiceClient implements AutoCloseable {
  private static final List<String> SERVICES =
      List.of("AdminService", "HotelService", "FeedbackService", "LoyaltyService", "InsightService");

  /**
   * gRPC retries resend the very same request message, so a request_id set
   * once by the caller is reused by every attempt and the server answers a
   * retried create with the first result (AIP-155). Retried: UNAVAILABLE,
   * which guestvoice uses for "nothing happened, try again", and
   * RESOURCE_EXHAUSTED, which it answers to a call refused for a limit (a
   * key's rate limit, a full write stage) with gRPC's retry pushback: the
   * next attempt waits the delay the server names, and a RESOURCE_EXHAUSTED
   * that waiting would not cure carries a pushback that forbids retrying.
   */
  private static Map<String, Object> serviceConfig() {
    List<Object> names =
        SERVICES.stream().map(s -> (Object) Map.of("service", "guestvoice.v1." + s)).toList();
    Map<String, Object> retryPolicy = Map.of(
        "maxAttempts", 4.0,
        "initialBackoff", "0.1s",
        "maxBackoff", "2s",
        "backoffMultiplier", 2.0,
        "retryableStatusCodes", List.of("UNAVAILABLE", "RESOURCE_EXHAUSTED"));
    return Map.of("methodConfig", List.of(Map.of("name", names, "retryPolicy", retryPolicy)));
  }

  public final ManagedChannel channel;
  public final AdminServiceGrpc.AdminServiceBlockingStub admin;
  public final HotelServiceGrpc.HotelServiceBlockingStub hotels;
  public final FeedbackServiceGrpc.FeedbackServiceBlockingStub feedback;
  public final FeedbackServiceGrpc.FeedbackServiceStub feedbackAsync;
  public final LoyaltyServiceGrpc.LoyaltyServiceBlockingStub loyalty;
  public final InsightServiceGrpc.InsightServiceBlockingStub insights;

  private GuestvoiceClient(ManagedChannel channel) {
    this.channel = channel;
    this.admin = AdminServiceGrpc.newBlockingStub(channel);
    this.hotels = HotelServiceGrpc.newBlockingStub(channel);
    this.feedback = FeedbackServiceGrpc.newBlockingStub(channel);
    this.feedbackAsync = FeedbackServiceGrpc.newStub(channel);
    this.loyalty = LoyaltyServiceGrpc.newBlockingStub(channel);
    this.insights = InsightServiceGrpc.newBlockingStub(channel);
  }

  /** Connects over TLS with the system's trusted roots. */
  public static GuestvoiceClient connect(String target, String apiKey) {
    return connect(target, apiKey, TlsChannelCredentials.create());
  }

  /** Connects without TLS: for a server on loopback only. */
  public static GuestvoiceClient connectPlaintext(String target, String apiKey) {
    return connect(target, apiKey, InsecureChannelCredentials.create());
  }

  /**
   * Connects with the given transport credentials, for example
   * {@code TlsChannelCredentials.newBuilder().trustManager(caPem).build()}.
   */
  public static GuestvoiceClient connect(String target, String apiKey, ChannelCredentials credentials) {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + apiKey);
    ClientInterceptor bearerKey = MetadataUtils.newAttachHeadersInterceptor(headers);
    ManagedChannel channel = Grpc.newChannelBuilder(target, credentials)
        .intercept(bearerKey)
        .defaultServiceConfig(serviceConfig())
        .enableRetry()
        .build();
    return new GuestvoiceClient(channel);
  }

  /** A request_id for create calls; retries resend it, so the server dedupes. */
  public static String newRequestId() {
    return UUID.randomUUID().toString();
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
  }
}
