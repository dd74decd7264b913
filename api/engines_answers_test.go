package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/testdb"
)

// The only differences TestEveryAnswerIsTheSameOnBothEngines allows, each
// applied where it says and nowhere else:
//
//  1. The order of search hits under sort=relevance, and so which hits a
//     page of them holds: SQLite ranks with FTS4's BM25, PostgreSQL with
//     ts_rank_cd, and they weigh repeated words differently. Such answers
//     are compared with their hits in id order, and a search paged with
//     limit is compared as all its pages together
//     (compareRelevanceSearch).
//     What matches, totals, snippets and every other field must be equal;
//     models.TestSearchOnBothEngines pins the order that may not differ.
//  2. Preview tokens: each database signs them with its own secret, so a
//     request carries each engine's token and its answer is compared with
//     the token written as {token:ID} (expandTokens, maskTokens).
//  3. Event ids in the change feed: newEventID draws them at random, so
//     they differ between any two loads, even on one engine. They are
//     compared as "evt_…"; positions, cursors and data must be equal.
//  4. ETag and Date: the date is the moment of the request, and an ETag
//     is the hash of the body, so it may differ only where 1 or 3 lets
//     the body differ; anywhere else it must be equal.

// TestEveryAnswerIsTheSameOnBothEngines loads the same content into SQLite
// and PostgreSQL through the write path and asks both every public
// endpoint: each path of the OpenAPI document with its parameters filled
// (good, old and bad values), every page of every list, feeds, sitemaps
// and the change feed, at the fixture's clock, three hours on (the
// scheduled article out, a pin ended), and after a round of edits on both
// (editEngineSite). Status, headers and bodies must be equal but for the
// differences listed above.
func TestEveryAnswerIsTheSameOnBothEngines(t *testing.T) {
	sqlite := newEngineSite(t, engines[0].url(t))
	// A database collating as glibc's en_US does (hyphens ignored), as a
	// hosted server's often do: no order may come from the collation.
	pg := newEngineSite(t, testdb.PostgresCollated(t, "en-US-u-ka-shifted"))
	if !maps.Equal(sqlite.ids, pg.ids) {
		t.Fatalf("the same load gave other ids:\nSQLite:     %v\nPostgreSQL: %v", sqlite.ids, pg.ids)
	}
	targets := engineTargets(t, sqlite)
	// A second after the load's last stamp; once the scheduled article is
	// out and the pin has ended; and after a round of edits.
	for _, phase := range []struct {
		later time.Duration
		edit  bool
	}{{time.Second, false}, {3 * time.Hour, false}, {3*time.Hour + time.Minute, true}} {
		later := phase.later
		sqlite.clock.t, pg.clock.t = testNow.Add(later), testNow.Add(later)
		name := fmt.Sprintf("at +%s", later)
		if phase.edit {
			sqlite.with(t).editEngineSite()
			pg.with(t).editEngineSite()
			name += " after edits"
		}
		t.Run(name, func(t *testing.T) {
			c := &engineCrawl{t: t, envs: [2]*testEnv{sqlite.with(t), pg.with(t)}, seen: map[string]bool{}, statuses: map[string]int{}}
			for _, r := range targets {
				c.add(r.method, r.target)
			}
			c.run()
			if c.compared < len(targets) {
				t.Fatalf("compared %d answers, fewer than the %d targets", c.compared, len(targets))
			}
			c.expectStatuses(later, phase.edit)
			t.Logf("%d requests compared", c.compared)
		})
	}
}

// engineRequest is one request of the comparison.
type engineRequest struct{ method, target string }

// engineCrawl asks both engines each request once, compares the answers
// and follows what an answer points at: next pages, redirects, sitemap
// files.
type engineCrawl struct {
	t        *testing.T
	envs     [2]*testEnv
	seen     map[string]bool
	statuses map[string]int
	queue    []engineRequest
	compared int
}

func (c *engineCrawl) add(method, target string) {
	if key := method + " " + target; !c.seen[key] {
		c.seen[key] = true
		c.queue = append(c.queue, engineRequest{method, target})
	}
}

func (c *engineCrawl) run() {
	for len(c.queue) > 0 {
		r := c.queue[0]
		c.queue = c.queue[1:]
		if isRelevanceSearch(r.target) {
			c.compareRelevanceSearch(r.target)
			continue
		}
		a, b := c.envs[0].engineAnswer(r.method, r.target, nil), c.envs[1].engineAnswer(r.method, r.target, nil)
		c.compare(r.method+" "+r.target, a, b, eventIDsMasked(r.target))
		c.statuses[r.method+" "+r.target] = a.status
		c.follow(r.target, a)
		if r.method == http.MethodGet && a.status == http.StatusOK && a.header.Get("ETag") != "" && a.header.Get("ETag") == b.header.Get("ETag") {
			// Asked again with the ETag each engine gave: both say 304.
			a = c.envs[0].engineAnswer(r.method, r.target, http.Header{"If-None-Match": {a.header.Get("ETag")}})
			b = c.envs[1].engineAnswer(r.method, r.target, http.Header{"If-None-Match": {b.header.Get("ETag")}})
			c.compare(r.method+" "+r.target+" If-None-Match", a, b, nil)
		}
	}
}

// engineReply is an answer with preview tokens masked.
type engineReply struct {
	status int
	header http.Header
	body   []byte
}

// engineAnswer sends one request with this engine's preview tokens.
func (env *testEnv) engineAnswer(method, target string, header http.Header) engineReply {
	rec := env.do(method, env.expandTokens(target), header)
	h := rec.Header().Clone()
	for k, vs := range h {
		for i := range vs {
			vs[i] = env.maskTokens(vs[i])
		}
		h[k] = vs
	}
	return engineReply{status: rec.Code, header: h, body: []byte(env.maskTokens(rec.Body.String()))}
}

var tokenPlaceholder = regexp.MustCompile(`\{token:(\d+)\}`)

// expandTokens writes this engine's preview token for each {token:ID}.
func (env *testEnv) expandTokens(target string) string {
	return tokenPlaceholder.ReplaceAllStringFunc(target, func(m string) string {
		id, _ := strconv.ParseUint(tokenPlaceholder.FindStringSubmatch(m)[1], 10, 64)
		return url.QueryEscape(env.preview.Issue(uint(id)))
	})
}

// maskTokens writes {token:ID} back for every token expandTokens could
// have issued, plain or query-escaped.
func (env *testEnv) maskTokens(s string) string {
	for _, id := range env.ids {
		token := env.preview.Issue(id)
		placeholder := "{token:" + strconv.FormatUint(uint64(id), 10) + "}"
		s = strings.ReplaceAll(s, url.QueryEscape(token), placeholder)
		s = strings.ReplaceAll(s, token, placeholder)
	}
	return s
}

// ignoredHeaders differ by design: see difference 4.
var ignoredHeaders = []string{"Date", "Etag"}

// compare reports every difference between two answers; normalise, when
// given, is applied to both decoded JSON bodies first (differences 1, 3).
func (c *engineCrawl) compare(what string, a, b engineReply, normalise func(any)) {
	c.t.Helper()
	c.compared++
	// Equal is not enough for a 5xx: bad input never earns one.
	if a.status != b.status || a.status >= 500 {
		c.t.Errorf("%s: status %d on SQLite, %d on PostgreSQL\nSQLite:     %.400s\nPostgreSQL: %.400s", what, a.status, b.status, a.body, b.body)
		return
	}
	for _, k := range headerNames(a.header, b.header) {
		if slices.Contains(ignoredHeaders, k) {
			continue
		}
		if va, vb := a.header.Values(k), b.header.Values(k); !slices.Equal(va, vb) {
			c.t.Errorf("%s: header %s %q on SQLite, %q on PostgreSQL", what, k, va, vb)
		}
	}
	if bytes.Equal(a.body, b.body) {
		if ea, eb := a.header.Get("ETag"), b.header.Get("ETag"); ea != eb {
			c.t.Errorf("%s: equal bodies with ETag %s on SQLite, %s on PostgreSQL", what, ea, eb)
		}
		return
	}
	if normalise == nil || !strings.HasPrefix(a.header.Get("Content-Type"), "application/json") {
		c.t.Errorf("%s: bodies differ (- SQLite, + PostgreSQL):\n%s", what, lineDiff(diffable(a), diffable(b)))
		return
	}
	ja, jb := decodeAny(c.t, a.body), decodeAny(c.t, b.body)
	normalise(ja)
	normalise(jb)
	if sa, sb := indentJSON(ja), indentJSON(jb); sa != sb {
		c.t.Errorf("%s: bodies differ beyond what may (- SQLite, + PostgreSQL):\n%s", what, lineDiff(sa, sb))
	}
}

func headerNames(hs ...http.Header) []string {
	var names []string
	for _, h := range hs {
		for k := range h {
			if !slices.Contains(names, k) {
				names = append(names, k)
			}
		}
	}
	slices.Sort(names)
	return names
}

// diffable is a body as lines to diff: JSON indented, anything else as
// sent, one XML element a line.
func diffable(r engineReply) string {
	if strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
		var v any
		if json.Unmarshal(r.body, &v) == nil {
			return indentJSON(v)
		}
	}
	return strings.ReplaceAll(string(r.body), "><", ">\n<")
}

func decodeAny(t *testing.T, body []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("decode %.300s: %v", body, err)
	}
	return v
}

func indentJSON(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
	return buf.String()
}

// follow queues what answer a points at: the next page of a list, the
// target of a redirect, the files a sitemap index lists.
func (c *engineCrawl) follow(target string, a engineReply) {
	if loc := a.header.Get("Location"); loc != "" && a.status/100 == 3 {
		c.add(http.MethodGet, strings.TrimPrefix(loc, testBaseURL))
	}
	ct := a.header.Get("Content-Type")
	switch {
	case a.status == http.StatusOK && strings.HasPrefix(ct, "application/json"):
		var page struct {
			Data       []any   `json:"data"`
			NextCursor *string `json:"next_cursor"`
		}
		if json.Unmarshal(a.body, &page) == nil && page.NextCursor != nil && len(page.Data) > 0 {
			u, _ := url.Parse(target)
			q, name := u.Query(), "cursor"
			if u.Path == changesPath {
				name = "since" // the change feed resumes from since
			}
			q.Set(name, *page.NextCursor)
			u.RawQuery = q.Encode()
			c.add(http.MethodGet, u.String())
		}
	case a.status == http.StatusOK && strings.Contains(ct, "xml"):
		for _, m := range sitemapLoc.FindAllStringSubmatch(string(a.body), -1) {
			c.add(http.MethodGet, m[1])
		}
	}
}

// sitemapLoc finds the sitemap files an index lists, under the site URL.
var sitemapLoc = regexp.MustCompile(`<loc>` + regexp.QuoteMeta(testSiteURL) + `(/sitemaps/[^<]+)</loc>`)

// isRelevanceSearch says whether target is a search ordered by relevance,
// the one answer whose order may differ (difference 1).
func isRelevanceSearch(target string) bool {
	u, err := url.Parse(target)
	return err == nil && strings.HasSuffix(u.Path, "/search") && u.Query().Get("sort") != searchSortDate
}

// compareRelevanceSearch compares a relevance search as all its pages
// together, each engine following its own cursors, with the hits in id
// order; the first answer's status, headers and error body are compared
// as they are.
func (c *engineCrawl) compareRelevanceSearch(target string) {
	c.t.Helper()
	var first [2]engineReply
	var all [2]any
	for i, env := range c.envs {
		first[i] = env.engineAnswer(http.MethodGet, target, nil)
		all[i] = env.allSearchPages(target, first[i])
	}
	c.statuses["GET "+target] = first[0].status
	c.compare("GET "+target, first[0], first[1], hitsInIDOrder)
	if first[0].status != http.StatusOK || first[1].status != http.StatusOK {
		return
	}
	hitsInIDOrder(all[0])
	hitsInIDOrder(all[1])
	if sa, sb := indentJSON(all[0]), indentJSON(all[1]); sa != sb {
		c.t.Errorf("GET %s, every page: hits differ (- SQLite, + PostgreSQL):\n%s", target, lineDiff(sa, sb))
	}
}

// allSearchPages gathers the hits of every page of a search into one
// answer: data holds them all, total and pages say what the pages said.
func (env *testEnv) allSearchPages(target string, first engineReply) any {
	if first.status != http.StatusOK {
		return nil
	}
	var hits []any
	var totals []any
	reply := first
	for pages := 1; ; pages++ {
		var page struct {
			Data       []any   `json:"data"`
			NextCursor *string `json:"next_cursor"`
			Total      any     `json:"total"`
		}
		if err := json.Unmarshal(reply.body, &page); err != nil || reply.status != http.StatusOK {
			env.t.Fatalf("GET %s page %d: %d %.300s", target, pages, reply.status, reply.body)
		}
		hits, totals = append(hits, page.Data...), append(totals, page.Total)
		if page.NextCursor == nil || pages > 50 {
			return map[string]any{"data": hits, "totals": totals, "pages": pages}
		}
		u, _ := url.Parse(target)
		q := u.Query()
		q.Set("cursor", *page.NextCursor)
		u.RawQuery = q.Encode()
		reply = env.engineAnswer(http.MethodGet, u.String(), nil)
	}
}

// lineDiff is a line diff of a and b, unchanged runs cut to three lines
// of context: enough to read where two long answers part.
func lineDiff(a, b string) string {
	x, y := strings.Split(a, "\n"), strings.Split(b, "\n")
	if len(x)*len(y) > 4_000_000 {
		return "(too long to diff)\n- " + a + "\n+ " + b
	}
	// lcs[i][j] is the longest common subsequence of x[i:] and y[j:].
	lcs := make([][]int, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var lines []string
	for i, j := 0, 0; i < len(x) || j < len(y); {
		switch {
		case i < len(x) && j < len(y) && x[i] == y[j]:
			lines = append(lines, "  "+x[i])
			i, j = i+1, j+1
		case j < len(y) && (i == len(x) || lcs[i][j+1] >= lcs[i+1][j]):
			lines = append(lines, "+ "+y[j])
			j++
		default:
			lines = append(lines, "- "+x[i])
			i++
		}
	}
	const context = 3
	var out []string
	for i, l := range lines {
		near := false
		for k := max(0, i-context); k <= min(len(lines)-1, i+context); k++ {
			near = near || !strings.HasPrefix(lines[k], "  ")
		}
		if near {
			out = append(out, l)
		} else if len(out) > 0 && out[len(out)-1] != "  …" {
			out = append(out, "  …")
		}
	}
	return strings.Join(out, "\n")
}

// hitsInIDOrder puts a search answer's hits in id order (difference 1).
func hitsInIDOrder(v any) {
	if body, ok := v.(map[string]any); ok {
		sortHitsByID(body)
	}
}

// changesPath is the change feed's address.
const changesPath = "/api/v1/changes"

// eventIDsMasked is the normaliser of the change feed's answers
// (difference 3), nil for any other target.
func eventIDsMasked(target string) func(any) {
	if u, err := url.Parse(target); err != nil || u.Path != changesPath {
		return nil
	}
	return func(v any) {
		body, _ := v.(map[string]any)
		events, _ := body["data"].([]any)
		for _, e := range events {
			if ev, ok := e.(map[string]any); ok && strings.HasPrefix(fmt.Sprint(ev["id"]), "evt_") {
				ev["id"] = "evt_…"
			}
		}
	}
}

// expectStatuses checks what a few answers must be on SQLite, so the
// comparison cannot pass by comparing two empty sites or two walls of
// errors: redirects of old slugs, previews, lists that follow pages.
func (c *engineCrawl) expectStatuses(later time.Duration, edited bool) {
	c.t.Helper()
	ids := c.envs[0].ids
	id := func(key string) string { return strconv.FormatUint(uint64(ids[key]), 10) }
	future, trashed := "GET /api/v1/tg/articles/"+id("future"), "GET /api/v1/tg/articles/"+id("filler05")
	want := map[string]int{
		"GET /api/v1/tg/articles/slug/kuhna":                          http.StatusMovedPermanently,
		"GET /api/v1/tg/articles?section=culture":                     http.StatusMovedPermanently,
		"GET /api/v1/tg/tags/kitob":                                   http.StatusMovedPermanently,
		"GET /api/v1/tg/tags/quvva":                                   http.StatusMovedPermanently,
		"GET /api/v1/tg/articles?sort=most_read&period=month&limit=2": http.StatusOK,
		future + "?preview={token:" + id("future") + "}":              http.StatusOK,
		future:                                   http.StatusNotFound,
		trashed:                                  http.StatusNotFound,
		"GET /sitemaps/news.xml":                 http.StatusOK,
		"GET /sitemaps/fa-7.xml":                 http.StatusOK,
		"GET /feeds/fa/atom.xml?tag=kitob":       http.StatusMovedPermanently,
		"GET /api/v1/fa/search?q=%00":            http.StatusBadRequest,
		"GET /api/v1/tg/articles?section=nosuch": http.StatusNotFound,
	}
	if later > 2*time.Hour {
		want[future] = http.StatusOK
	}
	if edited {
		want[trashed] = http.StatusOK
		want["GET /api/v1/tg/tags/quvva"] = http.StatusNotFound
		want["GET /api/v1/tg/tags/musiqi"] = http.StatusMovedPermanently
	}
	for target, status := range want {
		if got, ok := c.statuses[target]; !ok || got != status {
			c.t.Errorf("%s = %d on SQLite (asked: %v), want %d", target, got, ok, status)
		}
	}
	if n := len(c.statuses); n < 2000 {
		c.t.Errorf("only %d requests asked", n)
	}
}
