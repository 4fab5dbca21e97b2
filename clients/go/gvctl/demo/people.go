package demo

import (
	"fmt"
	"strings"
	"time"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

var firstNames = []string{
	"Ana", "James", "Sofia", "Lukas", "Camille", "Marco", "Emma", "Daan", "Lucía", "Noah",
	"Inês", "Olivia", "Mateo", "Hannah", "Louis", "Giulia", "Liam", "Sanne", "Diego", "Chloé",
}

var surnames = []string{
	"Silva", "Smith", "García", "Müller", "Martin", "Rossi", "Jones", "de Vries", "Santos", "Brown",
	"Fernández", "Schneider", "Bernard", "Bianchi", "Taylor", "Jansen", "Costa", "Wilson", "López", "Dubois",
}

// handleSources are the channels where guests have accounts the hotel can
// link to them.
var handleSources = []gv.Source{
	gv.Source_SOURCE_TWITTER, gv.Source_SOURCE_INSTAGRAM, gv.Source_SOURCE_TRIPADVISOR,
	gv.Source_SOURCE_GOOGLE, gv.Source_SOURCE_BOOKING_COM, gv.Source_SOURCE_FACEBOOK,
}

// handle is an author's account at a source.
type handle struct {
	source gv.Source
	value  string
}

// guestPlan is a known guest: their identities and their loyalty history.
type guestPlan struct {
	displayName   string
	email         string
	loyaltyNumber string
	handles       []handle
	stays         []stayPlan
	checkIns      []checkInPlan
}

type stayPlan struct {
	hotel     int
	arrival   time.Time // noon of the arrival day, hotel-local
	nights    int
	spend     int64 // whole units of the hotel's currency
	reference string
}

type checkInPlan struct {
	hotel      int
	outlet     gv.Outlet
	at         time.Time
	externalID string
}

// How many stays a guest makes in the period, and how many guests in a
// hundred make that many.
var (
	stayCounts       = []int{1, 2, 3, 4, 6, 9, 14, 22}
	stayCountWeights = []int{60, 16, 8, 5, 4, 3, 2, 2}
)

// guestCount is how many known guests a chain with this much feedback has:
// most feedback comes from authors the hotel cannot name.
func guestCount(items int) int { return min(max(items/10, 10), 50_000) }

// planGuests invents the chain's known guests. Loyalty follows the shape
// real programs report: most guests stay once, some come back a few times,
// and a small share of frequent travellers, mostly at one home hotel,
// stays often enough for the upper tiers and checks in at its bar and
// restaurant too.
func planGuests(r *random, seed uint64, items int, hotels []hotelPlan, window period) []guestPlan {
	popularity := make([]int, len(hotels))
	for i, h := range hotels {
		popularity[i] = h.popularity
	}
	guests := make([]guestPlan, guestCount(items))
	for g := range guests {
		first, last := oneOf(r, firstNames), oneOf(r, surnames)
		guest := &guests[g]
		guest.displayName = first + " " + last
		// E-mail and loyalty number carry the seed: loads of two seeds into
		// one organization meet only where a short handle has no room for it.
		guest.email = fmt.Sprintf("%s.%s.%d@s%d.example.com", asciiLower(first), asciiLower(last), g, seed)
		guest.loyaltyNumber = fmt.Sprintf("AU%d%07d", seed, g)
		for _, i := range r.Perm(len(handleSources))[:r.between(1, 3)] {
			guest.handles = append(guest.handles, handle{handleSources[i], authorHandle(handleSources[i], first, last, g)})
		}

		stays := stayCounts[weighted(r, stayCountWeights)]
		frequent := stays >= 4
		home := weighted(r, popularity)
		for s := range stays {
			hotel := home
			if !r.chance(0.7) {
				hotel = weighted(r, popularity)
			}
			nights := r.between(2, 7)
			if frequent {
				nights = r.between(1, 3) // business trips
			}
			stay := stayPlan{
				hotel:     hotel,
				arrival:   localNoon(window.instant(r, nights+1), hotels[hotel].location),
				nights:    nights,
				spend:     int64(nights * r.between(90, 260)),
				reference: fmt.Sprintf("DEMO-%d-%d-%d", seed, g, s),
			}
			guest.stays = append(guest.stays, stay)
			if frequent && r.chance(0.6) {
				outlet := oneOf(r, []gv.Outlet{gv.Outlet_OUTLET_HOTEL, gv.Outlet_OUTLET_BAR, gv.Outlet_OUTLET_RESTAURANT, gv.Outlet_OUTLET_SPA})
				guest.checkIns = append(guest.checkIns, checkInPlan{
					hotel:      hotel,
					outlet:     outlet,
					at:         stay.arrival.Add(time.Duration(r.between(1, 8)) * time.Hour),
					externalID: fmt.Sprintf("demo-%d-%d-%d", seed, g, s),
				})
			}
		}
	}
	return guests
}

// authorHandle is how a person called first last shows up at a source,
// within the handle syntax the service checks for the source.
func authorHandle(source gv.Source, first, last string, n int) string {
	given, family := asciiLower(first), asciiLower(last)
	switch source {
	case gv.Source_SOURCE_TWITTER: // at most 15 characters
		name := given + family
		return fmt.Sprintf("@%s_%d", name[:min(len(name), 7)], n%1_000_000)
	case gv.Source_SOURCE_INSTAGRAM:
		return fmt.Sprintf("%s_%s.%d", given, family, n)
	case gv.Source_SOURCE_FACEBOOK:
		return fmt.Sprintf("%s.%s.%d", given, family, n)
	case gv.Source_SOURCE_SURVEY:
		return fmt.Sprintf("respondent-%06d", n)
	case gv.Source_SOURCE_EMAIL:
		return fmt.Sprintf("%s.%s.%d@example.net", given, family, n)
	default: // review sites show a name
		return fmt.Sprintf("%s %s. #%d", first, last[:1], n)
	}
}

// asciiLower lower-cases a name and drops its accents and spaces, as
// people do when they pick a handle or an address.
func asciiLower(name string) string {
	replacer := strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ê", "e", "ü", "ue", "ç", "c", " ", "")
	return replacer.Replace(strings.ToLower(name))
}
