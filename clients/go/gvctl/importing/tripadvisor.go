package importing

import (
	"encoding/json"
	"io"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

func init() {
	register(Format{
		Name:        "tripadvisor",
		Description: "Tripadvisor Content API location reviews: the JSON of /location/{id}/reviews",
		Kind:        KindFeedback,
		Read:        readTripadvisorReviews,
	})
}

type tripadvisorReviews struct {
	Data []json.RawMessage `json:"data"` // tripadvisorReview each
}

// tripadvisorReviewsKeys are the response's fields, the array first.
var tripadvisorReviewsKeys = []string{"data", "paging"}

type tripadvisorReview struct {
	ID            json.Number `json:"id"`
	Lang          string      `json:"lang"`
	LocationID    json.Number `json:"location_id"`
	PublishedDate string      `json:"published_date"`
	Rating        float64     `json:"rating"`
	Title         string      `json:"title"`
	Text          string      `json:"text"`
	User          struct {
		Username string `json:"username"`
	} `json:"user"`
	// The hotel's published reply. Its title is Tripadvisor's label
	// ("Owner response"), not the hotel's words.
	OwnerResponse *struct {
		Text string `json:"text"`
	} `json:"owner_response"`
}

func readTripadvisorReviews(r io.Reader, _ Options, yield func(Record) bool) error {
	var document tripadvisorReviews
	var keys map[string]json.RawMessage
	if err := readDocument(r, &document, &keys); err != nil {
		return err
	}
	const what = "a Tripadvisor Content API reviews response (--format tripadvisor)"
	if err := checkShape(keys, tripadvisorReviewsKeys, what); err != nil {
		return err
	}
	if err := checkElements("data", document.Data, tripadvisorReviewShape, twitterPostShape, what); err != nil {
		return err
	}
	for i, raw := range document.Data {
		number := i + 1
		var review tripadvisorReview
		if err := decodeElement(raw, &review); err != nil {
			if !yield(problemf(number, "data[%d]: %v", i, err)) {
				return nil
			}
			continue
		}
		published, err := time.Parse(time.RFC3339Nano, review.PublishedDate)
		if err != nil {
			if !yield(problemf(number, "data[%d].published_date %q is not an RFC 3339 time", i, review.PublishedDate)) {
				return nil
			}
			continue
		}
		// The title is the review's first sentence as people read it.
		text := joinNonEmpty(review.Title, review.Text)
		handle := review.User.Username
		if handle == "" {
			handle = anonymousHandle(review.ID.String())
		}
		feedback := &gv.Feedback{
			Source:       gv.Source_SOURCE_TRIPADVISOR,
			ExternalId:   review.ID.String(),
			Author:       &gv.Author{Handle: handle, DisplayName: review.User.Username},
			Text:         text,
			LanguageCode: languageTag(review.Lang),
			PostTime:     timestamppb.New(published),
		}
		if review.Rating > 0 {
			feedback.Rating = &gv.Rating{Value: review.Rating, ScaleMin: 1, ScaleMax: 5}
		}
		record := Record{Line: number, Venue: review.LocationID.String(), Feedback: feedback}
		if review.OwnerResponse != nil {
			record.PublicResponse = review.OwnerResponse.Text
		}
		if !yield(record) {
			return nil
		}
	}
	return nil
}
