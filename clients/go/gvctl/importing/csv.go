package importing

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"google.golang.org/protobuf/types/known/timestamppb"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

func init() {
	register(Format{
		Name: "csv",
		Description: "feedback as CSV with a header row; columns external_id, text, author, post_time " +
			"(and optional author_name, rating, rating_min, rating_max, language, venue, source, edit_time), renamed with --map",
		Kind: KindFeedback,
		Read: readFeedbackCSV,
	})
}

// csvRows reads a CSV file with a header row and yields each row as a
// lookup of the format's fields, resolved through options.Columns. A
// required entry "a|b" is met by a column for either field. A missing
// required column, or any column --map names, stops the file; a malformed
// row is a problem of its own.
func csvRows(r io.Reader, options Options, required, optional []string,
	yield func(line int, get func(field string) string, problem error) bool) error {
	var alternatives [][]string
	single := required[:0:0]
	for _, entry := range required {
		if fields := strings.Split(entry, "|"); len(fields) > 1 {
			alternatives = append(alternatives, fields)
			optional = append(append([]string{}, optional...), fields...)
		} else {
			single = append(single, entry)
		}
	}
	required = single
	input := asCSVText(r)
	reader := csv.NewReader(input)
	separator, declared := excelSeparator(input)
	reader.Comma = separator
	if !declared {
		reader.Comma = detectDelimiter(input)
	}
	reader.FieldsPerRecord = -1
	reader.ReuseRecord = true
	first, err := reader.Read()
	if declared && err == nil {
		// The sep= line is read as a row, so that lines keep their numbers.
		first, err = reader.Read()
	}
	if err == io.EOF {
		return &FileError{Line: 1, Err: errors.New("empty: a CSV file needs a header row")}
	}
	if err != nil {
		return &FileError{Line: 1, Err: fmt.Errorf("header row: %v", err)}
	}
	// Read reuses its slice for the next row: the header is kept apart.
	header := make([]string, len(first))
	position := map[string]int{}
	for i, name := range first {
		header[i] = strings.TrimSpace(name)
		position[header[i]] = i
	}
	for field := range options.Columns {
		if !contains(required, field) && !contains(optional, field) {
			return fmt.Errorf("--map %s=...: this format has no field %q (fields: %s)", field, field, strings.Join(append(required, optional...), ", "))
		}
	}
	// The columns each field reads: one, or for a combinable field mapped
	// to "A+B" (and no column of that whole name) several.
	column := map[string][]int{}
	for _, field := range append(append([]string{}, required...), optional...) {
		name, mapped := options.Columns[field]
		if !mapped {
			name = field
		}
		i, ok := position[name]
		parts := strings.Split(name, "+")
		switch {
		case ok:
			column[field] = []int{i}
		case mapped && len(parts) > 1 && combinableFields[field]:
			for _, part := range parts {
				i, ok := position[strings.TrimSpace(part)]
				if !ok {
					return &FileError{Line: 1, Err: fmt.Errorf("--map %s=%s: no column %q (the header has: %s)",
						field, name, strings.TrimSpace(part), strings.Join(header, ", "))}
				}
				column[field] = append(column[field], i)
			}
		case mapped && len(parts) > 1:
			return fmt.Errorf("--map %s=%s: only %s may combine columns with +", field, name, strings.Join(slices.Sorted(maps.Keys(combinableFields)), ", "))
		case mapped:
			// An optional field named on purpose and not read would be lost
			// for good: the records are stored, and a corrected import
			// finds them already present.
			return &FileError{Line: 1, Err: fmt.Errorf("--map %s=%s: no column %q (the header has: %s)",
				field, name, name, strings.Join(header, ", "))}
		case contains(required, field):
			return &FileError{Line: 1, Err: fmt.Errorf("no column %q for %s (the header has: %s); name the column with --map %s=COLUMN",
				name, field, strings.Join(header, ", "), field)}
		}
	}
	for _, fields := range alternatives {
		found := false
		for _, field := range fields {
			_, ok := column[field]
			found = found || ok
		}
		if !found {
			return &FileError{Line: 1, Err: fmt.Errorf(`no column "%s" (the header has: %s); name one with --map`,
				strings.Join(fields, `" or "`), strings.Join(header, ", "))}
		}
	}
	// A quote error that spans lines is held until the next read tells
	// whether its quote swallowed the rest of the file.
	var spanning *csv.ParseError
	for {
		row, err := reader.Read()
		if spanning != nil && err == io.EOF {
			return &FileError{Line: spanning.StartLine, Err: fmt.Errorf("a quote opened on this line is never closed: "+
				"reading stopped here, and lines %d to %d (the rest of the file) were not imported; close the quote "+
				"and import the file again with --restart (what was stored is already present)", spanning.StartLine, spanning.Line)}
		}
		if spanning != nil {
			if !yield(spanning.StartLine, nil, fmt.Errorf("malformed CSV: %v", spanning.Err)) {
				return nil
			}
			spanning = nil
		}
		if err == io.EOF {
			return nil
		}
		var parseErr *csv.ParseError
		if errors.As(err, &parseErr) && parseErr.Err == csv.ErrQuote && parseErr.Line > parseErr.StartLine {
			spanning = parseErr
			continue
		}
		if errors.As(err, &parseErr) {
			if !yield(parseErr.StartLine, nil, fmt.Errorf("malformed CSV: %v", parseErr.Err)) {
				return nil
			}
			continue
		}
		if err != nil {
			return err
		}
		line, _ := reader.FieldPos(0)
		if isBlankRow(row) {
			continue
		}
		if len(row) != len(header) {
			if !yield(line, nil, fmt.Errorf("%d columns where the header has %d", len(row), len(header))) {
				return nil
			}
			continue
		}
		if i := invalidUTF8(row); i >= 0 {
			if !yield(line, nil, fmt.Errorf("column %q is not valid UTF-8, though the file's first MiB is (save the file as UTF-8)", header[i])) {
				return nil
			}
			continue
		}
		get := func(field string) string {
			cells := make([]string, len(column[field]))
			for n, i := range column[field] {
				cells[n] = row[i]
			}
			return joinNonEmpty(cells...)
		}
		if !yield(line, get, nil) {
			return nil
		}
	}
}

// combinableFields may be read from several columns ("--map
// text=Liked+Disliked": review exports such as Booking.com's put what a guest
// liked and disliked in columns of their own), joined with a blank line.
var combinableFields = map[string]bool{"text": true}

// csvDelimiters are the separators a file may use: Excel writes ';' where
// the decimal separator is a comma (most of Europe), and tab as "Unicode
// text".
var csvDelimiters = []rune{',', ';', '\t'}

// excelSeparator is the delimiter a first line "sep=;" (or "sep=,") names:
// Excel writes one to say its separator, and reads a file by it.
func excelSeparator(input *bufio.Reader) (separator rune, declared bool) {
	head, _ := input.Peek(input.Size())
	first, _, _ := strings.Cut(string(head), "\n")
	value, found := strings.CutPrefix(strings.ToLower(strings.TrimRight(first, "\r")), "sep=")
	if !found || utf8.RuneCountInString(value) != 1 {
		return 0, false
	}
	separator, _ = utf8.DecodeRuneInString(value)
	return separator, true
}

// isBlankRow is a row whose cells are all empty or blank: the ";;;;;" lines
// Excel leaves where rows were cleared. It is no record, and is skipped
// without a word.
func isBlankRow(row []string) bool {
	for _, cell := range row {
		if strings.TrimSpace(cell) != "" {
			return false
		}
	}
	return true
}

// detectDelimiter is the separator that splits the header row (peeked, not
// consumed) into the most fields outside quotes; a comma on a tie.
func detectDelimiter(input *bufio.Reader) rune {
	head, _ := input.Peek(input.Size())
	counts := map[rune]int{}
	quoted := false
	for _, c := range string(head) {
		if c == '"' {
			quoted = !quoted
		} else if !quoted && c == '\n' {
			break
		} else if !quoted {
			counts[c]++
		}
	}
	best := csvDelimiters[0]
	for _, delimiter := range csvDelimiters[1:] {
		if counts[delimiter] > counts[best] {
			best = delimiter
		}
	}
	return best
}

func invalidUTF8(row []string) int {
	for i, cell := range row {
		if !utf8.ValidString(cell) {
			return i
		}
	}
	return -1
}

func contains(values []string, value string) bool {
	for _, v := range values {
		if v == value {
			return true
		}
	}
	return false
}

// The bottom and top of a CSV rating's scale when neither a column
// (rating_min, rating_max) nor a flag (--rating-min, --rating-max) gives
// them: one to five stars.
const (
	defaultRatingMin = 1
	defaultRatingMax = 5
)

func readFeedbackCSV(r io.Reader, options Options, yield func(Record) bool) error {
	required := []string{"external_id", "text", "author", "post_time"}
	optional := []string{"author_name", "rating", "rating_min", "rating_max", "language", "venue", "source", "edit_time"}
	var stop error
	reject := rejectRow(yield, &stop)
	err := csvRows(r, options, required, optional, func(line int, get func(string) string, problem error) bool {
		if problem != nil {
			return yield(Record{Line: line, Problem: problem})
		}
		postTime, postLocal, err := parseTime(get("post_time"), options.DateOrder)
		if err != nil {
			return reject(line, fmt.Errorf("post_time: %w", err))
		}
		if postLocal.HasClock && options.TimeZone != nil {
			postTime, postLocal = postLocal.In(options.TimeZone, time.Now()), LocalTime{}
		}
		// When the guest last edited it, read as post_time is: a row of a
		// later export with a later edit_time edits the item stored.
		var editTime time.Time
		var editLocal LocalTime
		if value := get("edit_time"); value != "" {
			if editTime, editLocal, err = parseTime(value, options.DateOrder); err != nil {
				return reject(line, fmt.Errorf("edit_time: %w", err))
			}
			if editLocal.HasClock && options.TimeZone != nil {
				editTime, editLocal = editLocal.In(options.TimeZone, time.Now()), LocalTime{}
			}
		}
		source := options.Source
		if name := get("source"); name != "" {
			if source, err = ParseSource(name); err != nil {
				return yield(problemf(line, "source: %v", err))
			}
		}
		author := get("author")
		if author == "" {
			author = anonymousHandle(get("external_id"))
		}
		feedback := &gv.Feedback{
			Source:       source,
			ExternalId:   get("external_id"),
			Author:       &gv.Author{Handle: author, DisplayName: get("author_name")},
			Text:         get("text"),
			LanguageCode: languageTag(get("language")),
		}
		if !postLocal.IsSet() {
			feedback.PostTime = timestamppb.New(postTime)
		}
		if !editTime.IsZero() && !editLocal.IsSet() {
			feedback.EditTime = timestamppb.New(editTime)
		}
		if value := get("rating"); value != "" {
			rating, err := parseDecimal(value)
			if err != nil {
				return yield(problemf(line, "rating %q is not a number", value))
			}
			scaleMin, scaleMax := float64(defaultRatingMin), float64(defaultRatingMax)
			if options.RatingMin != nil {
				scaleMin = *options.RatingMin
			}
			if options.RatingMax != 0 {
				scaleMax = options.RatingMax
			}
			if value := get("rating_min"); value != "" {
				if scaleMin, err = parseDecimal(value); err != nil {
					return yield(problemf(line, "rating_min %q is not a number", value))
				}
			}
			if value := get("rating_max"); value != "" {
				if scaleMax, err = parseDecimal(value); err != nil {
					return yield(problemf(line, "rating_max %q is not a number", value))
				}
			}
			feedback.Rating = &gv.Rating{Value: rating, ScaleMin: scaleMin, ScaleMax: scaleMax}
		}
		return yield(Record{Line: line, Venue: get("venue"), Feedback: feedback, PostLocal: postLocal, EditLocal: editLocal})
	})
	if err != nil {
		return err
	}
	return stop
}

// sourceAliases are names real exports give sources, by sourceKey, besides
// the sources' own ("booking_com", "SOURCE_BOOKING_COM").
var sourceAliases = map[string]gv.Source{
	"BOOKING":    gv.Source_SOURCE_BOOKING_COM,
	"X":          gv.Source_SOURCE_TWITTER,
	"EXPEDIACOM": gv.Source_SOURCE_EXPEDIA,
	// Hotels.com reviews are Expedia Group's, shared across its sites.
	"HOTELSCOM": gv.Source_SOURCE_EXPEDIA,
}

// letterKey is a name as exports vary it reduced to one spelling: upper
// case, only its ASCII letters and digits ("No-Show" and "no show" are both
// "NOSHOW").
func letterKey(name string) string {
	return strings.Map(func(c rune) rune {
		if c >= 'a' && c <= 'z' {
			return c - 'a' + 'A'
		}
		if c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			return c
		}
		return -1
	}, name)
}

// sourceKey is a source's letterKey without a SOURCE prefix:
// "Booking.com" and "SOURCE_BOOKING_COM" are both "BOOKINGCOM".
func sourceKey(name string) string { return strings.TrimPrefix(letterKey(name), "SOURCE") }

// ParseSource reads a source's name in any case and punctuation
// ("google", "SOURCE_GOOGLE", "Booking.com") or a common alias of it.
func ParseSource(name string) (gv.Source, error) {
	key := sourceKey(name)
	if source, ok := sourceAliases[key]; ok {
		return source, nil
	}
	var names []string
	for value := gv.Source(1); int(value) < len(gv.Source_name); value++ {
		if sourceKey(value.String()) == key {
			return value, nil
		}
		names = append(names, strings.ToLower(strings.TrimPrefix(value.String(), "SOURCE_")))
	}
	return 0, fmt.Errorf("unknown source %q: use one of %s (or booking, hotels.com, x)", name, strings.Join(names, ", "))
}

// parseTime reads RFC 3339 ("2026-01-02T10:00:00Z") and a date and time
// with a zone after it (parseZonedDateTime: "2026-01-02 10:00:00 UTC",
// "2026-01-02T10:00:00+0100") as a time, and a date
// and time without zone (parseDateTime: "2026-01-02 10:00") or a bare date
// (parseDate: "2026-01-02", "02.01.2026") as a LocalTime, placed once its
// zone is known.
func parseTime(value string, order DateOrder) (at time.Time, local LocalTime, err error) {
	if t, err := time.Parse(time.RFC3339Nano, value); err == nil {
		return t, LocalTime{}, nil
	}
	if t, zoned, err := parseZonedDateTime(value, order); zoned {
		return t, LocalTime{}, err
	}
	if t, hasClock, err := parseDateTime(value, order); hasClock {
		if err != nil {
			return time.Time{}, LocalTime{}, err
		}
		return time.Time{}, LocalTime{Wall: t, HasClock: true}, nil
	}
	t, err := parseDate(value, order)
	if err == nil {
		return time.Time{}, LocalTime{Wall: t}, nil
	}
	if errors.As(err, new(notADate)) {
		return time.Time{}, LocalTime{}, fmt.Errorf("%q is not a time such as 2026-01-02T10:00:00Z, "+
			"2026-01-02 10:00 or a date such as 2026-01-02", value)
	}
	return time.Time{}, LocalTime{}, err // a date that is no day, or ambiguous
}
