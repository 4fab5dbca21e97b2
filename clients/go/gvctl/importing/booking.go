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
		Name: "booking",
		Description: "Booking.com reviews: the JSON of the Guest Reviews API's " +
			"GET /review-api/properties/{id}/reviews; --hotel names the hotel, or the mapping a review's property",
		Kind: KindFeedback,
		Read: readBookingReviews,
	})
}

// bookingReviews is a page of the Booking.com Guest Reviews API
// (connectivity), one property's reviews.
type bookingReviews struct {
	Data struct {
		Reviews []json.RawMessage `json:"reviews"` // bookingReview each
	} `json:"data"`
}

// bookingReviewsKeys are the response's fields, the one holding the
// reviews first.
var bookingReviewsKeys = []string{"data", "meta", "errors", "warnings"}

type bookingReview struct {
	ReviewID         string      `json:"review_id"`
	CreatedTimestamp string      `json:"created_timestamp"` // "2018-05-13 12:16:33", no zone
	ReservationID    json.Number `json:"reservation_id"`
	// Null when the guest left only scores.
	Content *struct {
		LanguageCode string `json:"language_code"`
		Headline     string `json:"headline"`
		Positive     string `json:"positive"`
		Negative     string `json:"negative"`
	} `json:"content"`
	Scoring *struct {
		ReviewScore *float64 `json:"review_score"`
	} `json:"scoring"`
	// Null when the guest stays anonymous.
	Reviewer *struct {
		Name string `json:"name"`
	} `json:"reviewer"`
	Reply *struct {
		Text string `json:"text"`
	} `json:"reply"`
	// https://supply-xml.booking.com/review-api/properties/{id}/reviews/{review_id}
	URL string `json:"url"`
}

// bookingTimestampLayout is how the API writes times: without a zone, read
// as UTC (the API's documentation names none) unless --time-zone says
// otherwise.
const bookingTimestampLayout = "2006-01-02 15:04:05"

func readBookingReviews(r io.Reader, options Options, yield func(Record) bool) error {
	zone := time.UTC
	if options.TimeZone != nil {
		zone = options.TimeZone
	}
	var document bookingReviews
	var keys map[string]json.RawMessage
	if err := readDocument(r, &document, &keys); err != nil {
		return err
	}
	if err := checkShape(keys, bookingReviewsKeys, "a Booking.com Guest Reviews API response (--format booking)"); err != nil {
		return err
	}
	for i, raw := range document.Data.Reviews {
		number := i + 1
		var review bookingReview
		if err := decodeElement(raw, &review); err != nil {
			if !yield(problemf(number, "data.reviews[%d]: %v", i, err)) {
				return nil
			}
			continue
		}
		created, err := time.ParseInLocation(bookingTimestampLayout, review.CreatedTimestamp, zone)
		if err != nil {
			if !yield(problemf(number, "data.reviews[%d].created_timestamp %q is not a time such as 2026-01-31 14:05:00",
				i, review.CreatedTimestamp)) {
				return nil
			}
			continue
		}
		feedback := &gv.Feedback{
			Source:     gv.Source_SOURCE_BOOKING_COM,
			ExternalId: review.ReviewID,
			Author:     &gv.Author{Handle: bookingHandle(review)},
			PostTime:   timestamppb.New(created),
		}
		if review.Reviewer != nil {
			feedback.Author.DisplayName = review.Reviewer.Name
		}
		if content := review.Content; content != nil {
			feedback.Text = joinNonEmpty(content.Headline, content.Positive, content.Negative)
			feedback.LanguageCode = languageTag(content.LanguageCode)
		}
		if review.Scoring != nil && review.Scoring.ReviewScore != nil {
			// Guests score a stay from 1 to 10.
			feedback.Rating = &gv.Rating{Value: *review.Scoring.ReviewScore, ScaleMin: 1, ScaleMax: 10}
		}
		record := Record{Line: number, Venue: bookingProperty(review.URL), Feedback: feedback}
		if review.Reply != nil {
			record.PublicResponse = review.Reply.Text
		}
		if !yield(record) {
			return nil
		}
	}
	return nil
}

// bookingHandle is the review's author as a voice. Booking.com names a
// reviewer by first name only, which many guests share, so the voice is
// the reservation's: the guest who stayed on it (each of a returning
// guest's stays is its own voice unless linked to their profile).
func bookingHandle(review bookingReview) string {
	if reservation := review.ReservationID.String(); reservation != "" {
		return "reservation-" + reservation
	}
	return anonymousHandle(review.ReviewID)
}

// bookingProperty is {id} of a review's url, .../properties/{id}/reviews/...
func bookingProperty(url string) string {
	parts := strings.Split(url, "/")
	for i := 0; i+1 < len(parts); i++ {
		if parts[i] == "properties" {
			return parts[i+1]
		}
	}
	return ""
}

// joinNonEmpty joins the parts that are not blank with a blank line.
func joinNonEmpty(parts ...string) string {
	var kept []string
	for _, part := range parts {
		if part = strings.TrimSpace(part); part != "" {
			kept = append(kept, part)
		}
	}
	return strings.Join(kept, "\n\n")
}
