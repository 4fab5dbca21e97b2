package guestvoice_test

import (
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

// busyFeedbackServer refuses ImportFeedback as guestvoice does under load:
// its first call as a whole (as many import streams open as allowed), then,
// in the next, the item with external id "b" (a full write stage). Each
// refusal carries a RetryInfo and stores nothing.
type busyFeedbackServer struct {
	gv.UnimplementedFeedbackServiceServer
	mu sync.Mutex
	// calls holds the external ids each call received.
	calls  [][]string
	stored map[string]bool
}

func limitRefusal() *status.Status {
	refusal, _ := status.New(codes.ResourceExhausted, "busy: retry shortly").
		WithDetails(&errdetails.RetryInfo{RetryDelay: durationpb.New(time.Millisecond)})
	return refusal
}

func (s *busyFeedbackServer) ImportFeedback(stream gv.FeedbackService_ImportFeedbackServer) error {
	var ids []string
	for {
		request, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		ids = append(ids, request.GetFeedback().GetExternalId())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, ids)
	if len(s.calls) == 1 {
		return limitRefusal().Err()
	}
	response := &gv.ImportFeedbackResponse{}
	for i, id := range ids {
		result := &gv.ImportFeedbackResult{Index: int64(i), Feedback: "organizations/default/feedback/" + id}
		switch {
		case id == "b" && len(s.calls) == 2:
			result.Status = limitRefusal().Proto()
		case s.stored[id]:
			result.Duplicate = true
		default:
			s.stored[id] = true
		}
		response.Results = append(response.Results, result)
	}
	return stream.SendAndClose(response)
}

func TestItemsRefusedForLoadAreSentAgain(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	server := grpc.NewServer()
	fake := &busyFeedbackServer{stored: map[string]bool{}}
	gv.RegisterFeedbackServiceServer(server, fake)
	go server.Serve(listener)
	defer server.Stop()
	client, err := guestvoice.Dial(listener.Addr().String(), "key", guestvoice.Options{Plaintext: true})
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()

	items := []*gv.Feedback{{ExternalId: "a"}, {ExternalId: "b"}, {ExternalId: "c"}}
	results, err := guestvoice.ImportFeedback(withDeadline(t, 30*time.Second), client.Feedback, parent, items)
	if err != nil {
		t.Fatal(err)
	}
	for i, result := range results {
		if result.GetStatus().GetCode() != 0 || result.GetDuplicate() || result.GetIndex() != int64(i) ||
			result.GetFeedback() != "organizations/default/feedback/"+items[i].GetExternalId() {
			t.Errorf("result %d: %v", i, result)
		}
	}
	if got, want := fmt.Sprint(fake.calls), "[[a b c] [a b c] [b]]"; got != want {
		t.Errorf("calls %s, want %s", got, want)
	}
}
