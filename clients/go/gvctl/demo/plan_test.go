package demo

import (
	"testing"
	"time"

	"google.golang.org/protobuf/proto"
)

func posts(t *testing.T, o Options, n int) []post {
	t.Helper()
	o, err := o.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	generator := newChainPlan(o).feedback()
	result := make([]post, n)
	for i := range result {
		result[i] = generator.next()
	}
	return result
}

func TestSameSeedSameFeedback(t *testing.T) {
	end := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	first := posts(t, Options{Seed: 42, End: end}, 2000)
	second := posts(t, Options{Seed: 42, End: end}, 2000)
	other := posts(t, Options{Seed: 43, End: end}, 2000)
	same := 0
	for i := range first {
		if !proto.Equal(first[i].feedback, second[i].feedback) || first[i].voice != second[i].voice {
			t.Fatalf("post %d differs for the same seed:\n%v\n%v", i, first[i].feedback, second[i].feedback)
		}
		if proto.Equal(first[i].feedback, other[i].feedback) {
			same++
		}
	}
	if same > 0 {
		t.Errorf("%d posts are equal for seeds 42 and 43", same)
	}
}

// Every language writes about every aspect, both ways, and the stream has
// repeats and cross-posts: the same text by the same voice.
func TestFeedbackCoversLanguagesAspectsAndRepeats(t *testing.T) {
	stream := posts(t, Options{Seed: 1, End: time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)}, 10_000)
	languages := map[string]int{}
	texts := map[string]int{}
	again := 0
	for _, p := range stream {
		languages[p.feedback.GetLanguageCode()]++
		key := p.voice + "\x00" + p.feedback.GetText()
		if texts[key] > 0 {
			again++
		}
		texts[key]++
	}
	for code, book := range phrasebooks {
		if languages[code] < 100 {
			t.Errorf("only %d items in %q", languages[code], code)
		}
		if len(book.replies) == 0 {
			t.Errorf("%s has no reply to a complaint", code)
		}
		if len(book.aspects) != len(aspects) {
			t.Errorf("%s has %d aspects, the taxonomy %d", code, len(book.aspects), len(aspects))
		}
		for _, a := range aspects {
			if len(book.aspects[a.id].positive) < 2 || len(book.aspects[a.id].negative) < 2 {
				t.Errorf("%s: fewer than two phrasings of %s each way", code, a.id)
			}
		}
	}
	if again < 200 || again > 800 {
		t.Errorf("%d repeats and cross-posts in 10,000 items, want a few percent", again)
	}
}
