package importing

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

// readAll reads a sample file of ../testdata with format.
func readAll(t *testing.T, format, name string, options Options) []Record {
	t.Helper()
	file, err := os.Open(filepath.Join("..", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	var records []Record
	if err := Formats[format].Read(file, options, func(r Record) bool { records = append(records, r); return true }); err != nil {
		t.Fatal(err)
	}
	return records
}

func TestSampleFilesMapToTheAPIsFields(t *testing.T) {
	google := readAll(t, "google", "google_reviews.json", Options{})
	if len(google) != 3 || google[0].Venue != "1111222233334444" || google[0].Feedback.GetRating().GetValue() != 5 ||
		google[0].PublicResponse == "" || google[1].Feedback.GetAuthor().GetHandle() != "anonymous-AbFvOqn2" {
		t.Errorf("google: %+v", google)
	}
	tripadvisor := readAll(t, "tripadvisor", "tripadvisor_reviews.json", Options{})
	if got := tripadvisor[0].Feedback; got.GetExternalId() != "934771201" || tripadvisor[0].Venue != "2222" ||
		!strings.HasPrefix(got.GetText(), "Nice staff, thin walls\n\nEveryone") || got.GetLanguageCode() != "en" {
		t.Errorf("tripadvisor: %v", got)
	}
	twitter := readAll(t, "twitter", "twitter_search.json", Options{})
	if got := twitter[1].Feedback; got.GetAuthor().GetHandle() != "bizflyer" || got.GetSource() != gv.Source_SOURCE_TWITTER {
		t.Errorf("twitter: %v", got)
	}
	checkIns := readAll(t, "foursquare", "foursquare_checkins.json", Options{})
	if got := checkIns[0]; got.CheckIn.GetCheckInTime().GetSeconds() != 1756800000 || got.Venue != "4b5e9f1cf964a520porto" {
		t.Errorf("foursquare: %+v", got)
	}
	stays := readAll(t, "pms", "pms_bookings.csv", Options{})
	if got := stays[2].Stay; got.Phone != "(212) 555-1234" || got.Stay.GetQualifyingSpend().GetUnits() != 1200 ||
		got.Stay.GetQualifyingSpend().GetCurrencyCode() != "USD" || stays[2].Line != 4 {
		t.Errorf("pms: %+v", got)
	}
	survey := readAll(t, "csv", "survey.csv", Options{Source: gv.Source_SOURCE_SURVEY, Columns: map[string]string{
		"external_id": "response_id", "post_time": "submitted", "author": "respondent", "text": "comment", "rating": "score", "venue": "property",
	}})
	if got := survey[1].Feedback; got.GetExternalId() != "r-2" || survey[1].PostLocal.Wall.Hour() != 14 || survey[1].Venue != "PRT-01" {
		t.Errorf("csv: %v", got)
	}
}

func TestATruncatedDocumentNamesItsLastLine(t *testing.T) {
	err := Formats["tripadvisor"].Read(strings.NewReader("{\n\"data\": [\n{\"id\": 1,"), Options{}, func(Record) bool { return true })
	var fileErr *FileError
	if !errors.As(err, &fileErr) || fileErr.Line != 3 || !strings.Contains(err.Error(), "truncated") {
		t.Errorf("truncated document: %v", err)
	}
}

func TestTheMappingSaysWhatToAdd(t *testing.T) {
	mapping := &HotelMapping{Path: "hotels.yaml", Hotels: map[string]string{"2222": "porto"}}
	if hotel, err := mapping.Hotel("2222"); hotel != "porto" || err != nil {
		t.Errorf("mapped: %q %v", hotel, err)
	}
	if _, err := mapping.Hotel("9999"); err == nil || !strings.Contains(err.Error(), "add `9999: HOTEL_ID` to hotels.yaml") {
		t.Errorf("unmapped: %v", err)
	}
	if _, err := mapping.Hotel(""); err == nil || !strings.Contains(err.Error(), "--hotel") {
		t.Errorf("no place: %v", err)
	}
}

// readString reads content with format, every record and the file's error.
func readString(format, content string, options Options) ([]Record, error) {
	var records []Record
	err := Formats[format].Read(strings.NewReader(content), options, func(r Record) bool { records = append(records, r); return true })
	return records, err
}

func TestAMappedColumnMissingFromTheHeaderStopsTheFile(t *testing.T) {
	content := "external_id,text,author,post_time,Review score\na1,Nice,x,2025-10-01T10:00:00Z,4\n"
	for _, columns := range []map[string]string{{"rating": "Score"}, {"rating_max": "10"}} {
		records, err := readString("csv", content, Options{Columns: columns})
		var fileErr *FileError
		if !errors.As(err, &fileErr) || fileErr.Line != 1 || len(records) != 0 ||
			!strings.Contains(err.Error(), "the header has: external_id, text, author, post_time, Review score") {
			t.Errorf("--map %v: %v, %d records", columns, err, len(records))
		}
	}
	records, err := readString("csv", content, Options{Columns: map[string]string{"rating": "Review score"}})
	if err != nil || len(records) != 1 || records[0].Feedback.GetRating().GetValue() != 4 {
		t.Errorf("--map rating=\"Review score\": %v %+v", err, records)
	}
}

func TestAByteOrderMarkIsDroppedBeforeParsing(t *testing.T) {
	const bom = "\xef\xbb\xbf"
	quoted := bom + "\"external_id\",\"text\",\"author\",\"post_time\"\r\n\"a1\",\"Nice\",\"x\",\"2025-10-01T10:00:00Z\"\r\n"
	if records, err := readString("csv", quoted, Options{}); err != nil || len(records) != 1 || records[0].Problem != nil {
		t.Errorf("csv with a quoted header: %v %+v", err, records)
	}
	google := bom + `{"reviews": [{"reviewId": "g1", "comment": "Nice", "createTime": "2025-10-01T10:00:00Z"}]}`
	if records, err := readString("google", google, Options{}); err != nil || len(records) != 1 {
		t.Errorf("google: %v %+v", err, records)
	}
	jsonl := bom + `{"source": "SOURCE_SURVEY", "externalId": "j1", "text": "Nice"}` + "\n"
	if records, err := readString("jsonl", jsonl, Options{}); err != nil || len(records) != 1 || records[0].Problem != nil {
		t.Errorf("jsonl: %v %+v", err, records)
	}
}

// A file whose first MiB is UTF-8 is read as UTF-8: a later cell that is
// not rejects its row, naming the column.
func TestAnInvalidUTF8CellNamesItsHeaderColumn(t *testing.T) {
	long := strings.Repeat("Très bon séjour. ", encodingWindow/16)
	records, err := readString("csv", "external_id,text,author,post_time\na1,"+long+",x,2025-10-01\na2,caf\xe9,y,2025-10-02\n", Options{})
	if err != nil || len(records) != 2 || records[0].Feedback.GetText() != strings.TrimSpace(long) || records[1].Problem == nil ||
		!strings.Contains(records[1].Problem.Error(), `column "text" is not valid UTF-8`) {
		t.Errorf("%v %d records, second %+v", err, len(records), records[len(records)-1])
	}
}

func TestEachAnonymousReviewIsAVoiceOfItsOwn(t *testing.T) {
	google, _ := readString("google", `{"reviews": [
		{"reviewId": "g1", "reviewer": {"displayName": "A Google User", "isAnonymous": true}, "comment": "Dirty.", "createTime": "2025-10-01T10:00:00Z"},
		{"reviewId": "g2", "comment": "Dirty.", "createTime": "2025-10-01T11:00:00Z"}]}`, Options{})
	tripadvisor, _ := readString("tripadvisor", `{"data": [{"id": 7, "text": "Dirty.", "published_date": "2025-10-01T10:00:00Z"}]}`, Options{})
	survey, _ := readString("csv", "external_id,text,author,post_time\ns1,Dirty.,,2025-10-01\n", Options{})
	var handles []string
	for _, records := range [][]Record{google, tripadvisor, survey} {
		for _, r := range records {
			handles = append(handles, r.Feedback.GetAuthor().GetHandle())
		}
	}
	if got := strings.Join(handles, " "); got != "anonymous-g1 anonymous-g2 anonymous-7 anonymous-s1" {
		t.Errorf("anonymous handles: %s", got)
	}
}

func TestAnotherPlatformsExportIsRefusedWithTheShapeExpected(t *testing.T) {
	google := `{"reviews": [{"reviewId": "g1", "comment": "Nice", "createTime": "2025-10-01T10:00:00Z"}], "totalReviewCount": 1}`
	twitter := `{"data": [{"id": "1", "text": "Nice", "author_id": "9"}], "includes": {"users": []}}`
	for _, tc := range []struct{ format, content, want string }{
		{"tripadvisor", google, "no `data` array (the document has reviews, totalReviewCount): is this a Tripadvisor"},
		{"twitter", google, "no `data` array (the document has reviews, totalReviewCount): is this an X/Twitter"},
		{"google", twitter, "no `reviews` array (the document has data, includes): is this a Google"},
		{"foursquare", twitter, "no `items` array"},
	} {
		records, err := readString(tc.format, tc.content, Options{})
		if err == nil || !strings.Contains(err.Error(), tc.want) || len(records) != 0 {
			t.Errorf("%s read as %s: %v, %d records", tc.content, tc.format, err, len(records))
		}
	}
	// An empty page, and a search that found nothing, are no records.
	for format, content := range map[string]string{"google": `{}`, "twitter": `{"meta": {"result_count": 0}}`} {
		if records, err := readString(format, content, Options{}); err != nil || len(records) != 0 {
			t.Errorf("%s %s: %v %+v", format, content, err, records)
		}
	}
}

// Tripadvisor's and X/Twitter's responses both keep their records in `data`:
// the elements tell them apart, and the wrong one stops the file.
func TestTripadvisorAndTwitterFilesAreToldApartByTheirElements(t *testing.T) {
	sample := func(name string) string {
		data, err := os.ReadFile(filepath.Join("..", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	twitter, tripadvisor := sample("twitter_search.json"), sample("tripadvisor_reviews.json")
	for _, tc := range []struct{ format, content, want string }{
		{"tripadvisor", twitter, "the `data` array holds X/Twitter posts (author_id, created_at), not Tripadvisor reviews: " +
			"this is not a Tripadvisor Content API reviews response (--format tripadvisor); read it with --format twitter"},
		{"twitter", tripadvisor, "the `data` array holds Tripadvisor reviews (published_date, location_id, rating, title, user, trip_type, travel_date), " +
			"not X/Twitter posts: this is not an X/Twitter API v2 search response (--format twitter); read it with --format tripadvisor"},
	} {
		records, err := readString(tc.format, tc.content, Options{})
		var fileErr *FileError
		if !errors.As(err, &fileErr) || !strings.Contains(err.Error(), tc.want) || len(records) != 0 {
			t.Errorf("read as %s: %v, %d records\nwant %s", tc.format, err, len(records), tc.want)
		}
	}
	// One record of the format is enough; others are rejected one by one.
	mixed := `{"data": [{"id": "1", "text": "Hi", "author_id": "9", "created_at": "2025-10-01T10:00:00Z"},
		{"id": 2, "text": "Fine", "rating": 4, "published_date": "2025-10-01T10:00:00Z"}]}`
	if records, err := readString("tripadvisor", mixed, Options{}); err != nil || len(records) != 2 ||
		records[0].Problem == nil || records[1].Problem != nil {
		t.Errorf("mixed: %v %+v", err, records)
	}
}

func TestAValueOfTheWrongTypeRejectsItsElementOnly(t *testing.T) {
	records, err := readString("tripadvisor", `{"data": [
		{"id": 1, "text": "Fine", "rating": "4", "published_date": "2025-10-01T10:00:00Z"},
		{"id": 2, "text": "Fine", "rating": 4, "published_date": "2025-10-01T10:00:00Z"}]}`, Options{})
	if err != nil || len(records) != 2 || records[0].Line != 1 || records[0].Problem == nil ||
		records[0].Problem.Error() != "data[0]: rating is a JSON string, not a JSON number" || records[1].Problem != nil {
		t.Errorf("%v %+v", err, records)
	}
	_, err = readString("google", `[{"reviews": []}, {"reviews": []}]`, Options{})
	if err == nil || !strings.Contains(err.Error(), "the document is a JSON array, not an object: one API response a file") {
		t.Errorf("pages in one array: %v", err)
	}
}

func TestALocaleBecomesALanguageTagAndAnInvalidCodeIsDropped(t *testing.T) {
	records, err := readString("tripadvisor", `{"data": [
		{"id": 1, "text": "Fine", "lang": "zh_TW", "published_date": "2025-10-01T10:00:00Z"},
		{"id": 2, "text": "Fine", "lang": "english (uk)", "published_date": "2025-10-01T10:00:00Z"}]}`, Options{})
	if err != nil || len(records) != 2 || records[0].Feedback.GetLanguageCode() != "zh-TW" ||
		records[1].Feedback == nil || records[1].Feedback.GetLanguageCode() != "" {
		t.Errorf("%v %+v", err, records)
	}
	for code, want := range map[string]string{"pt-BR": "pt-BR", "en": "en", "und": "", "-en": "", "en--us": "", "1en": "", "zh_Hant_TW": "zh-Hant-TW"} {
		if got := languageTag(code); got != want {
			t.Errorf("languageTag(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestTheRatingScaleIsGivenForAWholeFile(t *testing.T) {
	content := "external_id,text,author,post_time,rating,rating_max\n" +
		"b1,Good,x,2025-10-01T10:00:00Z,\"8,5\",\n" +
		"b2,Good,y,2025-10-01T10:00:00Z,4,5\n"
	records, err := readString("csv", content, Options{RatingMax: 10})
	if err != nil || len(records) != 2 {
		t.Fatalf("%v %+v", err, records)
	}
	if got := records[0].Feedback.GetRating(); got.GetValue() != 8.5 || got.GetScaleMax() != 10 {
		t.Errorf("with --rating-max 10: %v", got)
	}
	if got := records[1].Feedback.GetRating(); got.GetScaleMax() != 5 {
		t.Errorf("a rating_max column beats --rating-max: %v", got)
	}
}

func TestTheDelimiterIsTheOneThatSplitsTheHeader(t *testing.T) {
	for name, content := range map[string]string{
		"semicolon": "external_id;text;author;post_time;rating\r\nb1;\"Good; quiet, clean\";x;2025-10-01T10:00:00Z;4,5\r\n",
		"tab":       "external_id\ttext\tauthor\tpost_time\trating\nb1\tGood; quiet, clean\tx\t2025-10-01T10:00:00Z\t4,5\n",
		"comma":     "external_id,text,\"author;name\",post_time,rating\nb1,\"Good; quiet, clean\",x,2025-10-01T10:00:00Z,\"4,5\"\n",
	} {
		columns := map[string]string{}
		if name == "comma" {
			columns["author"] = "author;name"
		}
		records, err := readString("csv", content, Options{Columns: columns})
		if err != nil || len(records) != 1 || records[0].Feedback.GetText() != "Good; quiet, clean" ||
			records[0].Feedback.GetRating().GetValue() != 4.5 {
			t.Errorf("%s: %v %+v", name, err, records)
		}
	}
}

func TestSourcesAreReadAsExportsNameThem(t *testing.T) {
	for name, want := range map[string]gv.Source{
		"Booking.com": gv.Source_SOURCE_BOOKING_COM, "booking": gv.Source_SOURCE_BOOKING_COM, "SOURCE_BOOKING_COM": gv.Source_SOURCE_BOOKING_COM,
		"Hotels.com": gv.Source_SOURCE_EXPEDIA, "google": gv.Source_SOURCE_GOOGLE, "Trip Advisor": gv.Source_SOURCE_TRIPADVISOR, "X": gv.Source_SOURCE_TWITTER,
	} {
		if got, err := ParseSource(name); got != want || err != nil {
			t.Errorf("ParseSource(%q) = %v, %v; want %v", name, got, err, want)
		}
	}
	_, err := ParseSource("yelp")
	if err == nil || !strings.Contains(err.Error(), "twitter, facebook, instagram, tripadvisor, google, booking_com, expedia, foursquare, survey, email, other") {
		t.Errorf("unknown source: %v", err)
	}
	if _, err := ParseSource("unspecified"); err == nil {
		t.Errorf("SOURCE_UNSPECIFIED was accepted")
	}
}

func TestAnUnclosedQuoteStopsTheFileAndSaysWhatWasNotRead(t *testing.T) {
	content := "external_id,text,author,post_time\n" +
		"a1,Fine,x,2025-10-01T10:00:00Z\n" +
		"a2,\"Broken,y,2025-10-01T10:00:00Z\n" +
		"a3,Lost,z,2025-10-01T10:00:00Z\n" +
		"a4,Lost too,w,2025-10-01T10:00:00Z\n"
	records, err := readString("csv", content, Options{})
	var fileErr *FileError
	if !errors.As(err, &fileErr) || fileErr.Line != 3 || len(records) != 1 ||
		!strings.Contains(err.Error(), "lines 3 to 5 (the rest of the file) were not imported") {
		t.Errorf("%v %+v", err, records)
	}
	// A stray quote inside a field that spans lines costs that row only.
	records, err = readString("csv", "external_id,text,author,post_time\n"+
		"a1,\"two\nlines\" and more,x,2025-10-01T10:00:00Z\n"+
		"a2,Fine,y,2025-10-01T10:00:00Z\n", Options{})
	if err != nil || len(records) != 2 || records[0].Problem == nil || records[1].Problem != nil {
		t.Errorf("stray quote: %v %+v", err, records)
	}
}

// utf16LE is s as Excel's "Unicode Text" saves it: UTF-16LE after a byte
// order mark.
func utf16LE(s string) string {
	out := []byte{0xff, 0xfe}
	for _, unit := range utf16.Encode([]rune(s)) {
		out = append(out, byte(unit), byte(unit>>8))
	}
	return string(out)
}

func TestAUnicodeTextFileIsReadAsItsText(t *testing.T) {
	content := utf16LE("booking_reference\tguest_name\temail\tarrival_date\tnights\r\nBK-1\tJosé Núñez\tjose@example.com\t2026-03-01\t2\r\n")
	records, err := readString("pms", content, Options{})
	if err != nil || len(records) != 1 || records[0].Problem != nil ||
		records[0].Stay.GuestName != "José Núñez" || records[0].Stay.Stay.GetNights() != 2 {
		t.Fatalf("%v %+v", err, records)
	}
	bigEndian := "\xfe\xff\x00[\x00]" // "[]"
	if records, err := readString("google", bigEndian, Options{}); err == nil || strings.Contains(err.Error(), "not JSON") {
		t.Errorf("UTF-16BE \"[]\" should parse as JSON and be refused for its shape: %v %+v", err, records)
	}
}

func TestExportDatesAreReadInEveryWrittenForm(t *testing.T) {
	for _, tc := range []struct {
		value string
		order DateOrder
		want  string
	}{
		{"2026-03-01", DateOrderUnset, "2026-03-01"},
		{"01.03.2026", DateOrderUnset, "2026-03-01"},
		{"1-Mar-2026", DateOrderUnset, "2026-03-01"},
		{"01-MAR-26", DateOrderUnset, "2026-03-01"},
		{"1 March 2026", DateOrderUnset, "2026-03-01"},
		{"Mar 1, 2026", DateOrderUnset, "2026-03-01"},
		{"01/03/2026", DayFirst, "2026-03-01"},
		{"03/01/2026", MonthFirst, "2026-03-01"},
		{"3/1/26", MonthFirst, "2026-03-01"},
	} {
		got, err := parseDate(tc.value, tc.order)
		if err != nil || got.Format(time.DateOnly) != tc.want {
			t.Errorf("parseDate(%q, %d) = %v, %v; want %s", tc.value, tc.order, got, err, tc.want)
		}
	}
	for _, value := range []string{"31.04.2026", "29-Feb-2026", "2026-13-01", "Foo 1, 2026", "1/3"} {
		if got, err := parseDate(value, DayFirst); err == nil {
			t.Errorf("parseDate(%q) = %v, want an error", value, got)
		}
	}
	for value, want := range map[string]string{
		"2026-03-01 14:05:09":  "2026-03-01T14:05:09",
		"2026-03-01T14:05":     "2026-03-01T14:05:00",
		"03/01/2026 2:05 PM":   "2026-03-01T14:05:00",
		"Mar 1, 2026 12:30 AM": "2026-03-01T00:30:00",
	} {
		at, local, err := parseTime(value, MonthFirst)
		if err != nil || !at.IsZero() || !local.HasClock || local.Wall.Format(time.DateTime) != strings.Replace(want, "T", " ", 1) {
			t.Errorf("parseTime(%q) = %v %+v %v; want the wall clock %s", value, at, local, err, want)
		}
	}
}

func TestATimeWithoutZoneIsThatWallClockInTheZoneItIsPlacedIn(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	_, evening, err := parseTime("2026-03-01 20:30", DateOrderUnset)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	if got := evening.In(tokyo, now).UTC().Format(time.RFC3339); got != "2026-03-01T11:30:00Z" {
		t.Errorf("20:30 in Tokyo = %s", got)
	}
	_, day, err := parseTime("2026-03-01", DateOrderUnset)
	if err != nil || day.HasClock {
		t.Fatalf("%+v %v", day, err)
	}
	if got := day.In(tokyo, now).UTC().Format(time.RFC3339); got != "2026-03-01T03:00:00Z" {
		t.Errorf("a day in Tokyo = %s, want its noon", got)
	}
	// Today's noon still ahead is now: nothing is posted in the future.
	morning := time.Date(2026, 3, 1, 9, 0, 0, 0, tokyo)
	if got := day.In(tokyo, morning); !got.Equal(morning) {
		t.Errorf("today before noon = %s, want now", got)
	}
	if at, local, err := parseTime("2026-03-01T20:30:00+09:00", DateOrderUnset); err != nil || local.IsSet() ||
		at.UTC().Format(time.RFC3339) != "2026-03-01T11:30:00Z" {
		t.Errorf("a time with its zone: %v %+v %v", at, local, err)
	}
}

func TestAClockChangeResolvesAsJavaTimeDoes(t *testing.T) {
	for _, tc := range []struct{ zone, wall, want string }{
		// Repeated hours: the earlier instant, in both hemispheres.
		{"America/New_York", "2026-11-01 01:30", "2026-11-01T05:30:00Z"},
		{"Europe/Lisbon", "2026-10-25 01:30", "2026-10-25T00:30:00Z"},
		{"Australia/Sydney", "2026-04-05 02:30", "2026-04-04T15:30:00Z"},
		// Skipped hours: the offset from before the change.
		{"America/New_York", "2026-03-08 02:30", "2026-03-08T07:30:00Z"},
		{"Europe/Berlin", "2026-03-29 02:30", "2026-03-29T01:30:00Z"},
		// No change near: the one instant.
		{"Asia/Tokyo", "2026-03-01 20:30", "2026-03-01T11:30:00Z"},
	} {
		location, err := time.LoadLocation(tc.zone)
		if err != nil {
			t.Fatal(err)
		}
		_, local, err := parseTime(tc.wall, DateOrderUnset)
		if err != nil {
			t.Fatal(err)
		}
		if got := local.In(location, time.Now()).UTC().Format(time.RFC3339); got != tc.want {
			t.Errorf("%s in %s = %s, want %s", tc.wall, tc.zone, got, tc.want)
		}
	}
}

func TestTimeZoneOptionPlacesTimesWithoutZone(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	content := "external_id,text,author,post_time\na1,Nice,x,2026-03-01 20:30\na2,Fine,y,2026-03-02\n"
	records, err := readString("csv", content, Options{TimeZone: tokyo})
	if err != nil || len(records) != 2 {
		t.Fatalf("%v %+v", err, records)
	}
	if got := records[0].Feedback.GetPostTime().AsTime().Format(time.RFC3339); records[0].PostLocal.IsSet() || got != "2026-03-01T11:30:00Z" {
		t.Errorf("with --time-zone: %s %+v", got, records[0].PostLocal)
	}
	if !records[1].PostLocal.IsSet() || records[1].PostLocal.HasClock || records[1].Feedback.PostTime != nil {
		t.Errorf("a day stays the hotel's: %+v", records[1])
	}
	records, err = readString("csv", content, Options{})
	if err != nil || !records[0].PostLocal.HasClock || records[0].Feedback.PostTime != nil {
		t.Errorf("without --time-zone the hotel's zone places it: %v %+v", err, records)
	}
}

func TestADateWithSlashesStopsTheFileUntilItsOrderIsGiven(t *testing.T) {
	content := "booking_reference,email,arrival_date,nights\nBK-1,a@example.com,2026-03-01,2\nBK-2,b@example.com,03/04/2026,1\n"
	records, err := readString("pms", content, Options{})
	var fileErr *FileError
	if !errors.As(err, &fileErr) || fileErr.Line != 3 || len(records) != 1 || !strings.Contains(err.Error(), "--date-order DMY") {
		t.Fatalf("%v %+v", err, records)
	}
	for order, want := range map[DateOrder]int32{DayFirst: 4, MonthFirst: 3} {
		records, err := readString("pms", content, Options{DateOrder: order})
		if err != nil || len(records) != 2 || records[1].Stay.Stay.GetArrivalDate().GetMonth() != want {
			t.Errorf("order %d: %v %+v", order, err, records)
		}
	}
	feedback := "external_id,text,author,post_time\na1,Nice,x,12/01/2025 09:30\n"
	if records, err := readString("csv", feedback, Options{}); !errors.As(err, &fileErr) || len(records) != 0 {
		t.Errorf("csv: %v %+v", err, records)
	}
	if records, err := readString("csv", feedback, Options{DateOrder: DayFirst}); err != nil || len(records) != 1 ||
		records[0].PostLocal.Wall.Format(time.DateTime) != "2025-01-12 09:30:00" {
		t.Errorf("csv, day first: %v %+v", err, records)
	}
}

func TestNightsComeFromTheDepartureDateWhenNotGiven(t *testing.T) {
	content := "booking_reference,email,arrival_date,departure_date\n" +
		"BK-1,a@example.com,2026-03-29,2026-04-02\n" + // across a clock change in Europe
		"BK-2,b@example.com,2026-03-01,2026-03-01\n"
	records, err := readString("pms", content, Options{})
	if err != nil || len(records) != 2 || records[0].Stay.Stay.GetNights() != 4 {
		t.Fatalf("%v %+v", err, records)
	}
	if records[1].Problem == nil || !strings.Contains(records[1].Problem.Error(), "is not after arrival_date") {
		t.Errorf("same-day departure: %+v", records[1])
	}
	backwards := "booking_reference,email,arrival_date,departure_date,nights\nBK-1,a@example.com,2026-03-10,2026-03-05,3\n"
	if records, _ := readString("pms", backwards, Options{}); len(records) != 1 || records[0].Problem == nil ||
		!strings.Contains(records[0].Problem.Error(), "2026-03-05 is not after arrival_date 2026-03-10") {
		t.Errorf("departure before arrival, with nights: %+v", records)
	}
	huge := "booking_reference,email,arrival_date,nights\nBK-1,a@example.com,2026-03-10,4294967297\n"
	if records, _ := readString("pms", huge, Options{}); len(records) != 1 || records[0].Problem == nil {
		t.Errorf("nights beyond 32 bits: %+v", records)
	}
	both := "booking_reference,email,arrival_date,departure_date,nights\nBK-1,a@example.com,2026-03-01,2026-03-03,3\n"
	if records, _ := readString("pms", both, Options{}); len(records) != 1 || records[0].Problem == nil ||
		!strings.Contains(records[0].Problem.Error(), "nights 3, but arrival to departure_date is 2 nights") {
		t.Errorf("disagreeing nights: %+v", records)
	}
	neither := "booking_reference,email,arrival_date\nBK-1,a@example.com,2026-03-01\n"
	var fileErr *FileError
	if _, err := readString("pms", neither, Options{}); !errors.As(err, &fileErr) ||
		!strings.Contains(err.Error(), `no column "nights" or "departure_date"`) {
		t.Errorf("neither column: %v", err)
	}
}

func TestSpendIsReadWithItsThousandsGroupedAsExportsWriteThem(t *testing.T) {
	for value, want := range map[string][2]int64{
		"1234.50":      {1234, 500000000},
		"1234,50":      {1234, 500000000},
		"1,234.50":     {1234, 500000000},
		"1.234,50":     {1234, 500000000},
		"1 234,50":     {1234, 500000000},
		"1\u00a0234,5": {1234, 500000000},
		"1'234.05":     {1234, 50000000},
		"1,234,567":    {1234567, 0},
		"1.234.567":    {1234567, 0},
		"0,500":        {0, 500000000},
		"1234,567":     {1234, 567000000},
		"12":           {12, 0},
		"0.1":          {0, 100000000},
	} {
		got, err := ParseAmount(value)
		if err != nil || got.GetUnits() != want[0] || int64(got.GetNanos()) != want[1] {
			t.Errorf("ParseAmount(%q) = %v, %v; want %v", value, got, err, want)
		}
	}
	for value, problem := range map[string]string{
		"1,234":     "ambiguous",
		"12.500":    "ambiguous",
		"1,23,4.00": "not an amount",
		"-5":        "not an amount",
		"€540":      "not an amount",
		"1.2.3,4,5": "not an amount",
	} {
		if got, err := ParseAmount(value); err == nil || !strings.Contains(err.Error(), problem) {
			t.Errorf("ParseAmount(%q) = %v, %v; want %q", value, got, err, problem)
		}
	}
}

func TestAScaleFromZeroIsGivenByColumnOrFlag(t *testing.T) {
	content := "external_id,text,author,post_time,rating,rating_min,rating_max\n" +
		"n1,Would not come back,x,2025-10-01T10:00:00Z,0,,\n" +
		"n2,Fine,y,2025-10-01T10:00:00Z,3,1,5\n"
	zero := 0.0
	records, err := readString("csv", content, Options{RatingMin: &zero, RatingMax: 10})
	if err != nil || len(records) != 2 {
		t.Fatalf("%v %+v", err, records)
	}
	if got := records[0].Feedback.GetRating(); got.GetValue() != 0 || got.GetScaleMin() != 0 || got.GetScaleMax() != 10 {
		t.Errorf("with --rating-min 0 --rating-max 10: %v", got)
	}
	if got := records[1].Feedback.GetRating(); got.GetScaleMin() != 1 || got.GetScaleMax() != 5 {
		t.Errorf("rating_min and rating_max columns beat the flags: %v", got)
	}
	if records, _ := readString("csv", content, Options{}); records[0].Feedback.GetRating().GetScaleMin() != 1 {
		t.Errorf("without a flag or column the scale starts at 1: %v", records[0].Feedback.GetRating())
	}
}

func TestAGoogleReviewKeepsTheGuestsOwnWordsNotGooglesTranslation(t *testing.T) {
	google := `{"reviews": [
		{"reviewId": "g1", "comment": "(Translated by Google) The room was dirty.\n\n(Original)\nEl cuarto estaba sucio.", "createTime": "2025-10-01T10:00:00Z",
		 "reviewReply": {"comment": "(Translated by Google) We are sorry.\n\n(Original)\nLo sentimos."}},
		{"reviewId": "g2", "comment": "Le petit-déjeuner était froid.\n\n(Translated by Google)\nBreakfast was cold.", "createTime": "2025-10-01T10:00:00Z"},
		{"reviewId": "g3", "comment": "(Translated by Google) Noisy at night.", "createTime": "2025-10-01T10:00:00Z"},
		{"reviewId": "g4", "comment": "Quiet and clean.", "createTime": "2025-10-01T10:00:00Z"}
	]}`
	records, err := readString("google", google, Options{})
	if err != nil || len(records) != 4 {
		t.Fatalf("%v %+v", err, records)
	}
	for i, want := range []string{"El cuarto estaba sucio.", "Le petit-déjeuner était froid.", "Noisy at night.", "Quiet and clean."} {
		if got := records[i].Feedback.GetText(); got != want {
			t.Errorf("review %d: text %q, want %q", i+1, got, want)
		}
	}
	if records[0].PublicResponse != "Lo sentimos." {
		t.Errorf("reply %q", records[0].PublicResponse)
	}
}

func TestAnXPostIsReadAsItsAuthorWroteIt(t *testing.T) {
	long := strings.Repeat("The rooftop bar & pool were lovely. ", 10)
	search := `{"data": [
		{"id": "1", "text": "@Hotel B&amp;B &lt;3 but the lift is broken", "author_id": "7", "created_at": "2025-10-01T10:00:00Z", "lang": "en"},
		{"id": "2", "text": "` + long[:270] + `… https://t.co/x", "note_tweet": {"text": "` + strings.ReplaceAll(long, "&", "&amp;") + `"}, "author_id": "7", "created_at": "2025-10-01T10:00:00Z", "lang": "en"},
		{"id": "3", "text": "RT @guest: the lift is broken", "referenced_tweets": [{"type": "retweeted", "id": "9"}], "author_id": "8", "created_at": "2025-10-01T10:00:00Z", "lang": "en"},
		{"id": "4", "text": "Same here! https://t.co/y", "referenced_tweets": [{"type": "quoted", "id": "1"}], "author_id": "8", "created_at": "2025-10-01T10:00:00Z", "lang": "en"},
		{"id": "5", "text": "#PortoRiverside #travel", "author_id": "8", "created_at": "2025-10-01T10:00:00Z", "lang": "qht"}
	], "includes": {"users": [{"id": "7", "username": "ana"}, {"id": "8", "username": "tom"}]}}`
	records, err := readString("twitter", search, Options{})
	if err != nil || len(records) != 5 {
		t.Fatalf("%v %+v", err, records)
	}
	if got := records[0].Feedback.GetText(); got != "@Hotel B&B <3 but the lift is broken" {
		t.Errorf("entities: %q", got)
	}
	if got := records[1].Feedback.GetText(); got != long {
		t.Errorf("a long post: %q", got)
	}
	if records[2].Skipped != SkipRetweet || records[2].Feedback != nil {
		t.Errorf("a retweet: %+v", records[2])
	}
	if records[3].Feedback.GetText() != "Same here! https://t.co/y" {
		t.Errorf("a quote post is its author's own: %+v", records[3])
	}
	if got := records[4].Feedback.GetLanguageCode(); got != "" {
		t.Errorf("X's qht (hashtags only) names no language, got %q", got)
	}
	for code, want := range map[string]string{"zxx": "", "mul": "", "qme": "", "qtz": "", "quz": "quz", "en_GB": "en-GB"} {
		if got := languageTag(code); got != want {
			t.Errorf("languageTag(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestATextMayCombineColumnsAsReviewExportsSplitIt(t *testing.T) {
	content := "Review ID;Date;Guest;Liked;Disliked;Score\n" +
		"b1;2025-10-01;Ana;Great breakfast.;The room was tiny.;7\n" +
		"b2;2025-10-01;Bo;;Noisy street.;5\n"
	columns := map[string]string{"external_id": "Review ID", "post_time": "Date", "author": "Guest",
		"text": "Liked + Disliked", "rating": "Score"}
	records, err := readString("csv", content, Options{Columns: columns, RatingMax: 10})
	if err != nil || len(records) != 2 {
		t.Fatalf("%v %+v", err, records)
	}
	if got := records[0].Feedback.GetText(); got != "Great breakfast.\n\nThe room was tiny." {
		t.Errorf("both columns: %q", got)
	}
	if got := records[1].Feedback.GetText(); got != "Noisy street." {
		t.Errorf("one empty column: %q", got)
	}
	columns["text"] = "Liked+Comments"
	if _, err := readString("csv", content, Options{Columns: columns}); err == nil || !strings.Contains(err.Error(), `no column "Comments"`) {
		t.Errorf("a missing part: %v", err)
	}
	columns["text"], columns["external_id"] = "Liked", "Review ID+Guest"
	if _, err := readString("csv", content, Options{Columns: columns}); err == nil || !strings.Contains(err.Error(), "only text may combine") {
		t.Errorf("another field combined: %v", err)
	}
}

func TestABookingReviewIsOneVoicePerReservation(t *testing.T) {
	reviews := readAll(t, "booking", "booking_reviews.json", Options{})
	if len(reviews) != 3 {
		t.Fatalf("%d reviews: %+v", len(reviews), reviews)
	}
	first := reviews[0].Feedback
	if first.GetText() != "A room on the river\n\nThe staff were lovely and breakfast was great.\n\nThe air conditioning was noisy all night." ||
		first.GetSource() != gv.Source_SOURCE_BOOKING_COM || first.GetExternalId() != "Qr-j8xe_5As" ||
		first.GetLanguageCode() != "en-gb" || first.GetPostTime().AsTime().Format(time.RFC3339) != "2025-09-13T12:16:33Z" {
		t.Errorf("first review: %v", first)
	}
	if got := first.GetRating(); got.GetValue() != 7.5 || got.GetScaleMin() != 1 || got.GetScaleMax() != 10 {
		t.Errorf("score: %v", got)
	}
	if reviews[0].Venue != "7001" || !strings.HasPrefix(reviews[0].PublicResponse, "Thank you, John!") {
		t.Errorf("venue %q, reply %q", reviews[0].Venue, reviews[0].PublicResponse)
	}
	// Two guests both called John are two voices.
	if a, b := first.GetAuthor(), reviews[2].Feedback.GetAuthor(); a.GetHandle() == b.GetHandle() ||
		a.GetDisplayName() != "John" || b.GetDisplayName() != "John" {
		t.Errorf("authors %v and %v", a, b)
	}
	if scoreOnly := reviews[1].Feedback; scoreOnly.GetText() != "" || scoreOnly.GetRating().GetValue() != 10 ||
		scoreOnly.GetAuthor().GetHandle() != "reservation-3965817398" {
		t.Errorf("a score-only review: %v", scoreOnly)
	}
	if _, err := readString("booking", `{"data": [{"id": 1}]}`, Options{}); err == nil {
		t.Errorf("a Tripadvisor-shaped document was read as Booking.com's")
	}
	lisbon, err := time.LoadLocation("Europe/Lisbon")
	if err != nil {
		t.Fatal(err)
	}
	summer := readAll(t, "booking", "booking_reviews.json", Options{TimeZone: lisbon})
	if got := summer[0].Feedback.GetPostTime().AsTime().Format(time.RFC3339); got != "2025-09-13T11:16:33Z" {
		t.Errorf("created_timestamp in Lisbon (UTC+1 in September) = %s", got)
	}
}

func TestABookingWithoutReferenceIsRefusedAndACancelledOneNeedsNoMore(t *testing.T) {
	content := "booking_reference,email,arrival_date,nights,spend,status\n" +
		",ana@example.com,2026-05-01,2,,\n" +
		"BK-2,,,,,Cancelled\n" +
		"BK-3,bo@example.com,not a date,,oops,No-Show\n"
	records, err := readString("pms", content, Options{})
	if err != nil || len(records) != 3 {
		t.Fatalf("%v %+v", err, records)
	}
	if records[0].Problem == nil || !strings.Contains(records[0].Problem.Error(), "no booking_reference") {
		t.Errorf("no reference: %+v", records[0])
	}
	if records[1].Skipped != SkipCancelled {
		t.Errorf("a cancelled booking without email or phone: %+v", records[1])
	}
	if got := records[2].Stay; records[2].Problem != nil || got == nil || !got.Cancelled ||
		got.Stay.GetBookingReference() != "BK-3" || got.Email != "bo@example.com" {
		t.Errorf("a no-show is read by its reference and guest alone: %+v", records[2])
	}
}

func TestADateThatIsNoDayInTheGivenOrderSaysSo(t *testing.T) {
	feedback := "external_id,text,author,post_time\na1,Nice,x,31/01/2026\n"
	records, err := readString("csv", feedback, Options{DateOrder: MonthFirst})
	if err != nil || len(records) != 1 || records[0].Problem == nil ||
		!strings.Contains(records[0].Problem.Error(), `"31/01/2026" is not a day of the calendar read month first (--date-order MDY)`) {
		t.Errorf("%v %+v", err, records)
	}
}
