package io.guestvoice.examples;

import com.google.protobuf.Timestamp;
import com.google.type.Date;
import com.google.type.Interval;
import com.google.type.Money;
import io.guestvoice.client.GuestvoiceClient;
import io.guestvoice.v1.Author;
import io.guestvoice.v1.CreateGuestRequest;
import io.guestvoice.v1.CreateHotelRequest;
import io.guestvoice.v1.Feedback;
import io.guestvoice.v1.GetHotelSummaryRequest;
import io.guestvoice.v1.GetLoyaltyStatusRequest;
import io.guestvoice.v1.Guest;
import io.guestvoice.v1.Hotel;
import io.guestvoice.v1.HotelSummary;
import io.guestvoice.v1.Identity;
import io.guestvoice.v1.IdentityKind;
import io.guestvoice.v1.IngestFeedbackRequest;
import io.guestvoice.v1.LoyaltyStatus;
import io.guestvoice.v1.RecordStayRequest;
import io.guestvoice.v1.Source;
import io.guestvoice.v1.Stay;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The guestvoice quickstart: create a hotel, ingest a feedback item, record a
 * stay, look up the guest's loyalty status and read the hotel summary.
 *
 * <pre>
 * GUESTVOICE_ADDR=127.0.0.1:50051 KEY=$(cat var/guestvoice/admin-api-key) GUESTVOICE_PLAINTEXT=1 \
 *   java -cp "target/classes:$(cat target/classpath.txt)" examples/io/guestvoice/examples/Quickstart.java
 * </pre>
 * (after {@code mvn -q compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt}).
 * GUESTVOICE_PLAINTEXT=1 is for a server on loopback without TLS.
 */
public final class Quickstart {
  private static final String PARENT = "organizations/default";

  private Quickstart() {}

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
  }

  public static void run(GuestvoiceClient client, PrintStream out) {
    Instant now = Instant.now();
    Hotel hotel = client.hotels.createHotel(CreateHotelRequest.newBuilder()
        .setParent(PARENT)
        .setHotel(Hotel.newBuilder().setDisplayName("Lisbon Riverside").setTimeZone("Europe/Lisbon"))
        .setRequestId(GuestvoiceClient.newRequestId())
        .build());
    out.println("hotel: " + hotel.getName());

    String email = "ana." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    Feedback feedback = client.feedback.ingestFeedback(IngestFeedbackRequest.newBuilder()
        .setParent(PARENT)
        .setFeedback(Feedback.newBuilder()
            .setHotel(hotel.getName()).setSource(Source.SOURCE_SURVEY)
            .setExternalId(UUID.randomUUID().toString())
            .setAuthor(Author.newBuilder().setHandle(email))
            .setText("The room was spotless and the staff were wonderful.")
            .setPostTime(timestamp(now)))
        .build());
    out.printf("feedback: %s sentiment %+.3f%n", feedback.getName(),
        feedback.getAnalysis().getSentiment().getCompound());

    Guest guest = client.loyalty.createGuest(CreateGuestRequest.newBuilder()
        .setParent(PARENT)
        .setGuest(Guest.newBuilder().setDisplayName("Ana"))
        .addIdentities(Identity.newBuilder().setKind(IdentityKind.IDENTITY_KIND_EMAIL).setValue(email))
        .setRequestId(GuestvoiceClient.newRequestId())
        .build());
    LocalDate arrival = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(10);
    Stay stay = client.loyalty.recordStay(RecordStayRequest.newBuilder()
        .setParent(guest.getName())
        .setStay(Stay.newBuilder()
            .setHotel(hotel.getName()).setNights(3).setBookingReference(UUID.randomUUID().toString())
            .setArrivalDate(Date.newBuilder().setYear(arrival.getYear())
                .setMonth(arrival.getMonthValue()).setDay(arrival.getDayOfMonth()))
            .setQualifyingSpend(Money.newBuilder().setCurrencyCode("EUR").setUnits(420)))
        .build());
    out.println("stay: " + stay.getName());

    LoyaltyStatus status = client.loyalty.getLoyaltyStatus(
        GetLoyaltyStatusRequest.newBuilder().setGuest(guest.getName()).build());
    out.printf("loyalty: tier \"%s\", %d nights, %d points%n", status.getTier(),
        status.getQualifyingNights(), status.getPointsBalance());

    HotelSummary summary = client.insights.getHotelSummary(GetHotelSummaryRequest.newBuilder()
        .setHotel(hotel.getName())
        .setInterval(Interval.newBuilder()
            .setStartTime(timestamp(now.minus(Duration.ofDays(30))))
            .setEndTime(timestamp(now.plus(Duration.ofMinutes(1)))))
        .build());
    out.printf("summary: %d feedback from %d voices%n", summary.getCurrent().getFeedbackCount(),
        summary.getCurrent().getVoiceCount());
  }

  public static void main(String[] args) throws InterruptedException {
    String address = System.getenv().getOrDefault("GUESTVOICE_ADDR", "127.0.0.1:50051");
    String key = System.getenv("KEY");
    try (GuestvoiceClient client = "1".equals(System.getenv("GUESTVOICE_PLAINTEXT"))
        ? GuestvoiceClient.connectPlaintext(address, key)
        : GuestvoiceClient.connect(address, key)) {
      run(client, System.out);
    }
  }
}
