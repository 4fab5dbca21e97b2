// Command quickstart creates a hotel, ingests a feedback item, records a
// stay, looks up the guest's loyalty status and reads the hotel summary.
//
//	GUESTVOICE_ADDR=127.0.0.1:50051 KEY=$(cat var/guestvoice/admin-api-key) \
//	GUESTVOICE_PLAINTEXT=1 go run ./examples/quickstart
//
// GUESTVOICE_PLAINTEXT=1 is for a server on loopback without TLS.
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"time"

	"github.com/google/uuid"
	"google.golang.org/genproto/googleapis/type/date"
	"google.golang.org/genproto/googleapis/type/interval"
	"google.golang.org/genproto/googleapis/type/money"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

const parent = "organizations/default"

func main() {
	address := os.Getenv("GUESTVOICE_ADDR")
	if address == "" {
		address = "127.0.0.1:50051"
	}
	client, err := guestvoice.Dial(address, os.Getenv("KEY"),
		guestvoice.Options{Plaintext: os.Getenv("GUESTVOICE_PLAINTEXT") == "1"})
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := Run(ctx, client, os.Stdout); err != nil {
		log.Fatal(err)
	}
}

// Run is the quickstart itself; its test runs it against a live server.
func Run(ctx context.Context, client *guestvoice.Client, out io.Writer) error {
	now := time.Now().UTC()
	hotel, err := client.Hotels.CreateHotel(ctx, &gv.CreateHotelRequest{
		Parent:    parent,
		Hotel:     &gv.Hotel{DisplayName: "Lisbon Riverside", TimeZone: "Europe/Lisbon"},
		RequestId: guestvoice.NewRequestID(),
	})
	if err != nil {
		return fmt.Errorf("CreateHotel: %w", err)
	}
	fmt.Fprintf(out, "hotel: %s\n", hotel.GetName())

	email := fmt.Sprintf("ana.%s@example.com", uuid.NewString()[:8])
	feedback, err := client.Feedback.IngestFeedback(ctx, &gv.IngestFeedbackRequest{
		Parent: parent,
		Feedback: &gv.Feedback{
			Hotel: hotel.GetName(), Source: gv.Source_SOURCE_SURVEY, ExternalId: uuid.NewString(),
			Author:   &gv.Author{Handle: email},
			Text:     "The room was spotless and the staff were wonderful.",
			PostTime: timestamppb.New(now),
		},
	})
	if err != nil {
		return fmt.Errorf("IngestFeedback: %w", err)
	}
	fmt.Fprintf(out, "feedback: %s sentiment %+.3f\n", feedback.GetName(),
		feedback.GetAnalysis().GetSentiment().GetCompound())

	guest, err := client.Loyalty.CreateGuest(ctx, &gv.CreateGuestRequest{
		Parent:     parent,
		Guest:      &gv.Guest{DisplayName: "Ana"},
		Identities: []*gv.Identity{{Kind: gv.IdentityKind_IDENTITY_KIND_EMAIL, Value: email}},
		RequestId:  guestvoice.NewRequestID(),
	})
	if err != nil {
		return fmt.Errorf("CreateGuest: %w", err)
	}
	arrival := now.AddDate(0, 0, -10)
	stay, err := client.Loyalty.RecordStay(ctx, &gv.RecordStayRequest{
		Parent: guest.GetName(),
		Stay: &gv.Stay{
			Hotel: hotel.GetName(), Nights: 3, BookingReference: uuid.NewString(),
			ArrivalDate: &date.Date{Year: int32(arrival.Year()), Month: int32(arrival.Month()),
				Day: int32(arrival.Day())},
			QualifyingSpend: &money.Money{CurrencyCode: "EUR", Units: 420},
		},
	})
	if err != nil {
		return fmt.Errorf("RecordStay: %w", err)
	}
	fmt.Fprintf(out, "stay: %s\n", stay.GetName())

	status, err := client.Loyalty.GetLoyaltyStatus(ctx, &gv.GetLoyaltyStatusRequest{Guest: guest.GetName()})
	if err != nil {
		return fmt.Errorf("GetLoyaltyStatus: %w", err)
	}
	fmt.Fprintf(out, "loyalty: tier %q, %d nights, %d points\n", status.GetTier(),
		status.GetQualifyingNights(), status.GetPointsBalance())

	summary, err := client.Insights.GetHotelSummary(ctx, &gv.GetHotelSummaryRequest{
		Hotel: hotel.GetName(),
		Interval: &interval.Interval{StartTime: timestamppb.New(now.AddDate(0, 0, -30)),
			EndTime: timestamppb.New(now.Add(time.Minute))},
	})
	if err != nil {
		return fmt.Errorf("GetHotelSummary: %w", err)
	}
	fmt.Fprintf(out, "summary: %d feedback from %d voices\n", summary.GetCurrent().GetFeedbackCount(),
		summary.GetCurrent().GetVoiceCount())
	return nil
}
