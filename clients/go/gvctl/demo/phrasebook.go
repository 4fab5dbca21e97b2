package demo

// polar holds sentences of one kind for each polarity.
type polar struct {
	positive, negative []string
}

// pick returns one of the sentences of the given polarity.
func (p polar) pick(r *random, positive bool) string {
	if positive {
		return oneOf(r, p.positive)
	}
	return oneOf(r, p.negative)
}

// A phrasebook is what guests write in one language: an opening line, one
// sentence per opinion about an aspect, a sentence without opinion, and a
// closing line. Reviews are assembled from these, so every aspect of the
// taxonomy is covered in every language with several phrasings each. The
// replies are the hotel's public answers to a complaint, in the guest's
// language.
type phrasebook struct {
	openers polar
	aspects map[string]polar
	neutral []string
	closers polar
	replies []string
}

// aspects are the taxonomy's aspect ids (analysis/data/aspects.tsv) with how
// often guests write about each, in that order: rooms, staff and location
// come up far more often than wifi.
var aspects = []struct {
	id     string
	weight int
}{
	{"cleanliness", 14},
	{"room", 20},
	{"staff_service", 18},
	{"location", 15},
	{"value", 9},
	{"food_beverage", 12},
	{"wifi_internet", 4},
	{"noise_sleep", 6},
	{"checkin_checkout", 5},
	{"facilities", 7},
}

// phrasebooks by BCP-47 language code: the languages the analyser supports.
var phrasebooks = map[string]phrasebook{
	"en": english,
	"es": spanish,
	"fr": french,
	"de": german,
	"it": italian,
	"pt": portuguese,
	"nl": dutch,
}

// languages lists phrasebooks' keys in a fixed order, so that a seed picks
// the same language every time.
var languages = []string{"en", "es", "fr", "de", "it", "pt", "nl"}
