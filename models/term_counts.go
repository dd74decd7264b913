package models

import (
	"sync"
	"time"
)

// termCounts remembers how many titles and summaries hold each word, for
// related suggestions. Counting a word reads its whole list of documents
// from the search index, and an article's title and summary bring some
// seventy words, the commonest («ва», «در») held by nearly every article: over
// 100,000 articles that costs 0.3 s per editor page (docs/BENCHMARKS.md).
// The counts only rank words by rarity, so a few minutes old is as good as
// exact. Each process keeps its own; nothing is lost when it goes.
type termCounts struct {
	mu      sync.Mutex
	counts  map[string]termCount
	ttl     time.Duration
	maxSize int
}

type termCount struct {
	docs int64
	at   time.Time
}

func newTermCounts() *termCounts {
	return &termCounts{counts: map[string]termCount{}, ttl: 10 * time.Minute, maxSize: 200_000}
}

// get returns the remembered counts of words still fresh at now, and the
// words it does not know.
func (c *termCounts) get(words []string, now time.Time) (known map[string]int64, missing []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	known = make(map[string]int64, len(words))
	for _, w := range words {
		if tc, ok := c.counts[w]; ok && now.Sub(tc.at) < c.ttl {
			known[w] = tc.docs
		} else {
			missing = append(missing, w)
		}
	}
	return known, missing
}

// put remembers counts read at now; words absent from counts are held by no
// title or summary, which is remembered as 0. A full cache starts over.
func (c *termCounts) put(words []string, counts map[string]int64, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.counts)+len(words) > c.maxSize {
		c.counts = map[string]termCount{}
	}
	for _, w := range words {
		c.counts[w] = termCount{docs: counts[w], at: now}
	}
}
