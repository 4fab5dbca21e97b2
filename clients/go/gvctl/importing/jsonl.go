package importing

import (
	"io"
	"strings"

	"google.golang.org/protobuf/encoding/protojson"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

func init() {
	register(Format{
		Name:        "jsonl",
		Description: "the API's own Feedback JSON, one item per line (what `gvctl export feedback` writes)",
		Kind:        KindFeedback,
		Read:        readJSONLines,
	})
}

// readJSONLines reads one Feedback per line in the API's JSON mapping. Its
// hotel may be a hotel id or the hotel's resource name; without one, the
// hotel comes from --hotel.
func readJSONLines(r io.Reader, _ Options, yield func(Record) bool) error {
	parse := protojson.UnmarshalOptions{DiscardUnknown: true}
	return readLines(r, func(l line) bool {
		if l.problem != nil {
			return yield(Record{Line: l.number, Problem: l.problem})
		}
		if strings.TrimSpace(string(l.text)) == "" {
			return true
		}
		feedback := &gv.Feedback{}
		if err := parse.Unmarshal(l.text, feedback); err != nil {
			return yield(problemf(l.number, "not a Feedback in JSON: %v", err))
		}
		hotel := feedback.GetHotel()
		if i := strings.LastIndex(hotel, "/hotels/"); i >= 0 {
			hotel = hotel[i+len("/hotels/"):]
		}
		return yield(Record{Line: l.number, Hotel: hotel, Feedback: feedback})
	})
}
