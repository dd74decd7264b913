package demo

import (
	"time"

	"github.com/payvand/payvand/models"
)

// demoPin is a demo article pinned as a featured story, so a fresh site
// shows what ?featured=true answers.
type demoPin struct {
	Position int
	// For is how long after seeding the pin ends; 0 pins until unpinned.
	For time.Duration
}

// demoPins are the featured stories of the demo site, by article key: the
// book fair until unpinned, the music festival for a week.
var demoPins = map[string]demoPin{
	"book-fair":      {Position: 1},
	"music-festival": {Position: 2, For: 7 * 24 * time.Hour},
}

// articlePin is the pin of the demo article key, nil when it has none.
func articlePin(key string, now time.Time) *models.PinChange {
	p, ok := demoPins[key]
	if !ok {
		return nil
	}
	pin := &models.PinChange{Pinned: true, Position: p.Position}
	if p.For > 0 {
		until := now.Add(p.For)
		pin.Until = &until
	}
	return pin
}
