package importing

import (
	"testing"
	"time"
)

// What Excel saves as "CSV" on Western-European Windows: Windows-1252,
// where é is the byte E9 and € the byte 80.
func TestACSVFileInWindows1252IsReadAsItsText(t *testing.T) {
	content := "external_id;text;author;post_time\r\n" +
		"w1;Tr\xe8s bon s\xe9jour;Ana;01.10.2025\r\n" +
		"w2;Good stay;Bo;02.10.2025\r\n" +
		"w3;Fr\xfchst\xfcck 25 \x80, Stra\xdfe laut;J\xfcrgen;03.10.2025\r\n"
	records, err := readString("csv", content, Options{})
	if err != nil || len(records) != 3 {
		t.Fatalf("%v %+v", err, records)
	}
	for i, want := range []string{"Très bon séjour", "Good stay", "Frühstück 25 €, Straße laut"} {
		if got := records[i].Feedback.GetText(); got != want || records[i].Problem != nil {
			t.Errorf("row %d: %q (%v), want %q", i+1, got, records[i].Problem, want)
		}
	}
	if author := records[2].Feedback.GetAuthor().GetHandle(); author != "Jürgen" {
		t.Errorf("author %q", author)
	}
	stays, err := readString("pms", "booking_reference,arrival_date,nights,guest_name,email\n"+
		"B1,2025-10-01,2,Fran\xe7ois M\xfcller,f@example.com\n", Options{})
	if err != nil || len(stays) != 1 || stays[0].Stay.GuestName != "François Müller" {
		t.Errorf("pms: %v %+v", err, stays)
	}
}

func TestAUTF8HeadCutInsideACharacterIsStillUTF8(t *testing.T) {
	head := []byte("ok é")
	if !isUTF8Head(head[:len(head)-1], true) || isUTF8Head(head[:len(head)-1], false) || isUTF8Head([]byte("caf\xe9 ok"), true) {
		t.Error("a character cut by the window is not a sign of another encoding; a lone E9 inside it is")
	}
}

// Excel leaves ";;;;;" where rows were cleared: no record, and no error.
func TestRowsOfEmptyCellsAreSkippedWithoutAWord(t *testing.T) {
	content := "external_id;text;author;post_time;rating\r\n" +
		"e1;Nice;Ana;01.10.2025;4,5\r\n" +
		";;;;\r\n" +
		"e2;\"Multi\r\nline\";Bo;02.10.2025;4\r\n" +
		";;;;\r\n" + " ; ;;;\r\n"
	records, err := readString("csv", content, Options{})
	if err != nil || len(records) != 2 || records[0].Problem != nil || records[1].Problem != nil || records[1].Line != 4 {
		t.Errorf("%v %+v", err, records)
	}
}

// Excel writes "sep=;" as a first line to name the file's separator.
func TestAnExcelSepLineNamesTheDelimiter(t *testing.T) {
	for _, content := range []string{
		"sep=;\r\nexternal_id;text;author;post_time\r\ns1;Bom, muito bom;Ana;2025-10-01\r\n",
		"SEP=,\nexternal_id,text,author,post_time\ns1,\"Bom, muito bom\",Ana,2025-10-01\n",
		"\xef\xbb\xbfsep=;\nexternal_id;text;author;post_time\ns1;Bom, muito bom;Ana;2025-10-01\n",
	} {
		records, err := readString("csv", content, Options{})
		if err != nil || len(records) != 1 || records[0].Feedback.GetText() != "Bom, muito bom" || records[0].Line != 3 {
			t.Errorf("%q: %v %+v", content, err, records)
		}
	}
}

// Databases and logs write a zone after the time other than as RFC 3339
// has it: each names its instant.
func TestATimeWithItsZoneAfterItIsThatInstant(t *testing.T) {
	for value, want := range map[string]string{
		"2025-10-01 14:05:10 UTC":       "2025-10-01T14:05:10Z",
		"2025-10-01 14:05:10 gmt":       "2025-10-01T14:05:10Z",
		"2025-10-01 14:05:10Z":          "2025-10-01T14:05:10Z",
		"2025-10-01T14:05:10+0100":      "2025-10-01T13:05:10Z",
		"2025-10-01 14:05:10 +01:00":    "2025-10-01T13:05:10Z",
		"2025-10-01T14:05:10.250-0530":  "2025-10-01T19:35:10.25Z",
		"01.10.2025 14:05 UTC":          "2025-10-01T14:05:00Z",
		"10/01/2025 2:05 PM UTC":        "2025-10-01T14:05:00Z",
		"2025-10-01T14:05:10.000+01:00": "2025-10-01T13:05:10Z",
	} {
		at, local, err := parseTime(value, MonthFirst)
		if err != nil || local.IsSet() || at.UTC().Format(time.RFC3339Nano) != want {
			t.Errorf("parseTime(%q) = %v %+v %v; want %s", value, at, local, err, want)
		}
	}
	if _, _, err := parseTime("2025-10-01 25:05 UTC", MonthFirst); err == nil {
		t.Error("25:05 UTC is no time of day")
	}
}
