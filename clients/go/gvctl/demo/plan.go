package demo

// chainPlan is everything the demo invents before it loads anything. The
// feedback is not in it: at millions of items it is generated as it is
// sent, from the same random draws, after the hotels and guests.
type chainPlan struct {
	options Options
	hotels  []hotelPlan
	guests  []guestPlan
	window  period
	random  *random
}

func newChainPlan(o Options) *chainPlan {
	r := newRandom(o.Seed, 0x6775657374766f69) // "guestvoi"
	window := period{start: o.End.AddDate(0, 0, -o.Days), end: o.End}
	hotels := planHotels(r, o.Hotels)
	return &chainPlan{
		options: o,
		hotels:  hotels,
		guests:  planGuests(r, o.Seed, o.Items, hotels, window),
		window:  window,
		random:  r,
	}
}

// feedback generates the chain's feedback; call it once per plan.
func (p *chainPlan) feedback() *feedbackGenerator {
	return newFeedbackGenerator(p.random, p.options.Seed, p.options.Org, p.options.Items, p.hotels, p.guests, p.window)
}
