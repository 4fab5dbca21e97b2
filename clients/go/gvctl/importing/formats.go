package importing

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

// Kind is what a format's records become on the server.
type Kind int

const (
	KindFeedback Kind = iota // ImportFeedback
	KindCheckIn              // RecordCheckIn for a guest
	KindStay                 // CreateGuest / LinkIdentity / RecordStay
)

// Options are what a format reads besides the file.
type Options struct {
	// Columns maps a format's field to the CSV column holding it (--map);
	// fields not named here are read from the column of their own name.
	Columns map[string]string
	// Source is the source of CSV feedback rows without a source column.
	Source gv.Source
	// RatingMin and RatingMax are the bottom and top of the rating scale of
	// CSV feedback rows without rating_min and rating_max columns
	// (--rating-min, --rating-max); nil is one and 0 is five.
	RatingMin *float64
	RatingMax float64
	// DateOrder is how the file's dates with slashes are written
	// (--date-order).
	DateOrder DateOrder
	// TimeZone is the zone of the file's times of day written without one
	// (--time-zone); nil is each record's hotel's zone (csv) or UTC
	// (booking). Dates without time of day are days of the hotel's always.
	TimeZone *time.Location
}

// Format reads one kind of export.
type Format struct {
	Name        string
	Description string
	Kind        Kind
	// Read calls yield for each record, in file order, until yield returns
	// false; an error stops the whole file (path is filled in by the caller).
	Read func(r io.Reader, options Options, yield func(Record) bool) error
}

// Formats are every format gvctl import reads, by name.
var Formats = map[string]Format{}

func register(format Format) { Formats[format.Name] = format }

// FormatNames lists the formats for help and errors.
func FormatNames() []string {
	names := make([]string, 0, len(Formats))
	for name := range Formats {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// Byte order marks: UTF-8's, which Excel and other Windows tools put
// before UTF-8 text, and UTF-16's, which start what Excel saves as "Unicode
// Text" (UTF-16LE, tab-separated) and some PMS exports.
var (
	utf8BOM    = []byte{0xef, 0xbb, 0xbf}
	utf16LEBOM = []byte{0xff, 0xfe}
	utf16BEBOM = []byte{0xfe, 0xff}
)

// asUTF8 is r as UTF-8 text without a leading byte order mark: a UTF-8 mark
// is dropped, and text a UTF-16 mark starts is decoded. Every format reads
// through it, so no parser meets a mark (it would take it for part of a
// quoted header or a JSON value) or UTF-16's zero bytes. Other bytes pass
// unchanged, so that invalid UTF-8 is reported where it is.
func asUTF8(r io.Reader) *bufio.Reader {
	reader := bufio.NewReaderSize(r, 64<<10)
	head, _ := reader.Peek(len(utf8BOM))
	var order unicode.Endianness
	switch {
	case bytes.HasPrefix(head, utf8BOM):
		_, _ = reader.Discard(len(utf8BOM))
		return reader
	case bytes.HasPrefix(head, utf16LEBOM):
		order = unicode.LittleEndian
	case bytes.HasPrefix(head, utf16BEBOM):
		order = unicode.BigEndian
	default:
		return reader
	}
	// The decoder consumes the mark.
	decoder := unicode.UTF16(order, unicode.ExpectBOM).NewDecoder()
	return bufio.NewReaderSize(transform.NewReader(reader, decoder), 64<<10)
}

// encodingWindow is how much of a CSV file tells its encoding: its first
// MiB, read ahead before any row is.
const encodingWindow = 1 << 20

// asCSVText is a CSV file as UTF-8 text: asUTF8, except that a file without
// a byte order mark whose first encodingWindow bytes are not UTF-8 is
// decoded, whole, as Windows-1252. That is what Excel saves as "CSV" on
// Western-European Windows, and it maps every byte to a character, so no
// row of such a file is lost to its accents (é, ü, ß, €). A file judged
// UTF-8 whose later bytes are not keeps those rows' problem.
func asCSVText(r io.Reader) *bufio.Reader {
	reader := bufio.NewReaderSize(r, encodingWindow)
	head, err := reader.Peek(encodingWindow)
	if hasByteOrderMark(head) || isUTF8Head(head, err == nil) {
		return asUTF8(reader)
	}
	return bufio.NewReaderSize(transform.NewReader(reader, charmap.Windows1252.NewDecoder()), 64<<10)
}

func hasByteOrderMark(head []byte) bool {
	return bytes.HasPrefix(head, utf8BOM) || bytes.HasPrefix(head, utf16LEBOM) || bytes.HasPrefix(head, utf16BEBOM)
}

// isUTF8Head says whether head, the start of a file, is UTF-8; cut says the
// file goes on past it, so that its last character may be cut short.
func isUTF8Head(head []byte, cut bool) bool {
	if cut {
		start := len(head) - 1
		for start > 0 && len(head)-start < utf8.UTFMax && !utf8.RuneStart(head[start]) {
			start--
		}
		if start >= 0 && !utf8.FullRune(head[start:]) {
			head = head[:start]
		}
	}
	return utf8.Valid(head)
}

// maxDocumentBytes bounds the formats that are one JSON document, which are
// read whole: the APIs page them far below this.
const maxDocumentBytes = 512 << 20

// readDocument decodes a whole JSON document into each of into, naming the
// line of a syntax error ("truncated" when the document stops early).
func readDocument(r io.Reader, into ...any) error {
	data, err := readWhole(r)
	if err != nil {
		return err
	}
	return decodeDocument(data, into...)
}

// readWhole reads a file that is read whole, as UTF-8 text.
func readWhole(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(asUTF8(r), maxDocumentBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxDocumentBytes {
		return nil, fmt.Errorf("larger than %d MiB: split it into pages as the API returns them", maxDocumentBytes>>20)
	}
	return data, nil
}

// decodeDocument is readDocument of a document read already.
func decodeDocument(data []byte, into ...any) error {
	var err error
	for _, target := range into {
		if err = json.Unmarshal(data, target); err != nil {
			break
		}
	}
	var syntax *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &syntax):
		if syntax.Offset >= int64(len(data)) || strings.Contains(err.Error(), "unexpected end") {
			return &FileError{Line: lineAt(data, len(data)), Err: errors.New("truncated JSON: the file ends inside the document (was the download cut short?)")}
		}
		return &FileError{Line: lineAt(data, int(syntax.Offset)), Err: fmt.Errorf("not JSON: %v", err)}
	case errors.As(err, &typeErr):
		return &FileError{Line: lineAt(data, int(typeErr.Offset)), Err: typeMismatch(typeErr)}
	case err.Error() == "unexpected end of JSON input":
		return &FileError{Line: lineAt(data, len(data)), Err: errors.New("truncated JSON: the file ends inside the document (was the download cut short?)")}
	}
	return &FileError{Err: err}
}

// jsonPage is one of the JSON documents of a file and the line it starts
// on.
type jsonPage struct {
	line int
	data json.RawMessage
}

// readPages reads a file of one JSON document, or of several one after
// another: tools that page through an API for you (twarc2 for X/Twitter)
// write each response as it comes, one a line.
func readPages(r io.Reader) ([]jsonPage, error) {
	data, err := readWhole(r)
	if err != nil {
		return nil, err
	}
	decoder := json.NewDecoder(bytes.NewReader(data))
	var pages []jsonPage
	for {
		start := int(decoder.InputOffset())
		var page json.RawMessage
		err := decoder.Decode(&page)
		if err == io.EOF && pages != nil {
			return pages, nil
		}
		if err != nil {
			// Decoded on its own, the rest of the file names the line of
			// its problem as readDocument does.
			return nil, onPageAt(decodeDocument(data[start:], new(json.RawMessage)), lineAt(data, start))
		}
		first := start + len(data[start:]) - len(bytes.TrimLeft(data[start:], " \t\r\n"))
		pages = append(pages, jsonPage{line: lineAt(data, first), data: page})
	}
}

// onPageAt makes the line of a page's FileError a line of the file, the
// page starting on line.
func onPageAt(err error, line int) error {
	var fileErr *FileError
	if errors.As(err, &fileErr) && fileErr.Line > 0 {
		fileErr.Line += line - 1
	}
	return err
}

// lineAt is the line, from 1, of byte offset in data.
func lineAt(data []byte, offset int) int {
	if offset > len(data) {
		offset = len(data)
	}
	return 1 + strings.Count(string(data[:offset]), "\n")
}

// typeMismatch says in JSON's words which value had the wrong type.
func typeMismatch(err *json.UnmarshalTypeError) error {
	if err.Field == "" {
		return fmt.Errorf("the document is a JSON %s, not an object: one API response a file (save each page as a file of its own)", err.Value)
	}
	return fmt.Errorf("%s is a JSON %s, not a JSON %s", err.Field, err.Value, jsonKind(err.Type))
}

// jsonKind names the JSON value a Go type is decoded from.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Bool:
		return "boolean"
	case reflect.Slice, reflect.Array:
		return "array"
	case reflect.Struct, reflect.Map:
		return "object"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "whole number"
	}
	return "number"
}

// checkShape refuses a document that has none of the keys of its format
// (known, the array of records first), or only keys that lead to another
// page (pagingKeys): another platform's export, read with the wrong
// --format, or another API method's response that pages alike, would
// otherwise import nothing and say so nowhere. An empty object is an empty
// page.
func checkShape(keys map[string]json.RawMessage, known []string, what string) error {
	if len(keys) == 0 {
		return nil
	}
	var paging []string
	for _, key := range known {
		if _, ok := keys[key]; ok && pagingKeys[key] {
			paging = append(paging, key)
		} else if ok {
			return nil
		}
	}
	names := make([]string, 0, len(keys))
	for key := range keys {
		names = append(names, key)
	}
	sort.Strings(names)
	if paging != nil {
		return &FileError{Line: 1, Err: fmt.Errorf("no `%s` array: the document has %s, and of this format's fields only %s, "+
			"which leads to another page: is this %s?", known[0], strings.Join(names, ", "), strings.Join(paging, ", "), what)}
	}
	return &FileError{Line: 1, Err: fmt.Errorf("no `%s` array (the document has %s): is this %s?", known[0], strings.Join(names, ", "), what)}
}

// pagingKeys are the fields of a response that only lead to its next page:
// Google's nextPageToken, Tripadvisor's paging. A document with no other
// field of its format holds none of its records. (X/Twitter's meta is not
// one: a search that found nothing answers with meta alone.)
var pagingKeys = map[string]bool{"nextPageToken": true, "paging": true}

// elementShape is what marks the records of a format whose array shares
// its name with another platform's (Tripadvisor's and X/Twitter's are both
// `data`): fields only that platform's records have.
type elementShape struct {
	keys   []string
	what   string // "X/Twitter posts"
	format string // "twitter"
}

var (
	tripadvisorReviewShape = elementShape{[]string{"published_date", "location_id", "rating", "title", "user", "trip_type", "travel_date"}, "Tripadvisor reviews", "tripadvisor"}
	twitterPostShape       = elementShape{[]string{"author_id", "created_at", "edit_history_tweet_ids", "conversation_id", "public_metrics"}, "X/Twitter posts", "twitter"}
)

// has reports the first of the shape's keys an element has ("" for none).
func (s elementShape) has(element map[string]json.RawMessage) string {
	for _, key := range s.keys {
		if _, ok := element[key]; ok {
			return key
		}
	}
	return ""
}

// checkElements refuses a document whose array holds another platform's
// records: none of its elements has a field of own's, and one has fields of
// other's. Read with the wrong --format, such a file would be sent and every
// record rejected one by one. A file of own's records is known at its first.
func checkElements(array string, elements []json.RawMessage, own, other elementShape, what string) error {
	var foreign []string
	for _, raw := range elements {
		var element map[string]json.RawMessage
		if json.Unmarshal(raw, &element) != nil {
			continue
		}
		if own.has(element) != "" {
			return nil
		}
		if foreign == nil {
			for _, key := range other.keys {
				if _, ok := element[key]; ok {
					foreign = append(foreign, key)
				}
			}
		}
	}
	if foreign == nil {
		return nil
	}
	return &FileError{Line: 1, Err: fmt.Errorf("the `%s` array holds %s (%s), not %s: this is not %s; read it with --format %s",
		array, other.what, strings.Join(foreign, ", "), own.what, what, other.format)}
}

// decodeElement decodes one record of a document's array: a value of the
// wrong type rejects that record alone.
func decodeElement(raw json.RawMessage, into any) error {
	err := json.Unmarshal(raw, into)
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return typeMismatch(typeErr)
	}
	return err
}
