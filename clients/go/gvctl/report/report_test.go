package report_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/guestvoice/guestvoice/clients/go/guestvoice"
	"github.com/guestvoice/guestvoice/clients/go/gvctl/demo"
	"github.com/guestvoice/guestvoice/clients/go/gvctl/report"
	"github.com/guestvoice/guestvoice/clients/go/internal/testserver"
)

var shared *testserver.Server

func TestMain(m *testing.M) { testserver.RunPackage(m, &shared) }

// chain is a small demo chain in an organization of its own.
type chain struct {
	org, key string
	client   *guestvoice.Client
	loaded   demo.Result
}

func demoChain(t *testing.T, org string) chain {
	t.Helper()
	c := chain{}
	c.org, c.key = shared.NewOrganization(t, org)
	c.client = dial(t, c.key)
	var err error
	c.loaded, err = demo.Load(context.Background(), c.client.Conn, demo.Options{Seed: 3, Items: 2000, Hotels: 4, Org: c.org})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func dial(t *testing.T, key string) *guestvoice.Client {
	t.Helper()
	client, err := guestvoice.Dial(shared.Address, key, guestvoice.Options{Plaintext: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	return client
}

// The last 30 days, as `gvctl report` asks by default.
func last30Days() (time.Time, time.Time) {
	end := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, 1)
	return end.AddDate(0, 0, -30), end
}

// Both kinds of report, rendered by headless Chromium: every chart is
// drawn with visible marks, nothing is fetched and nothing is logged.
func TestReportChartsAreDrawnInChromium(t *testing.T) {
	c := demoChain(t, "report-chromium")
	start, end := last30Days()
	for _, hotel := range []string{"", c.loaded.Hotels[0].Name} {
		t.Run("hotel="+hotel, func(t *testing.T) {
			data, err := report.Gather(context.Background(), c.client.Conn, report.Request{Org: c.org, Hotel: hotel, Start: start, End: end})
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "report.html")
			file, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := report.Render(file, data); err != nil {
				t.Fatal(err)
			}
			file.Close()

			seen := openInChromium(t, path)
			if len(seen.Problems) > 0 || len(seen.Console) > 0 || len(seen.Resources) > 0 {
				t.Errorf("problems %q, console %q, resources fetched %q", seen.Problems, seen.Console, seen.Resources)
			}
			// The trend, the aspects, the tiers, and a cell per hotel of the ranking.
			minMarks := map[string]int{"trend": 20, "bars": 3, "ranking": 1}
			count := map[string]int{}
			for _, chart := range seen.Charts {
				count[chart.Chart]++
				if chart.Width <= 0 || chart.Height <= 0 || chart.Marks < minMarks[chart.Chart] {
					t.Errorf("%s chart %.0fx%.0f with %d visible marks, want at least %d", chart.Chart, chart.Width, chart.Height, chart.Marks, minMarks[chart.Chart])
				}
			}
			if count["trend"] != 1 || count["bars"] != 2 || count["ranking"] != len(c.loaded.Hotels) {
				t.Errorf("charts %v, want 1 trend, 2 bar charts and %d ranking cells", count, len(c.loaded.Hotels))
			}
		})
	}
}

// A hotel's report puts its planted problem first among its top issues.
func TestHotelReportLeadsWithItsProblem(t *testing.T) {
	c := demoChain(t, "report-problem")
	_, end := last30Days()
	for _, hotel := range c.loaded.Hotels {
		if hotel.Problem == "" {
			continue
		}
		data, err := report.Gather(context.Background(), c.client.Conn, report.Request{Org: c.org, Hotel: hotel.Name, Start: end.AddDate(0, 0, -90), End: end})
		if err != nil {
			t.Fatal(err)
		}
		if len(data.TopIssues) == 0 || data.TopIssues[0].GetAspect() != hotel.Problem {
			t.Errorf("%s: top issues %v, want %s first", hotel.DisplayName, data.TopIssues, hotel.Problem)
		}
		if data.Title != hotel.DisplayName || len(data.Ranking) != len(c.loaded.Hotels) {
			t.Errorf("%s: title %q, %d hotels ranked", hotel.DisplayName, data.Title, len(data.Ranking))
		}
	}
}
