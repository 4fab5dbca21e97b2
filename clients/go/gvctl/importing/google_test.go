package importing

import (
	"errors"
	"strings"
	"testing"
)

// batchGetReviews answers with each review in an entry naming its
// location: the review is filed under that location's hotel.
func TestABatchGetReviewsResponseImportsEachReviewUnderItsLocation(t *testing.T) {
	records, err := readString("google", `{"locationReviews": [
		{"name": "accounts/9001/locations/1111222233334444", "review": {"reviewId": "b1", "reviewer": {"displayName": "Lena K."},
			"starRating": "ONE", "comment": "Noisy heating.", "createTime": "2025-09-10T10:00:00Z"}},
		{"name": "accounts/9001/locations/5555666677778888", "review": {"reviewId": "b2", "reviewer": {"displayName": "Ola"},
			"starRating": "FIVE", "comment": "Lovely.", "createTime": "2025-09-11T10:00:00Z", "reviewReply": {"comment": "Thanks, Ola!"}}},
		{"name": "accounts/9001/locations/5555666677778888", "review": {"reviewId": "b3", "starRating": "TEN", "createTime": "2025-09-11T10:00:00Z"}}
	], "nextPageToken": "CiAKGjBp"}`, Options{})
	if err != nil || len(records) != 3 {
		t.Fatalf("%v %+v", err, records)
	}
	if records[0].Venue != "1111222233334444" || records[0].Feedback.GetExternalId() != "b1" ||
		records[1].Venue != "5555666677778888" || records[1].PublicResponse != "Thanks, Ola!" || records[1].Line != 2 {
		t.Errorf("%+v", records[:2])
	}
	if problem := records[2].Problem; problem == nil || !strings.HasPrefix(problem.Error(), `locationReviews[2].review.starRating "TEN"`) {
		t.Errorf("a bad review names its place: %v", problem)
	}
}

// A document whose only field of the format leads to another page holds
// none of its records: it is refused rather than imported as nothing.
func TestADocumentWithOnlyAPageTokenIsRefused(t *testing.T) {
	for format, content := range map[string]string{
		"google":      `{"locationsReviews": [{"review": {"reviewId": "x"}}], "nextPageToken": "CiAKGjBp"}`,
		"tripadvisor": `{"reviews": [], "paging": {"next": "https://example.com/next"}}`,
	} {
		_, err := readString(format, content, Options{})
		var fileErr *FileError
		if !errors.As(err, &fileErr) || !strings.Contains(err.Error(), "which leads to another page") {
			t.Errorf("%s: %v", format, err)
		}
	}
	if _, err := readString("google", `{"nextPageToken": "x", "totalReviewCount": 0}`, Options{}); err != nil {
		t.Errorf("an empty page with its counts: %v", err)
	}
}

func TestGoogleReviewersAreToldApartByAccountNotByName(t *testing.T) {
	records, err := readString("google", `{"reviews": [
		{"reviewId": "g1", "reviewer": {"displayName": "Maria", "profilePhotoUrl": "https://lh3.googleusercontent.com/a-/ALV-UjAAA=s120-c-rp-mo-br100"}, "comment": "Dirty.", "createTime": "2025-09-12T12:00:00Z"},
		{"reviewId": "g2", "reviewer": {"displayName": "Maria", "profilePhotoUrl": "https://lh3.googleusercontent.com/a-/ALV-UjBBB=s120-c-rp-mo-br100"}, "comment": "Dirty.", "createTime": "2025-09-13T12:00:00Z"},
		{"reviewId": "g3", "reviewer": {"displayName": "Maria", "profilePhotoUrl": "https://lh3.googleusercontent.com/a-/ALV-UjAAA=s40-c"}, "comment": "Still dirty.", "createTime": "2025-09-14T12:00:00Z"},
		{"reviewId": "g4", "reviewer": {"displayName": "A Google User"}, "comment": "Dirty.", "createTime": "2025-09-12T12:00:00Z"},
		{"reviewId": "g5", "reviewer": {"displayName": "A Google User"}, "comment": "Dirty.", "createTime": "2025-09-13T12:00:00Z"}
	]}`, Options{})
	if err != nil || len(records) != 5 {
		t.Fatalf("%v %+v", err, records)
	}
	handle := func(i int) string { return records[i].Feedback.GetAuthor().GetHandle() }
	if handle(0) == handle(1) || handle(0) != handle(2) || !strings.HasPrefix(handle(0), "google-") ||
		records[1].Feedback.GetAuthor().GetDisplayName() != "Maria" {
		t.Errorf("two Marias, one of them twice: %q %q %q", handle(0), handle(1), handle(2))
	}
	if handle(3) != "anonymous-g4" || handle(4) != "anonymous-g5" {
		t.Errorf("without a photo: %q %q", handle(3), handle(4))
	}
}

func TestAGoogleReviewWithoutReviewIdTakesItFromItsName(t *testing.T) {
	records, err := readString("google", `{"reviews": [
		{"name": "accounts/9001/locations/1111/reviews/AbFvOqk", "comment": "Quiet room.", "createTime": "2025-09-12T12:00:00Z"},
		{"name": "accounts/9001/locations/1111", "comment": "No id at all.", "createTime": "2025-09-12T12:00:00Z"}
	]}`, Options{})
	if err != nil || len(records) != 2 {
		t.Fatalf("%v %+v", err, records)
	}
	if got := records[0].Feedback.GetExternalId(); got != "AbFvOqk" || records[0].Venue != "1111" {
		t.Errorf("external id %q, venue %q", got, records[0].Venue)
	}
	if got := records[1].Feedback.GetExternalId(); got != "" {
		t.Errorf("a name without a review has no id: %q", got)
	}
}
