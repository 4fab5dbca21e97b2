package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

// jsonOptions spell fields as the API's JSON mapping does (lowerCamelCase,
// enums by name) so that output can be fed back to the API.
var jsonOptions = protojson.MarshalOptions{EmitUnpopulated: false}

// writeJSONLine writes message as one line of JSON (JSON Lines).
func writeJSONLine(w io.Writer, message proto.Message) error {
	data, err := jsonOptions.Marshal(message)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

// writeJSONList writes messages as one JSON array.
func writeJSONList[M proto.Message](w io.Writer, messages []M) error {
	parts := make([]string, len(messages))
	for i, message := range messages {
		data, err := jsonOptions.Marshal(message)
		if err != nil {
			return err
		}
		parts[i] = string(data)
	}
	_, err := fmt.Fprintf(w, "[%s]\n", strings.Join(parts, ",\n"))
	return err
}

// table writes aligned columns for people.
type table struct{ w *tabwriter.Writer }

func newTable(w io.Writer, headers ...string) *table {
	t := &table{tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)}
	t.row(toAny(headers)...)
	return t
}

func (t *table) row(cells ...any) {
	text := make([]string, len(cells))
	for i, cell := range cells {
		text[i] = strings.ReplaceAll(fmt.Sprint(cell), "\t", " ")
	}
	fmt.Fprintln(t.w, strings.Join(text, "\t"))
}

func (t *table) flush() error { return t.w.Flush() }

func toAny(values []string) []any {
	result := make([]any, len(values))
	for i, v := range values {
		result[i] = v
	}
	return result
}

// when formats a timestamp for people, "-" when unset.
func when(ts *timestamppb.Timestamp) string {
	if ts == nil {
		return "-"
	}
	return ts.AsTime().UTC().Format(time.RFC3339)
}

// orDash is text, or "-" for an empty table cell.
func orDash(text string) string {
	if text == "" {
		return "-"
	}
	return text
}

// lastSegment is the id at the end of a resource name.
func lastSegment(name string) string {
	return name[strings.LastIndex(name, "/")+1:]
}

// ellipsis shortens text to n characters for a table cell.
func ellipsis(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	runes := []rune(text)
	if len(runes) <= n {
		return text
	}
	return string(runes[:n-1]) + "…"
}

// sourceName is "google" for SOURCE_GOOGLE.
func sourceName(source fmt.Stringer) string {
	return strings.ToLower(strings.TrimPrefix(source.String(), "SOURCE_"))
}

// bandName is "negative" for SENTIMENT_BAND_NEGATIVE.
func bandName(band fmt.Stringer) string {
	return strings.ToLower(strings.TrimPrefix(band.String(), "SENTIMENT_BAND_"))
}

func percent(share float64) string { return fmt.Sprintf("%.0f%%", share*100) }

// The server reports 0 for a mean or a share over no voices; a table shows
// "-" there, so an interval nobody scored does not read as neutral.

// sentimentOver is a mean sentiment over `voices` scored voices.
func sentimentOver(mean float64, voices int64) string {
	if voices == 0 {
		return "-"
	}
	return fmt.Sprintf("%+.2f", mean)
}

// shareOver is a share of `voices` scored voices.
func shareOver(share float64, voices int64) string {
	if voices == 0 {
		return "-"
	}
	return percent(share)
}

// ratingOver is a mean rating (0-1) over `voices` rated voices.
func ratingOver(mean float64, voices int64) string {
	if voices == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f", mean)
}

// scoredVoices is how many of a figure's voices enter its sentiment.
func scoredVoices(s *gv.VoiceStats) int64 { return s.GetVoiceCount() - s.GetNotScoredVoiceCount() }
