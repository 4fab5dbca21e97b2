package importing

import (
	"errors"
	"strings"
	"testing"
)

// twarc2 writes each search page it fetches as a line of its own; a page's
// posts name authors its own includes hold.
func TestATwarcFileOfPagesIsReadPageByPage(t *testing.T) {
	pages := `{"data": [{"id": "11", "text": "Great rooftop", "author_id": "u1", "created_at": "2025-09-05T10:00:00.000Z", "lang": "en"},` +
		` {"id": "12", "text": "Lovely", "author_id": "u1", "created_at": "2025-09-05T11:00:00.000Z"}],` +
		` "includes": {"users": [{"id": "u1", "username": "carla", "name": "Carla"}]}, "meta": {"result_count": 2, "next_token": "t2"}, "__twarc": {"version": "2.14.0"}}` + "\n" +
		`{"data": [{"id": "21", "text": "Noisy AC", "author_id": "u2", "created_at": "2025-09-04T10:00:00.000Z"},` +
		` {"id": "22", "text": "Who?", "author_id": "u1", "created_at": "2025-09-04T11:00:00.000Z"}],` +
		` "includes": {"users": [{"id": "u2", "username": "dan", "name": "Dan"}]}, "meta": {"result_count": 2}}` + "\n"
	records, err := readString("twitter", pages, Options{})
	if err != nil || len(records) != 4 {
		t.Fatalf("%v %+v", err, records)
	}
	for i, handle := range []string{"carla", "carla", "dan"} {
		if got := records[i].Feedback.GetAuthor().GetHandle(); got != handle || records[i].Line != i+1 {
			t.Errorf("record %d: %q at %d, want %q", i+1, got, records[i].Line, handle)
		}
	}
	// u1 is in the first page's includes, not in the second's.
	if problem := records[3].Problem; records[3].Line != 4 || problem == nil ||
		!strings.HasPrefix(problem.Error(), `line 2: data[1]: author "u1" is not in includes.users`) {
		t.Errorf("a post of page 2: line %d, %v", records[3].Line, problem)
	}
	_, err = readString("twitter", pages+`{"data": [{"id": "31"`, Options{})
	var fileErr *FileError
	if !errors.As(err, &fileErr) || fileErr.Line != 3 || !strings.Contains(err.Error(), "truncated") {
		t.Errorf("a truncated last page: %v", err)
	}
	_, err = readString("twitter", pages+`{"reviews": []}`+"\n", Options{})
	if !errors.As(err, &fileErr) || fileErr.Line != 3 || !strings.Contains(err.Error(), "no `data` array") {
		t.Errorf("a page of something else: %v", err)
	}
}

// X writes Indonesian, Hebrew and Yiddish in their retired codes.
func TestRetiredLanguageCodesBecomeTheirSuccessors(t *testing.T) {
	for code, want := range map[string]string{"in": "id", "iw": "he", "ji": "yi", "IW-il": "he-il", "id": "id", "ind": "ind", "it": "it"} {
		if got := languageTag(code); got != want {
			t.Errorf("languageTag(%q) = %q, want %q", code, got, want)
		}
	}
	records, err := readString("twitter", `{"data": [{"id": "1", "text": "Kamar bersih", "author_id": "u", "created_at": "2025-09-05T10:00:00Z", "lang": "in"}],
		"includes": {"users": [{"id": "u", "username": "budi"}]}}`, Options{})
	if err != nil || len(records) != 1 || records[0].Feedback.GetLanguageCode() != "id" {
		t.Errorf("%v %+v", err, records)
	}
}
