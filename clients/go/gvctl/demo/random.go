package demo

import "math/rand/v2"

// random draws everything the demo invents. It is seeded from
// Options.Seed and consumed in one fixed order, which is what makes a load
// reproducible: same seed, same options, same data.
type random struct {
	*rand.Rand
}

func newRandom(seed uint64, stream uint64) *random {
	return &random{rand.New(rand.NewPCG(seed, stream))}
}

// chance is true with probability p.
func (r *random) chance(p float64) bool { return r.Float64() < p }

// between returns an int in [low, high].
func (r *random) between(low, high int) int { return low + r.IntN(high-low+1) }

func oneOf[T any](r *random, items []T) T { return items[r.IntN(len(items))] }

// weighted returns an index drawn with probability proportional to
// weights[i].
func weighted(r *random, weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}
