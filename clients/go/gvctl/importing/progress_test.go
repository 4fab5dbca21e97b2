package importing

import (
	"strings"
	"testing"
	"time"
)

// fakeClock steps through the given instants, one per call.
func fakeClock(start time.Time, steps ...time.Duration) func() time.Time {
	i := 0
	return func() time.Time {
		now := start.Add(steps[min(i, len(steps)-1)])
		i++
		return now
	}
}

func TestProgressDrawsABarOnATerminal(t *testing.T) {
	var out strings.Builder
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := NewProgress(&out, true, 1000)
	p.start, p.now = start, fakeClock(start, 10*time.Second)
	p.Update(250, 500)
	p.Done()
	want := "\r[===============               ]  50%  250 items  25/s  ETA 10s \n"
	if out.String() != want {
		t.Errorf("bar %q, want %q", out.String(), want)
	}
}

func TestProgressWritesAPlainLineEveryFewSecondsOtherwise(t *testing.T) {
	var out strings.Builder
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := NewProgress(&out, false, 1000)
	p.start, p.now = start, fakeClock(start, 1*time.Second, 2*time.Second, 7*time.Second)
	p.Update(10, 100)
	p.Update(20, 200) // within plainEvery of the last line: not shown
	p.Update(70, 700)
	p.Done()
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 2 || lines[1] != "import: 70 items, 70% of the file, 10 items/s, ETA 3s" {
		t.Errorf("progress lines %q", lines)
	}
}
