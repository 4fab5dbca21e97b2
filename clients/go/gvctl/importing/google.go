package importing

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

func init() {
	register(Format{
		Name:        "google",
		Description: "Google Business Profile reviews: the JSON of accounts.locations.reviews.list or accounts.locations.batchGetReviews",
		Kind:        KindFeedback,
		Read:        readGoogleReviews,
	})
}

// googleReviews is the response of the Business Profile API's reviews.list
// (one location's reviews) or batchGetReviews (several locations', each
// review in a locationReviews entry naming its location).
type googleReviews struct {
	Reviews         []json.RawMessage `json:"reviews"` // googleReview each
	LocationReviews []struct {
		Name   string          `json:"name"` // accounts/{account}/locations/{location}
		Review json.RawMessage `json:"review"`
	} `json:"locationReviews"`
}

// googleReviewsKeys are the responses' fields, the array first.
var googleReviewsKeys = []string{"reviews", "locationReviews", "averageRating", "totalReviewCount", "nextPageToken"}

type googleReview struct {
	Name     string `json:"name"` // accounts/{account}/locations/{location}/reviews/{review}
	ReviewID string `json:"reviewId"`
	Reviewer struct {
		DisplayName     string `json:"displayName"`
		ProfilePhotoURL string `json:"profilePhotoUrl"`
		IsAnonymous     bool   `json:"isAnonymous"`
	} `json:"reviewer"`
	StarRating  string `json:"starRating"`
	Comment     string `json:"comment"`
	CreateTime  string `json:"createTime"`
	UpdateTime  string `json:"updateTime"` // the last edit; createTime if none
	ReviewReply *struct {
		Comment string `json:"comment"`
	} `json:"reviewReply"`
}

// googleEntry is one review of a response, where it is in the document
// ("reviews[3]") and the location the response files it under ("" for
// reviews.list, whose reviews name it themselves).
type googleEntry struct {
	path     string
	raw      json.RawMessage
	location string
}

// entries are the response's reviews in document order, of either shape.
func (d googleReviews) entries() []googleEntry {
	var entries []googleEntry
	for i, raw := range d.Reviews {
		entries = append(entries, googleEntry{fmt.Sprintf("reviews[%d]", i), raw, ""})
	}
	for i, located := range d.LocationReviews {
		entries = append(entries, googleEntry{fmt.Sprintf("locationReviews[%d].review", i), located.Review, googleLocation(located.Name)})
	}
	return entries
}

var googleStars = map[string]float64{"ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5}

func readGoogleReviews(r io.Reader, _ Options, yield func(Record) bool) error {
	var document googleReviews
	var keys map[string]json.RawMessage
	if err := readDocument(r, &document, &keys); err != nil {
		return err
	}
	if err := checkShape(keys, googleReviewsKeys, "a Google Business Profile reviews.list or batchGetReviews response (--format google)"); err != nil {
		return err
	}
	for i, entry := range document.entries() {
		if !yield(readGoogleReview(i+1, entry)) {
			return nil
		}
	}
	return nil
}

// readGoogleReview is the record of the number-th review of a response.
func readGoogleReview(number int, entry googleEntry) Record {
	var review googleReview
	if err := decodeElement(entry.raw, &review); err != nil {
		return problemf(number, "%s: %v", entry.path, err)
	}
	created, err := time.Parse(time.RFC3339Nano, review.CreateTime)
	if err != nil {
		return problemf(number, "%s.createTime %q is not an RFC 3339 time", entry.path, review.CreateTime)
	}
	var edited time.Time
	if review.UpdateTime != "" {
		if edited, err = time.Parse(time.RFC3339Nano, review.UpdateTime); err != nil {
			return problemf(number, "%s.updateTime %q is not an RFC 3339 time", entry.path, review.UpdateTime)
		}
	}
	stars, rated := googleStars[review.StarRating]
	if !rated && review.StarRating != "" && review.StarRating != "STAR_RATING_UNSPECIFIED" {
		return problemf(number, "%s.starRating %q is not ONE to FIVE", entry.path, review.StarRating)
	}
	if review.ReviewID == "" {
		review.ReviewID = googleReviewID(review.Name)
	}
	feedback := &gv.Feedback{
		Source:     gv.Source_SOURCE_GOOGLE,
		ExternalId: review.ReviewID,
		Author:     &gv.Author{Handle: googleHandle(review), DisplayName: review.Reviewer.DisplayName},
		Text:       googleOriginalText(review.Comment),
		PostTime:   timestamppb.New(created),
	}
	if rated {
		feedback.Rating = &gv.Rating{Value: stars, ScaleMin: 1, ScaleMax: 5}
	}
	// A review the guest edited since: imported again, the stored item
	// takes the new words and stars.
	if edited.After(created) {
		feedback.EditTime = timestamppb.New(edited)
	}
	location := entry.location
	if location == "" {
		location = googleLocation(review.Name)
	}
	record := Record{Line: number, Venue: location, Feedback: feedback}
	if review.ReviewReply != nil {
		record.PublicResponse = googleOriginalText(review.ReviewReply.Comment)
	}
	return record
}

// googleHandle is the review's author as a voice. Google names a reviewer
// by display name, which many guests share ("A Google User" is every
// account that hides its name), so the voice is the account's: its
// profile photo's address is its own, and with the name it tells two
// accounts apart even where a default photo's address is shared. A review
// without a photo, as a Booking.com review without reservation, is a voice
// of its own, as is an anonymous one.
func googleHandle(review googleReview) string {
	photo := googlePhotoKey(review.Reviewer.ProfilePhotoURL)
	if review.Reviewer.IsAnonymous || photo == "" {
		return anonymousHandle(review.ReviewID)
	}
	sum := sha256.Sum256([]byte(review.Reviewer.DisplayName + "\n" + photo))
	return "google-" + hex.EncodeToString(sum[:8])
}

// googlePhotoKey is a profile photo's address without what sizes the
// image (".../a-/ALV-UjW...=s120-c-rp-mo-br100", "?sz=50"), which one
// answer may write otherwise than another for the same account.
func googlePhotoKey(url string) string {
	url, _, _ = strings.Cut(url, "?")
	if slash := strings.LastIndex(url, "/"); slash >= 0 {
		if options := strings.Index(url[slash:], "="); options >= 0 {
			url = url[:slash+options]
		}
	}
	return strings.TrimSpace(url)
}

// googleReviewID is {review} of accounts/{account}/locations/{location}/reviews/{review},
// the review's id where an answer (or a copy of one) leaves reviewId out:
// the API documents reviewId as the name's last segment.
func googleReviewID(name string) string {
	parts := strings.Split(name, "/")
	if len(parts) >= 2 && parts[len(parts)-2] == "reviews" {
		return parts[len(parts)-1]
	}
	return ""
}

// googleLocation is {location} of accounts/{account}/locations/{location}/reviews/{review}.
func googleLocation(name string) string {
	parts := strings.Split(name, "/")
	for i := 0; i+1 < len(parts); i++ {
		if parts[i] == "locations" {
			return parts[i+1]
		}
	}
	return ""
}

// Markers Google puts in a comment it translated into the account's
// language: "(Translated by Google) <translation>\n\n(Original)\n<text>",
// or "<text>\n\n(Translated by Google)\n<translation>".
const (
	googleTranslatedMarker = "(Translated by Google)"
	googleOriginalMarker   = "(Original)"
)

// googleOriginalText is the author's own words of a comment, without
// Google's machine translation: each voice is heard in the language it
// wrote in, and a translation analysed beside its original would count its
// complaints twice.
func googleOriginalText(comment string) string {
	translated := strings.Index(comment, googleTranslatedMarker)
	switch {
	case translated < 0:
		return comment
	case translated > 0:
		return strings.TrimSpace(comment[:translated])
	}
	if _, original, found := strings.Cut(comment, googleOriginalMarker); found {
		return strings.TrimSpace(original)
	}
	// A translation without its original is all there is.
	return strings.TrimSpace(comment[len(googleTranslatedMarker):])
}
