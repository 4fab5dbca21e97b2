package importing

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
)

// Counts are the outcomes of an import so far.
type Counts struct {
	// Ingested records were stored by this import.
	Ingested int `json:"ingested"`
	// Repeats are the ingested items whose author had posted the same text
	// before: stored, but counted once in insights.
	Repeats int `json:"repeats"`
	// AlreadyPresent records had been stored before (an earlier import of
	// the same file, or the same item from elsewhere); nothing was counted.
	AlreadyPresent int `json:"already_present"`
	// Edited records had been stored before and are a later edit of it at
	// the source: a feedback item took their words (Feedback.edit_time), a
	// stay the booking's new details (UpdateStay).
	Edited int `json:"edited"`
	// Rejected counts the records refused, by reason: the server's ErrorInfo
	// reason, or UNREADABLE / HOTEL_NOT_MAPPED for what gvctl itself refused.
	Rejected map[string]int `json:"rejected"`
	// Skipped counts the records read and not stored as new items, by
	// reason (Record.Skipped): a retweet, a cancelled booking.
	Skipped map[string]int `json:"skipped,omitempty"`
	// RepliesRefused counts the items stored (and counted above as such)
	// whose published reply the server refused, one longer than a case
	// keeps: each is a line of the error report.
	RepliesRefused int `json:"replies_refused,omitempty"`
}

// Local rejection reasons, besides the server's ErrorInfo reasons.
const (
	ReasonUnreadable     = "UNREADABLE"
	ReasonHotelNotMapped = "HOTEL_NOT_MAPPED"
	// ReasonBookingChanged: the file's booking differs from the stay
	// recorded under its reference, which the import leaves as it is.
	ReasonBookingChanged = "BOOKING_CHANGED"
)

// rejection is a record refused by gvctl itself after asking the server.
type rejection struct{ reason, message string }

func (r *rejection) Error() string { return r.message }

func (c *Counts) reject(reason string) {
	if c.Rejected == nil {
		c.Rejected = map[string]int{}
	}
	c.Rejected[reason]++
}

func (c *Counts) skip(reason string) {
	if c.Skipped == nil {
		c.Skipped = map[string]int{}
	}
	c.Skipped[reason]++
}

// SkippedTotal is the number of records skipped for any reason.
func (c Counts) SkippedTotal() int {
	total := 0
	for _, n := range c.Skipped {
		total += n
	}
	return total
}

// RejectedTotal is the number of records refused for any reason.
func (c Counts) RejectedTotal() int {
	total := 0
	for _, n := range c.Rejected {
		total += n
	}
	return total
}

// ReportedTotal is the number of records with a line in the error report:
// those rejected, and those stored without their reply.
func (c Counts) ReportedTotal() int { return c.RejectedTotal() + c.RepliesRefused }

// Total is every record answered.
func (c Counts) Total() int {
	return c.Ingested + c.AlreadyPresent + c.Edited + c.RejectedTotal() + c.SkippedTotal()
}

// WriteSummary writes the counts for people.
func (c Counts) WriteSummary(w io.Writer) {
	fmt.Fprintf(w, "ingested         %d\n", c.Ingested)
	if c.Repeats > 0 {
		fmt.Fprintf(w, "  of which repeats       %d\n", c.Repeats)
	}
	fmt.Fprintf(w, "already present  %d\n", c.AlreadyPresent)
	if c.Edited > 0 {
		fmt.Fprintf(w, "edited           %d\n", c.Edited)
	}
	if c.SkippedTotal() > 0 {
		fmt.Fprintf(w, "skipped          %d\n", c.SkippedTotal())
		writeByReason(w, c.Skipped)
	}
	fmt.Fprintf(w, "rejected         %d\n", c.RejectedTotal())
	writeByReason(w, c.Rejected)
	if c.RepliesRefused > 0 {
		fmt.Fprintf(w, "replies refused  %d\n", c.RepliesRefused)
	}
}

func writeByReason(w io.Writer, counts map[string]int) {
	reasons := make([]string, 0, len(counts))
	for reason := range counts {
		reasons = append(reasons, reason)
	}
	sort.Strings(reasons)
	for _, reason := range reasons {
		fmt.Fprintf(w, "  %-22s %d\n", reason, counts[reason])
	}
}

// Rejection is one line of the error report (JSON Lines).
type Rejection struct {
	File    string            `json:"file"`
	Line    int               `json:"line"`
	Reason  string            `json:"reason"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// errorReport appends rejections to a JSON Lines file, opened on the first.
type errorReport struct {
	path string
	file *os.File
}

func (r *errorReport) add(rejection Rejection) error {
	if r.file == nil {
		file, err := os.OpenFile(r.path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			return fmt.Errorf("error report: %w", err)
		}
		r.file = file
	}
	data, err := json.Marshal(rejection)
	if err != nil {
		return err
	}
	_, err = r.file.Write(append(data, '\n'))
	return err
}

// sync makes the report durable before the checkpoint moves past it.
func (r *errorReport) sync() error {
	if r.file == nil {
		return nil
	}
	return r.file.Sync()
}

func (r *errorReport) close() error {
	if r.file == nil {
		return nil
	}
	return r.file.Close()
}
