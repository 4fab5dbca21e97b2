package report

import (
	"fmt"
	"math"
	"strings"
	"time"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

// The charts are inline SVG laid out here, in Go, and drawn by the
// template: no script and no chart library, so the file shows the same
// anywhere, offline, and all text in it goes through html/template's
// escaping. Coordinates are in SVG user units; the SVGs scale to the page.

// tick is an axis label at a position.
type tick struct {
	At    float64
	Label string
}

// mark is a drawn shape with its tooltip.
type mark struct {
	X, Y, W, H float64
	Class      string
	Title      string
}

// rounded keeps a tenth of a unit, more than any screen shows, so the SVG
// reads "441.7", not "441.74512447488587".
func (m mark) rounded() mark {
	m.X, m.Y, m.W, m.H = round(m.X), round(m.Y), round(m.W), round(m.H)
	return m
}

func round(v float64) float64 { return math.Round(v*10) / 10 }

// trendChart is voice-weighted sentiment per bucket as a line, over the
// number of voices per bucket as bars.
type trendChart struct {
	Width, Height                       float64
	PlotLeft, PlotRight, PlotTop, ZeroY float64
	VolumeTop, VolumeBottom             float64
	Line                                string // SVG path data
	Points                              []mark
	Volume                              []mark
	YTicks, XTicks                      []tick
	MaxVoicesLabel                      string
	HasVoices                           bool
}

func newTrendChart(buckets []*gv.TrendBucket, granularity gv.Granularity) trendChart {
	c := trendChart{Width: 960, Height: 300, PlotLeft: 48, PlotRight: 944, PlotTop: 16, VolumeTop: 224, VolumeBottom: 276}
	sentimentBottom := 204.0
	low, high := -0.2, 0.6
	maxVoices := int64(0)
	for _, b := range buckets {
		if b.GetVoiceCount() > 0 {
			low = math.Min(low, math.Floor((b.GetMeanSentiment()-0.1)*5)/5)
			high = math.Max(high, math.Ceil((b.GetMeanSentiment()+0.1)*5)/5)
		}
		maxVoices = max(maxVoices, b.GetVoiceCount())
	}
	low, high = math.Max(low, -1), math.Min(high, 1)
	y := func(sentiment float64) float64 {
		return sentimentBottom - (sentiment-low)/(high-low)*(sentimentBottom-c.PlotTop)
	}
	for v := low; v <= high+1e-9; v += 0.2 {
		c.YTicks = append(c.YTicks, tick{round(y(v)), fmt.Sprintf("%+.1f", v)})
	}
	c.ZeroY = round(y(0))

	step := (c.PlotRight - c.PlotLeft) / float64(max(len(buckets), 1))
	var path strings.Builder
	penDown := false
	labelEvery := max(1, (len(buckets)+7)/8)
	for i, b := range buckets {
		x := c.PlotLeft + step*(float64(i)+0.5)
		label := bucketLabel(b, granularity)
		if i%labelEvery == 0 {
			c.XTicks = append(c.XTicks, tick{round(x), label})
		}
		if maxVoices > 0 && b.GetVoiceCount() > 0 {
			h := float64(b.GetVoiceCount()) / float64(maxVoices) * (c.VolumeBottom - c.VolumeTop)
			c.Volume = append(c.Volume, mark{X: x - step*0.35, Y: c.VolumeBottom - h, W: step * 0.7, H: h, Class: "volume",
				Title: fmt.Sprintf("%s: %d voices, %d items", label, b.GetVoiceCount(), b.GetFeedbackCount())}.rounded())
		}
		if b.GetVoiceCount() == 0 {
			penDown = false // a gap, not a fall to zero
			continue
		}
		py := y(b.GetMeanSentiment())
		if penDown {
			fmt.Fprintf(&path, " L%.1f %.1f", x, py)
		} else {
			fmt.Fprintf(&path, " M%.1f %.1f", x, py)
		}
		penDown = true
		c.HasVoices = true
		c.Points = append(c.Points, mark{X: x, Y: py, Class: sentimentClass(b.GetMeanSentiment()),
			Title: fmt.Sprintf("%s: mean sentiment %s over %d voices", label, signed(b.GetMeanSentiment()), b.GetVoiceCount())}.rounded())
	}
	c.Line = strings.TrimSpace(path.String())
	c.MaxVoicesLabel = fmt.Sprintf("voices (at most %d a bucket)", maxVoices)
	return c
}

func bucketLabel(b *gv.TrendBucket, granularity gv.Granularity) string {
	d := b.GetDate()
	day := time.Date(int(d.GetYear()), time.Month(d.GetMonth()), int(d.GetDay()), 0, 0, 0, 0, time.UTC)
	if granularity == gv.Granularity_GRANULARITY_MONTH {
		return day.Format("Jan 2006")
	}
	return day.Format("2 Jan")
}

// barRow is one row of a horizontal bar chart.
type barRow struct {
	Y            float64
	Label, Value string
	Bars         []mark
	// Previous marks the previous interval's value; nil when there was
	// none.
	Previous *mark
}

// barChart is horizontal bars, one row per aspect, tier or hotel.
type barChart struct {
	Width, Height        float64
	LabelRight, PlotLeft float64
	PlotRight, ValueLeft float64
	ZeroX                float64
	Rows                 []barRow
	Axis                 []tick
}

const rowHeight = 30

func newBarChart(rows int) barChart {
	return barChart{Width: 960, Height: float64(rows*rowHeight + 28), LabelRight: 200, PlotLeft: 212, PlotRight: 700, ValueLeft: 716}
}

// newAspectChart draws each aspect's voice-weighted mean sentiment as a
// bar left (negative) or right (positive) of zero, with a tick where it was
// in the previous interval.
func newAspectChart(current, previous []*gv.AspectStats) barChart {
	c := newBarChart(len(current))
	c.ZeroX = (c.PlotLeft + c.PlotRight) / 2
	half := (c.PlotRight - c.PlotLeft) / 2
	for _, v := range []float64{-1, -0.5, 0, 0.5, 1} {
		c.Axis = append(c.Axis, tick{c.ZeroX + v*half, fmt.Sprintf("%+.1f", v)})
	}
	before := map[string]*gv.AspectStats{}
	for _, a := range previous {
		before[a.GetAspect()] = a
	}
	for i, a := range current {
		row := barRow{Y: float64(i*rowHeight + 4), Label: aspectName(a.GetAspect())}
		if a.GetVoiceCount() == 0 {
			row.Value = "no mentions"
		} else {
			w := a.GetMeanSentiment() * half
			bar := mark{X: math.Min(c.ZeroX, c.ZeroX+w), Y: row.Y + 4, W: math.Max(math.Abs(w), 1), H: rowHeight - 12,
				Class: sentimentClass(a.GetMeanSentiment()),
				Title: fmt.Sprintf("%s: mean %s, %d voices, %s of them negative", aspectName(a.GetAspect()), signed(a.GetMeanSentiment()), a.GetVoiceCount(), percent(a.GetNegativeShare()))}
			row.Bars = []mark{bar.rounded()}
			row.Value = fmt.Sprintf("%s · %d voices · %s negative", signed(a.GetMeanSentiment()), a.GetVoiceCount(), percent(a.GetNegativeShare()))
		}
		if p := before[a.GetAspect()]; p.GetVoiceCount() > 0 {
			previous := mark{X: c.ZeroX + p.GetMeanSentiment()*half, Y: row.Y + 1, H: rowHeight - 6, Class: "previous",
				Title: fmt.Sprintf("previous interval: %s over %d voices", signed(p.GetMeanSentiment()), p.GetVoiceCount())}.rounded()
			row.Previous = &previous
		}
		c.Rows = append(c.Rows, row)
	}
	return c
}

// newShareChart draws each row's positive, neutral and negative shares of
// voices as one stacked bar.
func newShareChart(labels []string, stats []*gv.VoiceStats) barChart {
	c := newBarChart(len(stats))
	width := c.PlotRight - c.PlotLeft
	for _, v := range []float64{0, 0.25, 0.5, 0.75, 1} {
		c.Axis = append(c.Axis, tick{c.PlotLeft + v*width, percent(v)})
	}
	for i, s := range stats {
		row := barRow{Y: float64(i*rowHeight + 4), Label: labels[i]}
		if s.GetVoiceCount() == 0 {
			row.Value = "no voices"
			c.Rows = append(c.Rows, row)
			continue
		}
		x := c.PlotLeft
		for _, part := range []struct {
			share float64
			class string
			name  string
		}{
			{s.GetPositiveShare(), "positive", "positive"},
			{s.GetNeutralShare(), "neutral", "neutral"},
			{s.GetNegativeShare(), "negative", "negative"},
		} {
			if part.share <= 0 {
				continue
			}
			w := part.share * width
			row.Bars = append(row.Bars, mark{X: x, Y: row.Y + 4, W: w, H: rowHeight - 12, Class: part.class,
				Title: fmt.Sprintf("%s: %s of %d voices %s", labels[i], percent(part.share), s.GetVoiceCount(), part.name)}.rounded())
			x += w
		}
		row.Value = fmt.Sprintf("%d voices · mean %s", s.GetVoiceCount(), signed(s.GetMeanSentiment()))
		c.Rows = append(c.Rows, row)
	}
	return c
}

// sentimentClass colours a voice-weighted mean by VADER's bands.
func sentimentClass(mean float64) string {
	switch {
	case mean >= 0.05:
		return "positive"
	case mean <= -0.05:
		return "negative"
	default:
		return "neutral"
	}
}

func percent(share float64) string { return fmt.Sprintf("%.0f%%", share*100) }
