package demo

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	gv "github.com/guestvoice/guestvoice/clients/go/guestvoicev1"
)

// Shares of the feedback stream.
const (
	// knownGuestShare of items come from the handles of known guests.
	knownGuestShare = 0.35
	// repeatShare of items are posted again, word for word, by their
	// author: the service stores them but counts them once.
	repeatShare = 0.02
	// crossPostShare of known guests' items also go out on another of
	// their linked accounts: one voice, two sources.
	crossPostShare = 0.06
	// problemShare of a problem hotel's items since the problem began
	// complain about it.
	problemShare = 0.5
	// problemDays is how long before the end the problems began.
	problemDays = 120
	// resolvedShare of complaints older than caseAge are resolved with a
	// public reply; acknowledgedShare of the others are being looked at.
	// The rest stay open: the attention queue.
	resolvedShare     = 0.75
	acknowledgedShare = 0.3
	caseAge           = 14 * 24 * time.Hour
)

// Channels anonymous authors write on, and how often.
var anonymousSources = []struct {
	source gv.Source
	weight int
}{
	{gv.Source_SOURCE_TRIPADVISOR, 22},
	{gv.Source_SOURCE_GOOGLE, 22},
	{gv.Source_SOURCE_BOOKING_COM, 20},
	{gv.Source_SOURCE_EXPEDIA, 8},
	{gv.Source_SOURCE_TWITTER, 8},
	{gv.Source_SOURCE_INSTAGRAM, 6},
	{gv.Source_SOURCE_FACEBOOK, 5},
	{gv.Source_SOURCE_SURVEY, 6},
	{gv.Source_SOURCE_EMAIL, 3},
}

// ratingScales are the scales of the sources that rate; the others don't.
var ratingScales = map[gv.Source][2]float64{
	gv.Source_SOURCE_TRIPADVISOR: {1, 5},
	gv.Source_SOURCE_GOOGLE:      {1, 5},
	gv.Source_SOURCE_EXPEDIA:     {1, 5},
	gv.Source_SOURCE_BOOKING_COM: {1, 10},
	gv.Source_SOURCE_SURVEY:      {0, 10},
}

// post is one feedback item with the voice that wrote it: all of a voice's
// posts travel on one import stream, so the service sees an original
// before its repeat however many streams there are. handling, when set, is
// the case as the hotel has handled it since.
type post struct {
	feedback *gv.Feedback
	voice    string
	handling *gv.FeedbackCase
}

// feedbackGenerator writes the chain's feedback, one post at a time.
type feedbackGenerator struct {
	r                *random
	seed             uint64
	org              string
	hotels           []hotelPlan
	hotelWeights     []int
	sourceWeights    []int
	guests           []guestPlan
	stays            [][2]int // (guest, stay) of every stay: a draw weighs guests by their stays
	anonymousAuthors int
	window           period
	problemStart     time.Time
	count            int
	followUps        []post // repeats and cross-posts of the last post
}

func newFeedbackGenerator(r *random, seed uint64, org string, items int, hotels []hotelPlan, guests []guestPlan, window period) *feedbackGenerator {
	g := &feedbackGenerator{
		r: r, seed: seed, org: org, hotels: hotels, guests: guests, window: window,
		anonymousAuthors: max(20, items*2/5),
		problemStart:     window.end.AddDate(0, 0, -problemDays),
	}
	for _, h := range hotels {
		g.hotelWeights = append(g.hotelWeights, h.popularity)
	}
	for _, s := range anonymousSources {
		g.sourceWeights = append(g.sourceWeights, s.weight)
	}
	for i, guest := range guests {
		for s := range guest.stays {
			g.stays = append(g.stays, [2]int{i, s})
		}
	}
	return g
}

// next returns the next post of the stream.
func (g *feedbackGenerator) next() post {
	if len(g.followUps) > 0 {
		p := g.followUps[0]
		g.followUps = g.followUps[1:]
		return p
	}
	var hotel int
	var author handle
	var posted time.Time
	var voice string
	var linked []handle
	if len(g.stays) > 0 && g.r.chance(knownGuestShare) {
		// Known guests write about a stay, within a few days of leaving.
		ref := oneOf(g.r, g.stays)
		guest := g.guests[ref[0]]
		stay := guest.stays[ref[1]]
		hotel = stay.hotel
		author = oneOf(g.r, guest.handles)
		posted = stay.arrival.AddDate(0, 0, stay.nights).Add(time.Duration(g.r.Int64N(int64(72 * time.Hour))))
		voice = fmt.Sprintf("guest %d", ref[0])
		linked = guest.handles
	} else {
		hotel = weighted(g.r, g.hotelWeights)
		source := anonymousSources[weighted(g.r, g.sourceWeights)].source
		n := g.r.IntN(g.anonymousAuthors)
		author = handle{source, authorHandle(source, firstNames[n%len(firstNames)], surnames[n/len(firstNames)%len(surnames)], n)}
		posted = g.window.instant(g.r, 0)
		voice = author.source.String() + " " + author.value
	}
	posted = earlier(posted, g.window.end.Add(-time.Minute)).Truncate(time.Second)

	language := g.language(g.hotels[hotel])
	book := phrasebooks[language]
	text, positiveShare := g.review(book, g.hotels[hotel], posted)
	original := post{g.feedback(hotel, author, text, language, positiveShare, posted), voice, g.handling(book, positiveShare, posted)}

	if g.r.chance(repeatShare) {
		repeat := g.feedback(hotel, author, text, language, positiveShare, later(posted, g.window.end, 48*time.Hour, g.r))
		g.followUps = append(g.followUps, post{feedback: repeat, voice: voice})
	}
	if len(linked) > 1 && g.r.chance(crossPostShare) {
		other := linked[0]
		if other == author {
			other = linked[1]
		}
		crossPost := g.feedback(hotel, other, text, language, positiveShare, later(posted, g.window.end, 10*time.Minute, g.r))
		g.followUps = append(g.followUps, post{feedback: crossPost, voice: voice})
	}
	return original
}

// handling is what the hotel has done about a complaint by the end of the
// period; nil leaves the case open. Only originals are handled: a repeat
// or cross-post is the same complaint again.
func (g *feedbackGenerator) handling(book phrasebook, positiveShare float64, posted time.Time) *gv.FeedbackCase {
	if positiveShare >= 0.5 {
		return nil
	}
	if g.window.end.Sub(posted) > caseAge && g.r.chance(resolvedShare) {
		return &gv.FeedbackCase{State: gv.CaseState_CASE_STATE_RESOLVED, Assignee: "guest-relations", PublicResponse: oneOf(g.r, book.replies)}
	}
	if g.r.chance(acknowledgedShare) {
		return &gv.FeedbackCase{State: gv.CaseState_CASE_STATE_ACKNOWLEDGED, Assignee: "guest-relations"}
	}
	return nil
}

// language is what an author at this hotel writes in: mostly the local
// language or English, sometimes a visitor's own.
func (g *feedbackGenerator) language(h hotelPlan) string {
	switch {
	case g.r.chance(0.45):
		return h.city.language
	case g.r.chance(0.65):
		return "en"
	default:
		return oneOf(g.r, languages)
	}
}

// opinion is what one sentence of a review says.
type opinion struct {
	aspect   string
	positive bool
}

// review assembles a text of one to three opinions and returns it with its
// share of positive opinions. A problem hotel's reviews complain about its
// problem often since the problem began.
func (g *feedbackGenerator) review(book phrasebook, h hotelPlan, posted time.Time) (string, float64) {
	var opinions []opinion
	if h.problem != "" && posted.After(g.problemStart) && g.r.chance(problemShare) {
		opinions = append(opinions, opinion{h.problem, false})
	}
	for range oneOf(g.r, []int{1, 1, 1, 2, 2, 3}) {
		aspect := g.aspect()
		if !slices.ContainsFunc(opinions, func(o opinion) bool { return o.aspect == aspect }) {
			opinions = append(opinions, opinion{aspect, g.r.chance(h.quality)})
		}
	}
	positive := 0
	for _, o := range opinions {
		if o.positive {
			positive++
		}
	}
	share := float64(positive) / float64(len(opinions))

	var sentences []string
	mood := share >= 0.5
	if g.r.chance(0.6) {
		sentences = append(sentences, book.openers.pick(g.r, mood))
	}
	if g.r.chance(0.15) {
		sentences = append(sentences, oneOf(g.r, book.neutral))
	}
	for _, o := range opinions {
		sentences = append(sentences, book.aspects[o.aspect].pick(g.r, o.positive))
	}
	if g.r.chance(0.4) {
		sentences = append(sentences, book.closers.pick(g.r, mood))
	}
	return strings.Join(sentences, " "), share
}

// aspect draws an aspect, the common ones more often.
func (g *feedbackGenerator) aspect() string {
	weights := make([]int, len(aspects))
	for i, a := range aspects {
		weights[i] = a.weight
	}
	return aspects[weighted(g.r, weights)].id
}

// feedback is the item to import. Its rating, on sources that rate,
// follows the review's share of positive opinions with some noise: people
// round generously and harshly.
func (g *feedbackGenerator) feedback(hotel int, author handle, text, language string, positiveShare float64, posted time.Time) *gv.Feedback {
	g.count++
	item := &gv.Feedback{
		Hotel:        fmt.Sprintf("%s/hotels/%s", g.org, g.hotels[hotel].id),
		Source:       author.source,
		ExternalId:   fmt.Sprintf("demo-%d-%d", g.seed, g.count),
		Author:       &gv.Author{Handle: author.value},
		Text:         text,
		LanguageCode: language,
		PostTime:     timestamppb.New(posted),
	}
	if scale, rated := ratingScales[author.source]; rated {
		level := math.Min(1, math.Max(0, positiveShare+(g.r.Float64()-0.5)*0.4))
		item.Rating = &gv.Rating{Value: math.Round(scale[0] + level*(scale[1]-scale[0])), ScaleMin: scale[0], ScaleMax: scale[1]}
	}
	return item
}

// later is a moment up to within after t, never past end.
func later(t, end time.Time, within time.Duration, r *random) time.Time {
	return earlier(t.Add(time.Duration(r.Int64N(int64(within)))+time.Second), end.Add(-time.Second)).Truncate(time.Second)
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
