package guestvoice_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"testing"
	"time"

	"github.com/google/uuid"
	"google.golang.org/genproto/googleapis/type/date"
	"google.golang.org/genproto/googleapis/type/interval"
	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
	"github.com/guestvoice/guestvoice/clients/go/internal/testserver"
)

const parent = "organizations/default"

// One server for the package's tests.
var shared *testserver.Server

func TestMain(m *testing.M) { testserver.RunPackage(m, &shared) }

func dial(t *testing.T) *guestvoice.Client {
	t.Helper()
	return dialServer(t, shared)
}

func withDeadline(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

func createHotel(t *testing.T, client *guestvoice.Client, id string) *gv.Hotel {
	t.Helper()
	hotel, err := client.Hotels.CreateHotel(withDeadline(t, 10*time.Second), &gv.CreateHotelRequest{
		Parent: parent, HotelId: id,
		Hotel: &gv.Hotel{DisplayName: "Porto Ribeira", TimeZone: "Europe/Lisbon"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return hotel
}

func feedbackItem(hotel, text string) *gv.Feedback {
	return &gv.Feedback{
		Hotel: hotel, Source: gv.Source_SOURCE_TRIPADVISOR, ExternalId: uuid.NewString(),
		Author: &gv.Author{Handle: "@rui"}, Text: text, PostTime: timestamppb.Now(),
	}
}

func TestAdminServiceReadsTheBootstrapOrganization(t *testing.T) {
	org, err := dial(t).Admin.GetOrganization(withDeadline(t, 10*time.Second),
		&gv.GetOrganizationRequest{Name: parent})
	if err != nil || org.GetName() != parent {
		t.Fatalf("GetOrganization = %v, %v", org, err)
	}
}

func TestAllIteratesPastTheFirstPage(t *testing.T) {
	client := dial(t)
	want := map[string]bool{}
	for i := range 3 {
		want[createHotel(t, client, fmt.Sprintf("paged-%d-%s", i, uuid.NewString()[:6])).GetName()] = true
	}
	hotels := guestvoice.All(withDeadline(t, 10*time.Second), client.Hotels.ListHotels,
		func(token string) *gv.ListHotelsRequest {
			return &gv.ListHotelsRequest{Parent: parent, PageSize: 2, PageToken: token}
		}, (*gv.ListHotelsResponse).GetHotels)
	for hotel, err := range hotels {
		if err != nil {
			t.Fatal(err)
		}
		delete(want, hotel.GetName())
	}
	if len(want) != 0 {
		t.Errorf("All missed %v", want)
	}
}

func TestRetryWithTheSameRequestIDReturnsTheFirstHotel(t *testing.T) {
	client := dial(t)
	request := &gv.CreateHotelRequest{Parent: parent, RequestId: guestvoice.NewRequestID(),
		Hotel: &gv.Hotel{DisplayName: "Faro Marina", TimeZone: "Europe/Lisbon"}}
	first, err := client.Hotels.CreateHotel(withDeadline(t, 10*time.Second), request)
	if err != nil {
		t.Fatal(err)
	}
	again, err := client.Hotels.CreateHotel(withDeadline(t, 10*time.Second), request)
	if err != nil || again.GetName() != first.GetName() {
		t.Fatalf("retry = %v, %v; want %s", again.GetName(), err, first.GetName())
	}
}

func TestInvalidFieldIsDecodedAsBadRequest(t *testing.T) {
	_, err := dial(t).Hotels.CreateHotel(withDeadline(t, 10*time.Second), &gv.CreateHotelRequest{
		Parent: parent, Hotel: &gv.Hotel{DisplayName: "Nowhere", TimeZone: "Mars/Olympus_Mons"}})
	details := guestvoice.Details(err)
	if details.Code != codes.InvalidArgument || details.Reason() != "FIELD_INVALID" ||
		details.ErrorInfo.GetDomain() != "guestvoice.v1" {
		t.Fatalf("details = %+v", details)
	}
	if _, ok := details.FieldViolations()["hotel.time_zone"]; !ok {
		t.Errorf("violations = %v, want hotel.time_zone", details.FieldViolations())
	}
}

func TestInvalidKeyIsUnauthenticatedWithItsReason(t *testing.T) {
	client, err := guestvoice.Dial(shared.Address, "not-a-key", guestvoice.Options{Plaintext: true})
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	_, err = client.Hotels.ListHotels(withDeadline(t, 5*time.Second), &gv.ListHotelsRequest{Parent: parent})
	if d := guestvoice.Details(err); d.Code != codes.Unauthenticated || d.Reason() != "API_KEY_INVALID" {
		t.Fatalf("details = %+v", d)
	}
}

func TestFailureModesGiveTheirStatusCodeNotAHang(t *testing.T) {
	// Port 1 (tcpmux) is privileged and served by nothing here; a port taken
	// from port 0 and closed could be handed to another server meanwhile.
	closedAddress := "127.0.0.1:1"
	// Accepts TCP but never speaks HTTP/2: only the deadline can end a call.
	silent, _ := net.Listen("tcp", "127.0.0.1:0")
	defer silent.Close()

	cases := []struct {
		name    string
		address string
		options guestvoice.Options
		// Long enough for the retries of UNAVAILABLE to run out.
		deadline time.Duration
		want     codes.Code
	}{
		{"wrong address", closedAddress, guestvoice.Options{Plaintext: true}, 5 * time.Second, codes.Unavailable},
		{"TLS against plaintext", shared.Address, guestvoice.Options{}, 5 * time.Second, codes.Unavailable},
		{"deadline", silent.Addr().String(), guestvoice.Options{Plaintext: true}, 500 * time.Millisecond, codes.DeadlineExceeded},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			client, err := guestvoice.Dial(c.address, shared.AdminKey, c.options)
			if err != nil {
				t.Fatal(err)
			}
			defer client.Close()
			_, err = client.Hotels.ListHotels(withDeadline(t, c.deadline),
				&gv.ListHotelsRequest{Parent: parent})
			if got := guestvoice.Details(err).Code; got != c.want {
				t.Errorf("code = %v (%v), want %v", got, err, c.want)
			}
		})
	}
}

func TestImportFeedbackReportsEachItem(t *testing.T) {
	client := dial(t)
	hotel := createHotel(t, client, "")
	stream, err := client.Feedback.ImportFeedback(withDeadline(t, 30*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"Lovely breakfast.", "", "Friendly staff."} {
		if err := stream.Send(&gv.ImportFeedbackRequest{Parent: parent, Feedback: feedbackItem(hotel.GetName(), text)}); err != nil && !errors.Is(err, io.EOF) {
			t.Fatal(err)
		}
	}
	response, err := stream.CloseAndRecv()
	testserver.SkipIfUnimplemented(t, "FeedbackService/ImportFeedback", err)
	if err != nil {
		t.Fatal(err)
	}
	if response.GetIngestedCount() != 2 || response.GetFailedCount() != 1 ||
		codes.Code(response.GetResults()[1].GetStatus().GetCode()) != codes.InvalidArgument {
		t.Errorf("response = %v", response)
	}
}

func TestWatchFeedbackStreamsNewlyIngestedItems(t *testing.T) {
	client := dial(t)
	hotel := createHotel(t, client, "")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	stream, err := client.Feedback.WatchFeedback(ctx, &gv.WatchFeedbackRequest{Parent: parent, Hotel: hotel.GetName()})
	if err != nil {
		t.Fatal(err)
	}
	received := make(chan *gv.WatchFeedbackResponse, 64)
	failed := make(chan error, 1)
	go func() {
		for {
			message, err := stream.Recv()
			if err != nil {
				failed <- err
				return
			}
			received <- message
		}
	}()
	// The watch has no "registered" signal, so keep ingesting until the
	// watcher sees an item: a bounded number of attempts, not a sleep.
	for range 50 {
		_, err := client.Feedback.IngestFeedback(ctx, &gv.IngestFeedbackRequest{
			Parent: parent, Feedback: feedbackItem(hotel.GetName(), "Great view from the terrace.")})
		testserver.SkipIfUnimplemented(t, "FeedbackService/IngestFeedback", err)
		if err != nil {
			t.Fatal(err)
		}
		select {
		case message := <-received:
			if message.GetFeedback().GetHotel() != hotel.GetName() {
				t.Errorf("watched %v", message)
			}
			return
		case err := <-failed:
			testserver.SkipIfUnimplemented(t, "FeedbackService/WatchFeedback", err)
			t.Fatal(err)
		case <-time.After(200 * time.Millisecond):
		}
	}
	t.Fatal("WatchFeedback delivered nothing for 50 ingested items")
}

func TestLoyaltyServiceCountsARecordedStay(t *testing.T) {
	client := dial(t)
	hotel := createHotel(t, client, "")
	ctx := withDeadline(t, 10*time.Second)
	guest, err := client.Loyalty.CreateGuest(ctx, &gv.CreateGuestRequest{Parent: parent, Guest: &gv.Guest{DisplayName: "Marta"}})
	testserver.SkipIfUnimplemented(t, "LoyaltyService/CreateGuest", err)
	if err != nil {
		t.Fatal(err)
	}
	arrival := time.Now().AddDate(0, 0, -5)
	_, err = client.Loyalty.RecordStay(ctx, &gv.RecordStayRequest{Parent: guest.GetName(), Stay: &gv.Stay{
		Hotel: hotel.GetName(), Nights: 2, BookingReference: uuid.NewString(),
		ArrivalDate: &date.Date{Year: int32(arrival.Year()), Month: int32(arrival.Month()), Day: int32(arrival.Day())},
	}})
	testserver.SkipIfUnimplemented(t, "LoyaltyService/RecordStay", err)
	if err != nil {
		t.Fatal(err)
	}
	status, err := client.Loyalty.GetLoyaltyStatus(ctx, &gv.GetLoyaltyStatusRequest{Guest: guest.GetName()})
	testserver.SkipIfUnimplemented(t, "LoyaltyService/GetLoyaltyStatus", err)
	if err != nil || status.GetQualifyingNights() != 2 {
		t.Fatalf("status = %v, %v", status, err)
	}
}

func TestInsightServiceSummarisesAHotel(t *testing.T) {
	client := dial(t)
	hotel := createHotel(t, client, "")
	now := time.Now()
	summary, err := client.Insights.GetHotelSummary(withDeadline(t, 10*time.Second), &gv.GetHotelSummaryRequest{
		Hotel:    hotel.GetName(),
		Interval: &interval.Interval{StartTime: timestamppb.New(now.Add(-24 * time.Hour)), EndTime: timestamppb.New(now)},
	})
	testserver.SkipIfUnimplemented(t, "InsightService/GetHotelSummary", err)
	if err != nil || summary.GetHotel() != hotel.GetName() {
		t.Fatalf("summary = %v, %v", summary, err)
	}
}

func dialServer(t *testing.T, server *testserver.Server) *guestvoice.Client {
	t.Helper()
	client, err := guestvoice.Dial(server.Address, server.AdminKey, guestvoice.Options{Plaintext: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	return client
}

// A key's rate limit paces a client rather than failing its calls: the
// server refuses a call over the limit with RESOURCE_EXHAUSTED and a
// RetryInfo, and the client sends it again after that delay.
func TestCallsOverTheRateLimitWaitTheirTurn(t *testing.T) {
	client := dialServer(t, testserver.Start(t, "--rate_limit_calls_per_second=20", "--rate_limit_burst=1"))
	for i := range 5 {
		if _, err := client.Admin.GetOrganization(withDeadline(t, 10*time.Second),
			&gv.GetOrganizationRequest{Name: parent}); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
}

// A call whose deadline comes before the server would admit it ends with the
// refusal, its reason and delay intact.
func TestARateLimitedCallWithoutTimeToWaitIsRefused(t *testing.T) {
	client := dialServer(t, testserver.Start(t, "--rate_limit_calls_per_second=0.2", "--rate_limit_burst=1"))
	request := &gv.GetOrganizationRequest{Name: parent}
	if _, err := client.Admin.GetOrganization(withDeadline(t, 10*time.Second), request); err != nil {
		t.Fatal(err)
	}
	_, err := client.Admin.GetOrganization(withDeadline(t, 2*time.Second), request)
	if d := guestvoice.Details(err); d.Code != codes.ResourceExhausted || d.Reason() != "LIMIT_EXCEEDED" {
		t.Fatalf("details = %+v", d)
	}
}
