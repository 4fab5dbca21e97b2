package importing

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Progress shows how far an import is: a redrawn bar with items, rate and
// ETA on a terminal, a plain line every few seconds otherwise (logs, CI).
type Progress struct {
	w        io.Writer
	terminal bool
	total    int64 // bytes of the input, for the share done and the ETA
	start    time.Time
	last     time.Time
	now      func() time.Time
}

// plainEvery is how often a non-terminal gets a progress line.
const plainEvery = 5 * time.Second

// NewProgress reports to w; totalBytes is the input's size.
func NewProgress(w io.Writer, terminal bool, totalBytes int64) *Progress {
	return &Progress{w: w, terminal: terminal, total: totalBytes, start: time.Now(), now: time.Now}
}

// Update reports items answered and bytes of input read so far.
func (p *Progress) Update(items int, readBytes int64) {
	if p == nil {
		return
	}
	now := p.now()
	if !p.terminal && now.Sub(p.last) < plainEvery {
		return
	}
	p.last = now
	elapsed := now.Sub(p.start).Seconds()
	rate := 0.0
	if elapsed > 0 {
		rate = float64(items) / elapsed
	}
	share := 1.0
	if p.total > 0 {
		share = min(float64(readBytes)/float64(p.total), 1)
	}
	eta := "-"
	if share > 0 && share < 1 && elapsed > 0 {
		eta = (time.Duration(elapsed*(1-share)/share) * time.Second).Round(time.Second).String()
	}
	if p.terminal {
		const width = 30
		filled := int(share * width)
		fmt.Fprintf(p.w, "\r[%s%s] %3.0f%%  %d items  %.0f/s  ETA %s ",
			strings.Repeat("=", filled), strings.Repeat(" ", width-filled), share*100, items, rate, eta)
		return
	}
	fmt.Fprintf(p.w, "import: %d items, %.0f%% of the file, %.0f items/s, ETA %s\n", items, share*100, rate, eta)
}

// Done ends the bar's line.
func (p *Progress) Done() {
	if p != nil && p.terminal {
		fmt.Fprintln(p.w)
	}
}
