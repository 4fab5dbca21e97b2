package importing

import (
	"encoding/json"
	"io"
	"strings"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

func init() {
	register(Format{
		Name:        "google",
		Description: "Google Business Profile reviews: the JSON of accounts.locations.reviews.list",
		Kind:        KindFeedback,
		Read:        readGoogleReviews,
	})
}

// googleReviews is the response of the Business Profile API's reviews.list.
type googleReviews struct {
	Reviews []json.RawMessage `json:"reviews"` // googleReview each
}

// googleReviewsKeys are the response's fields, the array first.
var googleReviewsKeys = []string{"reviews", "averageRating", "totalReviewCount", "nextPageToken"}

type googleReview struct {
	Name     string `json:"name"` // accounts/{account}/locations/{location}/reviews/{review}
	ReviewID string `json:"reviewId"`
	Reviewer struct {
		DisplayName string `json:"displayName"`
		IsAnonymous bool   `json:"isAnonymous"`
	} `json:"reviewer"`
	StarRating  string `json:"starRating"`
	Comment     string `json:"comment"`
	CreateTime  string `json:"createTime"`
	UpdateTime  string `json:"updateTime"` // the last edit; createTime if none
	ReviewReply *struct {
		Comment string `json:"comment"`
	} `json:"reviewReply"`
}

var googleStars = map[string]float64{"ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5}

func readGoogleReviews(r io.Reader, _ Options, yield func(Record) bool) error {
	var document googleReviews
	var keys map[string]json.RawMessage
	if err := readDocument(r, &document, &keys); err != nil {
		return err
	}
	if err := checkShape(keys, googleReviewsKeys, "a Google Business Profile reviews.list response (--format google)"); err != nil {
		return err
	}
	for i, raw := range document.Reviews {
		number := i + 1
		var review googleReview
		if err := decodeElement(raw, &review); err != nil {
			if !yield(problemf(number, "reviews[%d]: %v", i, err)) {
				return nil
			}
			continue
		}
		created, err := time.Parse(time.RFC3339Nano, review.CreateTime)
		if err != nil {
			if !yield(problemf(number, "reviews[%d].createTime %q is not an RFC 3339 time", i, review.CreateTime)) {
				return nil
			}
			continue
		}
		var edited time.Time
		if review.UpdateTime != "" {
			if edited, err = time.Parse(time.RFC3339Nano, review.UpdateTime); err != nil {
				if !yield(problemf(number, "reviews[%d].updateTime %q is not an RFC 3339 time", i, review.UpdateTime)) {
					return nil
				}
				continue
			}
		}
		stars, rated := googleStars[review.StarRating]
		if !rated && review.StarRating != "" && review.StarRating != "STAR_RATING_UNSPECIFIED" {
			if !yield(problemf(number, "reviews[%d].starRating %q is not ONE to FIVE", i, review.StarRating)) {
				return nil
			}
			continue
		}
		handle := review.Reviewer.DisplayName
		if review.Reviewer.IsAnonymous || handle == "" {
			handle = anonymousHandle(review.ReviewID)
		}
		feedback := &gv.Feedback{
			Source:     gv.Source_SOURCE_GOOGLE,
			ExternalId: review.ReviewID,
			Author:     &gv.Author{Handle: handle, DisplayName: review.Reviewer.DisplayName},
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
		record := Record{Line: number, Venue: googleLocation(review.Name), Feedback: feedback}
		if review.ReviewReply != nil {
			record.PublicResponse = googleOriginalText(review.ReviewReply.Comment)
		}
		if !yield(record) {
			return nil
		}
	}
	return nil
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
