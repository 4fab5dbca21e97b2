// Package demo invents a realistic hotel chain and loads it into guestvoice
// through the public gRPC API, for `gvctl demo`: hotels in several
// countries and time zones, known guests with linked accounts whose stays
// and check-ins follow the shape of real loyalty programs, and feedback in
// English, Spanish, French, German, Italian, Portuguese and Dutch about
// every aspect of the taxonomy, with a realistic sentiment mix, repeats and
// cross-posts. Three hotels have a recent problem (street noise, wifi, a
// rude front desk) that the insights should bring to the top.
//
// Everything is drawn from one seeded random stream in a fixed order, so
// the same Options give the same data, and every create is idempotent, so
// loading it again adds nothing. Feedback is generated while it is sent, in
// ImportFeedback calls of a few thousand items over a few streams: memory
// stays flat from a thousand items to five million.
package demo
