package demo_test

import (
	"context"
	"testing"
	"time"

	"google.golang.org/genproto/googleapis/type/interval"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
	"github.com/guestvoice/guestvoice/clients/go/gvctl/demo"
	"github.com/guestvoice/guestvoice/clients/go/internal/testserver"
)

var shared *testserver.Server

func TestMain(m *testing.M) { testserver.RunPackage(m, &shared) }

func dial(t *testing.T) *guestvoice.Client {
	t.Helper()
	client, err := guestvoice.Dial(shared.Address, shared.AdminKey, guestvoice.Options{Plaintext: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	return client
}

// The planted problems are what a manager should see first: each problem
// hotel's top issue over the last 90 days is its problem. Loading the same
// seed again adds nothing, because it is the very same data.
func TestLoadPlantsProblemsTopIssuesFind(t *testing.T) {
	client := dial(t)
	ctx := context.Background()
	end := time.Now().Truncate(time.Hour)
	options := demo.Options{Seed: 7, Items: 3000, Hotels: 6, End: end}

	result, err := demo.Load(ctx, client.Conn, options)
	if err != nil {
		t.Fatal(err)
	}
	if result.Ingested != 3000 || result.Duplicates != 0 {
		t.Fatalf("first load: ingested %d, duplicates %d; want 3000, 0", result.Ingested, result.Duplicates)
	}
	if len(result.Hotels) != 6 || result.Guests == 0 || result.Stays < result.Guests || result.CasesHandled == 0 {
		t.Fatalf("first load: %d hotels, %d guests, %d stays, %d cases handled", len(result.Hotels), result.Guests, result.Stays, result.CasesHandled)
	}
	resolved, err := client.Feedback.ListFeedback(ctx, &gv.ListFeedbackRequest{Parent: "organizations/default", CaseState: gv.CaseState_CASE_STATE_RESOLVED, PageSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(resolved.GetFeedback()) == 0 || resolved.GetFeedback()[0].GetCase().GetPublicResponse() == "" {
		t.Errorf("no resolved complaint with a public reply: %v", resolved.GetFeedback())
	}

	last90Days := &interval.Interval{StartTime: timestamppb.New(end.AddDate(0, 0, -90)), EndTime: timestamppb.New(end)}
	planted := 0
	for _, hotel := range result.Hotels {
		if hotel.Problem == "" {
			continue
		}
		planted++
		issues, err := client.Insights.ListTopIssues(ctx, &gv.ListTopIssuesRequest{Scope: hotel.Name, Interval: last90Days})
		if err != nil {
			t.Fatal(err)
		}
		if len(issues.GetIssues()) == 0 || issues.GetIssues()[0].GetAspect() != hotel.Problem {
			t.Errorf("%s: top issues %v, want %s first", hotel.DisplayName, issues.GetIssues(), hotel.Problem)
		}
	}
	if planted != 3 {
		t.Errorf("%d hotels with a planted problem, want 3", planted)
	}

	again, err := demo.Load(ctx, client.Conn, options)
	if err != nil {
		t.Fatal(err)
	}
	if again.Ingested != 0 || again.Duplicates != 3000 || again.CasesHandled != 0 {
		t.Errorf("second load: ingested %d, duplicates %d, %d cases handled; want 0, 3000, 0", again.Ingested, again.Duplicates, again.CasesHandled)
	}
	// An hour earlier the plan moves: some ids the first load stored come
	// with other dates or another hotel. The load keeps what is stored under
	// them instead of failing.
	earlier := options
	earlier.End = end.Add(-time.Hour)
	if _, err := demo.Load(ctx, client.Conn, earlier); err != nil {
		t.Fatalf("load with another end: %v", err)
	}
}
