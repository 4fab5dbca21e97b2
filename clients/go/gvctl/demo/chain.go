package demo

import (
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // hotel days do not depend on the zone files of the machine
)

// A city the chain has hotels in: where it is, what guests there mostly
// write in and pay with.
type city struct {
	name, region, timeZone, language, currency string
}

// cities in the order hotels open: the first few already span three
// continents and most of the analyser's languages.
var cities = []city{
	{"Lisbon", "PT", "Europe/Lisbon", "pt", "EUR"},
	{"New York", "US", "America/New_York", "en", "USD"},
	{"Paris", "FR", "Europe/Paris", "fr", "EUR"},
	{"Berlin", "DE", "Europe/Berlin", "de", "EUR"},
	{"Madrid", "ES", "Europe/Madrid", "es", "EUR"},
	{"Amsterdam", "NL", "Europe/Amsterdam", "nl", "EUR"},
	{"Rome", "IT", "Europe/Rome", "it", "EUR"},
	{"London", "GB", "Europe/London", "en", "GBP"},
	{"São Paulo", "BR", "America/Sao_Paulo", "pt", "BRL"},
	{"Mexico City", "MX", "America/Mexico_City", "es", "MXN"},
	{"Montreal", "CA", "America/Toronto", "fr", "CAD"},
	{"Sydney", "AU", "Australia/Sydney", "en", "AUD"},
	{"Porto", "PT", "Europe/Lisbon", "pt", "EUR"},
	{"Barcelona", "ES", "Europe/Madrid", "es", "EUR"},
	{"Munich", "DE", "Europe/Berlin", "de", "EUR"},
	{"Milan", "IT", "Europe/Rome", "it", "EUR"},
}

// Second and later hotels in a city get these names.
var sites = []string{"Central", "Riverside", "Old Town", "Airport", "Harbour", "Park", "Station", "Gardens"}

// MaxHotels is the most hotels a demo chain can have.
var MaxHotels = len(cities) * len(sites)

// problems are what the planted problem hotels suffer from, as aspect ids:
// street noise, wifi that drops, a rude front desk.
var problems = []string{"noise_sleep", "wifi_internet", "staff_service"}

// hotelPlan is one hotel of the chain as the demo invents it.
type hotelPlan struct {
	id, displayName string
	city            city
	location        *time.Location
	// popularity weighs how much of the feedback is about this hotel.
	popularity int
	// quality is the chance that an opinion about it is positive.
	quality float64
	// problem is the aspect that went wrong here recently, or "".
	problem string
}

func planHotels(r *random, count int) []hotelPlan {
	hotels := make([]hotelPlan, count)
	for i := range hotels {
		c := cities[i%len(cities)]
		site := sites[i/len(cities)]
		hotels[i] = hotelPlan{
			id:          slug(c.name + " " + site),
			displayName: fmt.Sprintf("Aurora %s %s", c.name, site),
			city:        c,
			location:    mustLoadLocation(c.timeZone),
			popularity:  r.between(40, 160),
			quality:     0.74 + 0.16*r.Float64(),
		}
	}
	// Problems spread over the chain; a chain smaller than the list of
	// problems gets the first ones.
	for k, problem := range problems {
		switch {
		case count >= len(problems):
			hotels[k*count/len(problems)].problem = problem
		case k < count:
			hotels[k].problem = problem
		}
	}
	return hotels
}

// slug turns a name into a hotel id: lower-case ASCII letters and hyphens.
func slug(name string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(name) {
		switch {
		case c >= 'a' && c <= 'z':
			b.WriteRune(c)
		case c == 'ã':
			b.WriteRune('a')
		case c == ' ':
			b.WriteRune('-')
		}
	}
	return b.String()
}

func mustLoadLocation(name string) *time.Location {
	location, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // the zones above are all in the embedded database
	}
	return location
}
