package wpimport

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/payvand/payvand/models"
)

// cutContext is cancelled at the at-th time anyone asks it whether it is
// done: the importer between posts, the store inside a transaction, the
// database driver inside a statement. Sweeping at over a run cuts it off
// at every point it can notice, as a Ctrl-C or a killed admin request can.
type cutContext struct {
	context.Context
	cancel context.CancelFunc
	asked  atomic.Int64
	at     int64
}

func newCutContext(at int64) *cutContext {
	ctx, cancel := context.WithCancel(context.Background())
	return &cutContext{Context: ctx, cancel: cancel, at: at}
}

func (c *cutContext) ask() {
	if c.asked.Add(1) == c.at {
		c.cancel()
	}
}

func (c *cutContext) Done() <-chan struct{} { c.ask(); return c.Context.Done() }
func (c *cutContext) Err() error            { c.ask(); return c.Context.Err() }

// groups are site.xml's translation groups, by their posts Payvand
// imports (post 22 is in a language the test site lacks).
var siteGroups = [][]int64{{12, 13}, {20, 21}, {30, 31}, {40}}

// siteState is what an import left: per group, the article its posts are
// recorded in (0: none, -1: split or partly recorded), and the site's
// old addresses and counts, for comparing two sites.
type siteState struct {
	groups    []int
	articles  int
	sections  []string
	tags      []string
	redirects []string
	// events are the article events recorded, by group index and locale.
	events []string
}

func stateOf(t *testing.T, s *models.Store) siteState {
	t.Helper()
	ctx := context.Background()
	var st siteState
	recorded := map[uint]bool{}
	for _, g := range siteGroups {
		known, err := s.FindImported(ctx, "https://khabar.example", models.ImportPost, g)
		if err != nil {
			t.Fatal(err)
		}
		state := 0
		if len(known) > 0 {
			state = int(known[g[0]].TargetID)
			for _, id := range g {
				if k, ok := known[id]; !ok || int(k.TargetID) != state {
					state = -1
				}
			}
		}
		if state > 0 {
			// Recorded whole: the article holds exactly the group's posts.
			a, err := s.FindArticle(ctx, uint(state))
			if err != nil || len(a.Translations) != len(g) {
				t.Errorf("group %v recorded in article %d: %+v, %v", g, state, a, err)
			}
			recorded[uint(state)] = true
		}
		st.groups = append(st.groups, state)
	}
	bySection, err := s.CountArticlesBySection(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range bySection {
		st.articles += n
	}
	if st.articles != len(recorded) {
		t.Errorf("%d articles, %d of them recorded as imported: an article was written without its records", st.articles, len(recorded))
	}
	secs, err := s.ListSections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, sec := range secs {
		st.sections = append(st.sections, sec.Slug)
	}
	tags, err := s.ListTags(ctx, "", 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range tags {
		st.tags = append(st.tags, tag.Slug)
	}
	slices.Sort(st.sections)
	slices.Sort(st.tags)
	evs, _, _ := eventsSince(t, s, 0)
	for _, ev := range evs {
		st.events = append(st.events, fmt.Sprintf("%s group %d %s", ev.Type, slices.Index(st.groups, int(ev.Article)), ev.Locale))
	}
	slices.Sort(st.events)
	err = s.EachRedirect(ctx, func(r models.RedirectTarget) error {
		st.redirects = append(st.redirects, fmt.Sprintf("%s → %s %s %s", r.Path, r.Kind, r.Locale, r.Slug))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// A run cut off anywhere leaves each translation group all or nothing
// (an article with all its posts recorded, or no trace of it), and the
// same command run again completes the import: every post once, no
// duplicate article, section, tag or old address, each public translation
// announced once (events commit with the saves) — the same site a run
// never cut off makes.
func TestImportCutOffAnywhereThenRunAgain(t *testing.T) {
	// Two groups a transaction: a cut can fall inside a batch or between
	// two, and a batch holds more than one group.
	withBatchSize(t, 2)
	data := fixture(t)
	whole := newStore(t)
	count := newCutContext(0)
	if _, err := Run(count, whole, opener(data), Options{}); err != nil {
		t.Fatal(err)
	}
	want := stateOf(t, whole)
	if slices.Contains(want.groups, 0) || slices.Contains(want.groups, -1) || want.articles != 4 || len(want.events) != 4 {
		t.Fatalf("the uncut run: %+v", want)
	}
	asks := count.asked.Load()
	// Some fifty cuts spread over the run, each at a different phase of
	// its stretch so that over the stretches they fall before, inside and
	// after writes; every point would take minutes.
	const cuts = 50
	step := max(1, asks/cuts)
	var points []int64
	for i := int64(0); i*step < asks; i++ {
		points = append(points, i*step+(i*7)%step+1)
	}
	cutMidway := false
	for _, at := range points {
		s := newStore(t)
		cutRun(t, s, at, data, want, &cutMidway)
		// Fifty open stores would exhaust PostgreSQL's connections.
		s.Close()
		if t.Failed() {
			return
		}
	}
	if !cutMidway {
		t.Error("no cut fell between two batches' saves; the sweep missed what it is for")
	}
}

// cutRun imports data into s cut off at the at-th question to the
// context, checks what it left, and runs it again to completion.
func cutRun(t *testing.T, s *models.Store, at int64, data []byte, want siteState, cutMidway *bool) {
	t.Helper()
	_, err := Run(newCutContext(at), s, opener(data), Options{})
	if err == nil {
		return // asked after its last write: nothing was cut
	}
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cut at %d: err = %v, want context.Canceled", at, err)
	}
	cut := stateOf(t, s)
	if slices.Contains(cut.groups, -1) {
		t.Fatalf("cut at %d: a group half written: %v", at, cut.groups)
	}
	if slices.Contains(cut.groups, 0) && slices.ContainsFunc(cut.groups, func(g int) bool { return g > 0 }) {
		*cutMidway = true
	}
	rep, err := Run(context.Background(), s, opener(data), Options{})
	if err != nil {
		t.Fatalf("cut at %d, the run again: %v", at, err)
	}
	if rep.Articles.Failed != 0 || rep.Articles.Created+rep.Articles.Unchanged != 4 {
		t.Errorf("cut at %d, the run again: %+v", at, rep.Articles)
	}
	got := stateOf(t, s)
	if got.articles != want.articles || !slices.Equal(got.sections, want.sections) || !slices.Equal(got.tags, want.tags) || !slices.Equal(got.redirects, want.redirects) ||
		!slices.Equal(got.events, want.events) || slices.Contains(got.groups, 0) {
		t.Errorf("cut at %d, then run again:\n got %+v\nwant %+v", at, got, want)
	}
}

// A Persian tag a run saved but was cut off before recording (its slug
// made from its name, since the Persian slug is none Payvand takes) is
// found again by the next run, not made a second time; a different tag
// whose name makes the same slug is left alone.
func TestImportFindsTagLeftByACutOffRun(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name, existing string
		same           bool
	}{
		{"same name", "اقتصاد", true},
		{"other name, same slug", "قطسد", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newStore(t)
			left, err := s.SaveTag(ctx, models.TagInput{Names: map[string]string{"fa": c.existing}})
			if err != nil || left.Slug != "qtsd" {
				t.Fatalf("tag %+v, %v", left, err)
			}
			rep := run(t, s, fixture(t), Options{})
			tags, err := s.ArticleTags(ctx, articleOf(t, s, 12).ID)
			if err != nil || len(tags) != 2 {
				t.Fatalf("tags = %+v, %v", tags, err)
			}
			persian := tags[1]
			if got := persian.ID == left.ID; got != c.same || persian.Name("fa") != "اقتصاد" {
				t.Errorf("the post's tag %+v; the existing one %+v", persian, left)
			}
			if want := map[bool]int{true: 1, false: 2}[c.same]; rep.TagsMade != want {
				t.Errorf("tags made = %d, want %d", rep.TagsMade, want)
			}
		})
	}
}
