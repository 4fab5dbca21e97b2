package report

import (
	"fmt"
	"strconv"
	"strings"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

// aspectNames are how the report names the taxonomy's aspect ids.
var aspectNames = map[string]string{
	"cleanliness":      "Cleanliness",
	"room":             "Room",
	"staff_service":    "Staff & service",
	"location":         "Location",
	"value":            "Value",
	"food_beverage":    "Food & drink",
	"wifi_internet":    "Wifi & internet",
	"noise_sleep":      "Noise & sleep",
	"checkin_checkout": "Check-in & check-out",
	"facilities":       "Facilities",
}

// aspectName names an aspect; one the report does not know yet shows its id.
func aspectName(id string) string {
	if name, ok := aspectNames[id]; ok {
		return name
	}
	return id
}

// tierName names a loyalty tier id; voices who are not known guests have
// none.
func tierName(id string) string {
	if id == "" {
		return "Not a known guest"
	}
	return strings.ToUpper(id[:1]) + id[1:]
}

// sourceName names a source enum value: SOURCE_BOOKING_COM is "Booking com".
func sourceName(source string) string {
	name := strings.ReplaceAll(strings.ToLower(strings.TrimPrefix(source, "SOURCE_")), "_", " ")
	if name == "" {
		return ""
	}
	return strings.ToUpper(name[:1]) + name[1:]
}

// RatingText is "2 of 1-5" for a rating of 2 on 1..5, as gvctl's tables and
// the report print a rating; empty without one.
func RatingText(rating *gv.Rating) string {
	if rating == nil {
		return ""
	}
	number := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	return fmt.Sprintf("%s of %s-%s", number(rating.GetValue()), number(rating.GetScaleMin()), number(rating.GetScaleMax()))
}
