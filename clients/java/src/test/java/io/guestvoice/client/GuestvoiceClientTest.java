package io.guestvoice.client;

import static io.guestvoice.client.TestServer.contract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import com.google.type.Date;
import com.google.type.Interval;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.guestvoice.examples.Quickstart;
import io.guestvoice.v1.Author;
import io.guestvoice.v1.CreateGuestRequest;
import io.guestvoice.v1.CreateHotelRequest;
import io.guestvoice.v1.Feedback;
import io.guestvoice.v1.GetHotelSummaryRequest;
import io.guestvoice.v1.GetLoyaltyStatusRequest;
import io.guestvoice.v1.GetOrganizationRequest;
import io.guestvoice.v1.Guest;
import io.guestvoice.v1.Hotel;
import io.guestvoice.v1.ImportFeedbackRequest;
import io.guestvoice.v1.ImportFeedbackResponse;
import io.guestvoice.v1.IngestFeedbackRequest;
import io.guestvoice.v1.ListHotelsRequest;
import io.guestvoice.v1.ListHotelsResponse;
import io.guestvoice.v1.RecordStayRequest;
import io.guestvoice.v1.Source;
import io.guestvoice.v1.Stay;
import io.guestvoice.v1.WatchFeedbackRequest;
import io.guestvoice.v1.WatchFeedbackResponse;
import io.grpc.Context;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java client against a live guestvoiced. */
class GuestvoiceClientTest {
  private static final String PARENT = "organizations/default";

  @TempDir static Path dir;
  private static TestServer server;
  private static GuestvoiceClient client;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir.resolve("data"));
    client = GuestvoiceClient.connectPlaintext(server.address, server.adminKey);
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    server.close();
  }

  private static Timestamp now() {
    Instant now = Instant.now();
    return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
  }

  private static Hotel newHotel(String hotelId, String timeZone) {
    return client.hotels.createHotel(CreateHotelRequest.newBuilder()
        .setParent(PARENT).setHotelId(hotelId)
        .setHotel(Hotel.newBuilder().setDisplayName("Porto Ribeira").setTimeZone(timeZone))
        .build());
  }

  private static Feedback feedbackItem(String hotel, String text) {
    return Feedback.newBuilder()
        .setHotel(hotel).setSource(Source.SOURCE_TRIPADVISOR).setExternalId(UUID.randomUUID().toString())
        .setAuthor(Author.newBuilder().setHandle("@rui")).setText(text).setPostTime(now()).build();
  }

  /**
   * The server refuses calls over its limit with RESOURCE_EXHAUSTED and gRPC's
   * retry pushback; the client's retry policy waits that long and tries again.
   */
  @Test
  void callsOverTheRateLimitWaitTheirTurn() throws Exception {
    try (TestServer limited = TestServer.start(dir.resolve("limited"),
            "--rate_limit_calls_per_second=4", "--rate_limit_burst=1");
        GuestvoiceClient limitedClient = GuestvoiceClient.connectPlaintext(limited.address, limited.adminKey)) {
      for (int call = 0; call < 5; call++) {
        assertEquals(PARENT, limitedClient.admin.withDeadlineAfter(10, TimeUnit.SECONDS)
            .getOrganization(GetOrganizationRequest.newBuilder().setName(PARENT).build()).getName());
      }
    }
  }

  @Test
  void adminServiceReadsTheBootstrapOrganization() {
    assertEquals(PARENT,
        client.admin.getOrganization(GetOrganizationRequest.newBuilder().setName(PARENT).build()).getName());
  }

  @Test
  void pagesIteratesPastTheFirstPage() {
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      created.add(newHotel("paged-" + i + "-" + UUID.randomUUID().toString().substring(0, 6), "Europe/Lisbon")
          .getName());
    }
    for (Hotel hotel : Pages.all(
        token -> client.hotels.listHotels(
            ListHotelsRequest.newBuilder().setParent(PARENT).setPageSize(2).setPageToken(token).build()),
        ListHotelsResponse::getHotelsList, ListHotelsResponse::getNextPageToken)) {
      created.remove(hotel.getName());
    }
    assertEquals(Set.of(), created);
  }

  @Test
  void retryWithTheSameRequestIdReturnsTheFirstHotel() {
    CreateHotelRequest request = CreateHotelRequest.newBuilder()
        .setParent(PARENT).setRequestId(GuestvoiceClient.newRequestId())
        .setHotel(Hotel.newBuilder().setDisplayName("Faro Marina").setTimeZone("Europe/Lisbon"))
        .build();
    assertEquals(client.hotels.createHotel(request).getName(), client.hotels.createHotel(request).getName());
  }

  @Test
  void invalidFieldIsDecodedAsBadRequest() {
    StatusRuntimeException error =
        assertThrows(StatusRuntimeException.class, () -> newHotel("", "Mars/Olympus_Mons"));
    ErrorDetails details = ErrorDetails.from(error);
    assertEquals(Status.Code.INVALID_ARGUMENT, details.code());
    assertEquals("guestvoice.v1", details.errorInfo().orElseThrow().getDomain());
    assertEquals("FIELD_INVALID", details.reason());
    assertTrue(details.fieldViolations().containsKey("hotel.time_zone"), details.fieldViolations().toString());
  }

  @Test
  void invalidKeyIsUnauthenticatedWithItsReason() throws Exception {
    try (GuestvoiceClient stranger = GuestvoiceClient.connectPlaintext(server.address, "not-a-key")) {
      StatusRuntimeException error = assertThrows(StatusRuntimeException.class,
          () -> stranger.hotels.withDeadlineAfter(5, TimeUnit.SECONDS)
              .listHotels(ListHotelsRequest.newBuilder().setParent(PARENT).build()));
      ErrorDetails details = ErrorDetails.from(error);
      assertEquals(Status.Code.UNAUTHENTICATED, details.code());
      assertEquals("API_KEY_INVALID", details.reason());
    }
  }

  private static Status.Code codeOfListHotels(GuestvoiceClient target, long deadlineMillis) {
    StatusRuntimeException error = assertThrows(StatusRuntimeException.class,
        () -> target.hotels.withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
            .listHotels(ListHotelsRequest.newBuilder().setParent(PARENT).build()));
    return error.getStatus().getCode();
  }

  @Test
  void wrongAddressFailsWithUnavailableNotAHang() throws Exception {
    // A port bound but not listening refuses connections, and stays ours
    // through the call: a port closed first could be handed to another server.
    try (Socket unlistened = new Socket()) {
      unlistened.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      String address = "127.0.0.1:" + unlistened.getLocalPort();
      try (GuestvoiceClient lost = GuestvoiceClient.connectPlaintext(address, "key")) {
        // Long enough for the retries of UNAVAILABLE to run out.
        assertEquals(Status.Code.UNAVAILABLE, codeOfListHotels(lost, 5000));
      }
    }
  }

  @Test
  void tlsAgainstAPlaintextServerFailsWithUnavailable() throws Exception {
    try (GuestvoiceClient mismatched = GuestvoiceClient.connect(server.address, server.adminKey)) {
      assertEquals(Status.Code.UNAVAILABLE, codeOfListHotels(mismatched, 5000));
    }
  }

  @Test
  void unresponsiveServerHitsTheDeadline() throws Exception {
    // Accepts TCP but never speaks HTTP/2: only the deadline can end the call.
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
         GuestvoiceClient stalled = GuestvoiceClient.connectPlaintext("127.0.0.1:" + silent.getLocalPort(), "key")) {
      assertEquals(Status.Code.DEADLINE_EXCEEDED, codeOfListHotels(stalled, 500));
    }
  }

  @Test
  void quickstartExampleRunsAgainstTheServer() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try {
      Quickstart.run(client, new PrintStream(output, true, StandardCharsets.UTF_8));
    } catch (StatusRuntimeException e) {
      // Each step prints one line, so the line count names the failed step.
      List<String> steps = List.of("CreateHotel", "IngestFeedback", "CreateGuest/RecordStay", "GetLoyaltyStatus",
          "GetHotelSummary");
      long done = output.toString(StandardCharsets.UTF_8).lines().count();
      contract("the quickstart's " + steps.get((int) done), () -> {
        throw e;
      });
    }
    assertTrue(output.toString(StandardCharsets.UTF_8).contains("summary: "), output.toString());
  }

  @Test
  void importFeedbackReportsEachItem() throws Exception {
    Hotel hotel = newHotel("", "Europe/Lisbon");
    CompletableFuture<ImportFeedbackResponse> done = new CompletableFuture<>();
    StreamObserver<ImportFeedbackRequest> requests = client.feedbackAsync.withDeadlineAfter(30, TimeUnit.SECONDS)
        .importFeedback(new StreamObserver<>() {
          @Override public void onNext(ImportFeedbackResponse response) { done.complete(response); }
          @Override public void onError(Throwable error) { done.completeExceptionally(error); }
          @Override public void onCompleted() {}
        });
    for (String text : List.of("Lovely breakfast.", "", "Friendly staff.")) {
      requests.onNext(ImportFeedbackRequest.newBuilder()
          .setParent(PARENT).setFeedback(feedbackItem(hotel.getName(), text)).build());
    }
    requests.onCompleted();
    ImportFeedbackResponse response = contract("FeedbackService/ImportFeedback", () -> {
      try {
        return done.get(30, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        throw Status.fromThrowable(e.getCause()).asRuntimeException();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertEquals(2, response.getIngestedCount());
    assertEquals(1, response.getFailedCount());
    assertEquals(Status.Code.INVALID_ARGUMENT.value(), response.getResults(1).getStatus().getCode());
  }

  @Test
  void watchFeedbackStreamsNewlyIngestedItems() throws Exception {
    Hotel hotel = newHotel("", "Europe/Lisbon");
    try (Context.CancellableContext watch = Context.current().withCancellation()) {
      CompletableFuture<WatchFeedbackResponse> first = new CompletableFuture<>();
      Thread reader = new Thread(() -> watch.run(() -> {
        try {
          Iterator<WatchFeedbackResponse> stream = client.feedback.withDeadlineAfter(30, TimeUnit.SECONDS)
              .watchFeedback(WatchFeedbackRequest.newBuilder().setParent(PARENT).setHotel(hotel.getName()).build());
          first.complete(stream.next());
        } catch (RuntimeException e) {
          first.completeExceptionally(e);
        }
      }));
      reader.start();
      // The watch has no "registered" signal, so keep ingesting until the
      // watcher sees an item: a bounded number of attempts, not a sleep.
      WatchFeedbackResponse message = null;
      for (int attempt = 0; attempt < 50 && message == null; attempt++) {
        contract("FeedbackService/IngestFeedback", () -> client.feedback.ingestFeedback(
            IngestFeedbackRequest.newBuilder().setParent(PARENT)
                .setFeedback(feedbackItem(hotel.getName(), "Great view from the terrace.")).build()));
        try {
          message = first.get(200, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          continue;
        } catch (java.util.concurrent.ExecutionException e) {
          contract("FeedbackService/WatchFeedback", () -> {
            throw (RuntimeException) e.getCause();
          });
        }
      }
      assertNotNull(message, "WatchFeedback delivered nothing for 50 ingested items");
      assertEquals(hotel.getName(), message.getFeedback().getHotel());
      watch.cancel(null);
      reader.join(10_000);
    }
  }

  @Test
  void loyaltyServiceCountsARecordedStay() {
    Hotel hotel = newHotel("", "Europe/Lisbon");
    Guest guest = contract("LoyaltyService/CreateGuest", () -> client.loyalty.createGuest(
        CreateGuestRequest.newBuilder().setParent(PARENT).setGuest(Guest.newBuilder().setDisplayName("Marta")).build()));
    LocalDate arrival = LocalDate.now().minusDays(5);
    contract("LoyaltyService/RecordStay", () -> client.loyalty.recordStay(RecordStayRequest.newBuilder()
        .setParent(guest.getName())
        .setStay(Stay.newBuilder().setHotel(hotel.getName()).setNights(2)
            .setBookingReference(UUID.randomUUID().toString())
            .setArrivalDate(Date.newBuilder().setYear(arrival.getYear()).setMonth(arrival.getMonthValue())
                .setDay(arrival.getDayOfMonth())))
        .build()));
    int nights = contract("LoyaltyService/GetLoyaltyStatus", () -> client.loyalty.getLoyaltyStatus(
        GetLoyaltyStatusRequest.newBuilder().setGuest(guest.getName()).build())).getQualifyingNights();
    assertEquals(2, nights);
  }

  @Test
  void insightServiceSummarisesAHotel() {
    Hotel hotel = newHotel("", "Europe/Lisbon");
    Timestamp end = now();
    Timestamp start = end.toBuilder().setSeconds(end.getSeconds() - 86_400).build();
    String summarised = contract("InsightService/GetHotelSummary", () -> client.insights.getHotelSummary(
        GetHotelSummaryRequest.newBuilder().setHotel(hotel.getName())
            .setInterval(Interval.newBuilder().setStartTime(start).setEndTime(end)).build())).getHotel();
    assertEquals(hotel.getName(), summarised);
  }
}
