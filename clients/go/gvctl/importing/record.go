// Package importing reads review, social and property-management exports
// and sends them to guestvoice: one file per source format (docs/import.md
// maps each one's fields), a checkpoint so an interrupted import resumes
// where it stopped, a per-line error report and a summary by outcome.
package importing

import (
	"fmt"
	"strings"
	"time"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

// Record is one item read from a source file. Exactly one of Feedback,
// CheckIn, Stay, Problem and Skipped is set.
type Record struct {
	// Line is where the record starts in the file, from 1 (the element's
	// position, from 1, for formats that are one JSON document).
	Line int
	// Venue is the source's id of the place (location, venue or property),
	// looked up in the hotel mapping; empty when the record names none.
	Venue string
	// Hotel is the guestvoice hotel id when the record names it itself (the
	// API's own JSON); the mapping is then not consulted.
	Hotel string

	Feedback *gv.Feedback
	// PostLocal is when a feedback item was posted, when its export writes
	// it without a zone: its post_time is set in the hotel's time zone once
	// the hotel is known (Importer.placeLocal), and is unset until then.
	PostLocal LocalTime
	// EditLocal is when the item was last edited, when its export writes
	// it without a zone: placed as PostLocal is, into the edit_time.
	EditLocal LocalTime
	// PublicResponse is the hotel's published reply (Google's reviewReply,
	// Booking.com's reply, Tripadvisor's owner_response):
	// set as the case's public response once the item is stored.
	PublicResponse string
	CheckIn        *gv.CheckIn
	Stay           *StayRecord
	// Problem says why the record could not be read; it is reported and
	// counted as rejected, and the import goes on.
	Problem error
	// Skipped is why a record that was read is not stored as a new item (a
	// Skip reason): it is counted as such.
	Skipped string
	// SkipIfUnmapped is the Skip reason of the record when the mapping has
	// no hotel for its Venue, where that is no mistake of the mapping's: a
	// cancelled booking (nothing was recorded for it), a check-in at a
	// venue that is no lodging. Without one, an unmapped record is
	// rejected as HOTEL_NOT_MAPPED.
	SkipIfUnmapped string
}

// Reasons a record is skipped.
const (
	// SkipRetweet: a repost of another post, without words of its own. The
	// words are the original author's, whose post is imported as theirs;
	// each reposter is not another guest saying them.
	SkipRetweet = "RETWEET"
	// SkipCancelled: a booking cancelled or not shown up for. A stay an
	// earlier import recorded under its booking reference is cancelled;
	// nothing else is recorded for it (no stay, no guest profile).
	SkipCancelled = "CANCELLED"
	// SkipNotLodging: a check-in at a place whose categories say it is no
	// lodging (a café, a museum) and that the mapping does not name.
	SkipNotLodging = "NOT_LODGING"
	// SkipNoVenue: a check-in at no venue (Swarm's "venueless" check-ins,
	// a spot on the map): it names no place a hotel could be.
	SkipNoVenue = "NO_VENUE"
)

// LocalTime is a date, or a date and time of day, as an export writes it
// without a zone: the fields of Wall (year to nanosecond, read in UTC) are
// what the file says, and name no instant until a zone is chosen.
type LocalTime struct {
	Wall time.Time
	// HasClock: a time of day was given; without one, Wall is a day.
	HasClock bool
}

// IsSet says whether the record has a time without zone to place.
func (l LocalTime) IsSet() bool { return !l.Wall.IsZero() }

// In is the instant l names in location. A day without time of day is noon
// there, so that it falls on that local day however a reader rounds (midnight
// UTC would be the day before for a hotel west of UTC); today's noon, when it
// is still ahead, is now instead, so that nothing is posted in the future.
func (l LocalTime) In(location *time.Location, now time.Time) time.Time {
	w := l.Wall
	if l.HasClock {
		return wallClockIn(w, location)
	}
	at := time.Date(w.Year(), w.Month(), w.Day(), 12, 0, 0, 0, location)
	if at.After(now) && now.In(location).Format(time.DateOnly) == w.Format(time.DateOnly) {
		return now
	}
	return at
}

// wallClockIn is the instant whose clock in location reads w's fields, as
// java.time resolves it (time.Date leaves the choice open): in the hour a
// change of clocks repeats, the earlier of its two instants; in the hour it
// skips, w read with the offset from before the change (02:30 where clocks
// jump from 02:00 to 03:00 is 03:30 after it).
func wallClockIn(w time.Time, location *time.Location) time.Time {
	fields := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), w.Nanosecond(), time.UTC)
	// The offsets in force a day either side: a change of clocks between
	// them is the only one w can fall in.
	_, before := fields.Add(-24 * time.Hour).In(location).Zone()
	_, after := fields.Add(24 * time.Hour).In(location).Zone()
	readAs := func(offset int) time.Time { return fields.Add(-time.Duration(offset) * time.Second).In(location) }
	earlier, later := readAs(before), readAs(after)
	if later.Before(earlier) {
		earlier, later = later, earlier
	}
	for _, candidate := range []time.Time{earlier, later} {
		if sameClock(candidate, fields) {
			return candidate
		}
	}
	return readAs(before)
}

// sameClock says whether t's clock, in its own location, reads fields'.
func sameClock(t, fields time.Time) bool {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	return y == fields.Year() && mo == fields.Month() && d == fields.Day() &&
		h == fields.Hour() && mi == fields.Minute() && s == fields.Second()
}

// StayRecord is one row of a property-management export: a booking with
// the guest as the front desk typed it.
type StayRecord struct {
	GuestName string
	Email     string
	Phone     string
	Stay      *gv.Stay
	// Cancelled: the booking was cancelled or its guest never came (the
	// status column); it earns nothing, and a stay recorded for it by an
	// earlier import is cancelled.
	Cancelled bool
}

// FileError is a problem that stops a whole file from being read (a
// truncated JSON document, a missing column), named with its place.
type FileError struct {
	Path string
	Line int
	Err  error
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *FileError) Unwrap() error { return e.Err }

// anonymousHandle is the author handle of an item whose author is not
// named (an anonymous Google reviewer, a survey without respondent): one per
// item, from its external id, so each anonymous guest is a voice of their
// own and two of them writing the same short text are not one author's
// repeat.
func anonymousHandle(externalID string) string { return "anonymous-" + externalID }

// problemf is a record that could not be read.
func problemf(line int, format string, args ...any) Record {
	return Record{Line: line, Problem: fmt.Errorf(format, args...)}
}

// languageTag is an export's language code as a BCP-47 tag: "zh_TW" (a
// locale, as Tripadvisor writes it) becomes "zh-TW", and a retired code
// its successor ("iw" is "he"). A code that is still not a tag in shape,
// or "und" (undetermined), is dropped: the server then detects the
// language, where refusing the code would lose the review.
func languageTag(code string) string {
	tag := strings.ReplaceAll(strings.TrimSpace(code), "_", "-")
	if !looksLikeLanguageTag(tag) || !namesALanguage(tag) {
		return ""
	}
	return withCurrentLanguageCode(tag)
}

// retiredLanguageCodes are ISO 639 codes withdrawn in 1989 that Java's
// Locale, and X/Twitter with it, still writes, by the code that replaced
// them: a language counted under two codes would split its figures.
var retiredLanguageCodes = map[string]string{"in": "id", "iw": "he", "ji": "yi"}

// withCurrentLanguageCode is tag with a retired primary language code
// replaced ("iw-IL" is "he-IL").
func withCurrentLanguageCode(tag string) string {
	primary, rest, _ := strings.Cut(tag, "-")
	current, retired := retiredLanguageCodes[strings.ToLower(primary)]
	if !retired {
		return tag
	}
	if rest == "" {
		return current
	}
	return current + "-" + rest
}

// namesALanguage is false for the ISO 639 codes that name no one language:
// und (undetermined), zxx (no linguistic content), mul (several), mis
// (uncoded), and the private-use qaa-qtz, in which X/Twitter writes its own
// (qme: media links only, qht: hashtags only, qam: mentions only).
func namesALanguage(tag string) bool {
	primary, _, _ := strings.Cut(strings.ToLower(tag), "-")
	switch primary {
	case "und", "zxx", "mul", "mis":
		return false
	}
	return !(len(primary) == 3 && primary >= "qaa" && primary <= "qtz")
}

// looksLikeLanguageTag is the server's check of a language_code's shape:
// subtags of 1-8 ASCII letters or digits joined by '-', the first starting
// with a letter, 35 bytes at most.
func looksLikeLanguageTag(tag string) bool {
	if tag == "" || len(tag) > 35 || !isASCIILetter(tag[0]) {
		return false
	}
	for _, subtag := range strings.Split(tag, "-") {
		if subtag == "" || len(subtag) > 8 {
			return false
		}
		for i := 0; i < len(subtag); i++ {
			if c := subtag[i]; !isASCIILetter(c) && (c < '0' || c > '9') {
				return false
			}
		}
	}
	return true
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
