package models

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/payvand/payvand/internal/testdb"
)

// This file is the search contract both engines keep, as one table run on
// SQLite (FTS4, BM25) and on PostgreSQL (tsvector, ts_rank_cd).
//
// What may differ between the engines: only the order among matches the
// case puts in one group, which the engines may score differently (BM25
// and cover density weigh repeated words and lengths differently).
// What may not: the set of matches, the order of the groups (a title match
// above summary and body matches; newest first by date), each match's
// snippet, the total, and paging through the same matches one at a time.

// searchFixture is one dataset loaded through the write path, by name.
type searchFixture map[string]uint

func seedSearchFixture(t *testing.T, s *Store) searchFixture {
	t.Helper()
	ctx := context.Background()
	f := searchFixture{}
	news := mustSection(t, s, "news", nil)
	culture := mustSection(t, s, "culture", nil)
	heritage := mustSection(t, s, "heritage", &culture.ID)
	f["section:news"], f["section:culture"], f["section:heritage"] = news.ID, culture.ID, heritage.ID
	add := func(name string, section uint, in TranslationInput) {
		f[name] = mustArticle(t, s, section, in).ID
	}
	fa := func(title string, hoursAgo int, body string) TranslationInput {
		return withBody(published("fa", title, hoursAgo), body)
	}
	tg := func(title string, hoursAgo int, body string) TranslationInput {
		return withBody(published("tg", title, hoursAgo), body)
	}

	// One verb three ways: with ZWNJ, with a space, joined.
	add("zwnj", news.ID, fa("خبر اول", 1, "<p>آنها کار می\u200cکنند</p>"))
	add("spaced", news.ID, fa("خبر پنجم", 5, "<p>آنها کار می کنند</p>"))
	add("joined", news.ID, fa("خبر ششم", 6, "<p>آنها کار میکنند</p>"))
	// «میدان» (a square) guessed as "می دان" must not find «می دانند».
	add("square", news.ID, fa("خبر هفتم", 7, "<p>در میدان شهر</p>"))
	add("know", news.ID, fa("خبر هشتم", 8, "<p>همه می دانند</p>"))
	add("intl", news.ID, fa("خبر دوم", 2, "<p>همکاری بین\u200cالمللی</p>"))
	// Persian ک ی in the text, and Arabic-keyboard ك ي in the text.
	add("book", news.ID, fa("خبر سوم", 3, "<p>کتاب ایرانی</p>"))
	add("library", news.ID, fa("خبر نهم", 9, "<p>كتابخانه ملي</p>"))
	// Persian digits in the text, and ASCII digits in the text.
	add("year", news.ID, fa("سال ۱۴۰۳", 4, "<p>گزارش</p>"))
	add("budget", news.ID, fa("خبر دهم", 10, "<p>بودجه سال 1402</p>"))
	draftFa := fa("پیش\u200cنویس محرمانه", 1, "<p>پیش\u200cنویس</p>")
	draftFa.Status = StatusDraft
	add("draftFa", news.ID, draftFa)

	// Tajik letters and Cyrillic case; a subsection for scope.
	add("youth", culture.ID, tg("Хабар", 1, "<p>Рӯзи ҷавонон</p>"))
	add("heritage", heritage.ID, tg("Мероси қадимӣ", 2, "<p>Ҷавонон ва мероси қадимӣ</p>"))
	add("grain", news.ID, tg("Ғалла ва ҳосил", 4, "<p>Ҳосили ғалла</p>"))
	// A stress mark (U+0301, a combining mark) stays inside its word.
	add("stress", news.ID, tg("Зи\u0301ндагӣ", 12, "<p>Зи\u0301ндагӣ</p>"))
	// The same word in the title, the summary or four times in the body; the
	// title match is the oldest, so date order alone would put it last.
	add("econTitle", news.ID, tg("Иқтисод", 20, "<p>Матни кӯтоҳ.</p>"))
	summary := tg("Хабари нав", 10, "<p>Матни дигар.</p>")
	summary.Summary = "Сухан дар бораи иқтисод"
	add("econSummary", news.ID, summary)
	add("econBody", news.ID, tg("Хабари рӯз", 3, "<p>Иқтисод, иқтисод ва боз иқтисод: бозор гап зад. Иқтисод!</p>"))
	// Three equal matches: the same text, two of them in the same second.
	for _, name := range []string{"tieOld", "tieA", "tieB"} {
		hours := 25
		if name == "tieOld" {
			hours = 30
		}
		add(name, news.ID, tg("Намоишгоҳи китоб", hours, "<p>Намоишгоҳи китоб</p>"))
	}
	// The same title typed on a Russian keyboard (х for ҳ), the newest of
	// all and the oldest, so the index's order alone would put one of them
	// before the Tajik spelling and the other after it.
	add("namRuNew", news.ID, tg("Намоишгохи китоб", 1, "<p>Намоишгохи китоб</p>"))
	add("namRuOld", news.ID, tg("Намоишгохи китоб", 40, "<p>Намоишгохи китоб</p>"))
	// Public, draft, scheduled and trashed meetings.
	add("open", news.ID, tg("Ҷаласаи ошкор", 5, "<p>Ҷаласа баргузор шуд.</p>"))
	draftTg := tg("Ҷаласаи махфӣ", 1, "<p>Ҷаласа.</p>")
	draftTg.Status = StatusDraft
	add("draftTg", news.ID, draftTg)
	add("scheduled", news.ID, tg("Ҷаласаи оянда", -2, "<p>Ҷаласа.</p>"))
	add("trashed", news.ID, tg("Ҳисоботи партофташуда", 6, "<p>Ҳисобот.</p>"))
	must(t, s.TrashArticle(ctx, f["trashed"]))
	return f
}

// engineSearchCase is one search and what both engines must answer.
type engineSearchCase struct {
	name, loc, q string
	section      string // a fixture section's name, or "" for all
	byDate       bool
	// want are the matches best first, in groups: the groups' order is
	// the same on both engines; within a group the order may differ.
	want [][]string
	// marks are text each named match's snippet must hold.
	marks map[string]string
}

var engineSearchCases = []engineSearchCase{
	{name: "zwnj as written", loc: "fa", q: "می\u200cکنند", want: [][]string{{"zwnj", "spaced", "joined"}},
		marks: map[string]string{"zwnj": "<mark>می\u200cکنند</mark>", "joined": "<mark>میکنند</mark>"}},
	{name: "zwnj typed joined", loc: "fa", q: "میکنند", want: [][]string{{"zwnj", "spaced", "joined"}}},
	{name: "zwnj typed with a space", loc: "fa", q: "می کنند", want: [][]string{{"zwnj", "spaced", "joined"}}},
	{name: "a guessed split matches whole", loc: "fa", q: "میدان", want: [][]string{{"square"}}},
	{name: "a joined verb finds it spaced", loc: "fa", q: "میدانند", want: [][]string{{"know"}}},
	{name: "zwnj compound", loc: "fa", q: "بین\u200cالمللی", want: [][]string{{"intl"}}},
	{name: "zwnj compound joined", loc: "fa", q: "بینالمللی", want: [][]string{{"intl"}}},
	{name: "arabic letters typed", loc: "fa", q: "كتاب ايراني", want: [][]string{{"book"}}, marks: map[string]string{"book": "<mark>کتاب</mark>"}},
	{name: "arabic letters written", loc: "fa", q: "کتابخانه ملی", want: [][]string{{"library"}}, marks: map[string]string{"library": "<mark>كتابخانه</mark>"}},
	{name: "ascii digits find persian", loc: "fa", q: "1403", want: [][]string{{"year"}}},
	{name: "persian digits", loc: "fa", q: "۱۴۰۳", want: [][]string{{"year"}}},
	{name: "arabic-indic digits", loc: "fa", q: "١٤٠٣", want: [][]string{{"year"}}},
	{name: "persian digits find ascii", loc: "fa", q: "۱۴۰۲", want: [][]string{{"budget"}}, marks: map[string]string{"budget": "<mark>1402</mark>"}},
	{name: "tajik letters", loc: "tg", q: "ҷавонон", want: [][]string{{"youth", "heritage"}}},
	{name: "cyrillic capitals", loc: "tg", q: "ҒАЛЛА", want: [][]string{{"grain"}}, marks: map[string]string{"grain": "<mark>ғалла</mark>"}},
	{name: "a combining mark inside a word", loc: "tg", q: "зи\u0301ндагӣ", want: [][]string{{"stress"}}},
	{name: "a prefix before a combining mark", loc: "tg", q: "зи", want: [][]string{{"stress"}}},
	{name: "prefix of the last word", loc: "tg", q: "ҷаво", want: [][]string{{"youth", "heritage"}}},
	{name: "prefix finds the longer word", loc: "tg", q: "ҳоси", want: [][]string{{"grain"}}},
	{name: "every word must match", loc: "tg", q: "қадимӣ ҷавонон", want: [][]string{{"heritage"}}},
	{name: "one word missing finds nothing", loc: "tg", q: "ғалла ҷавонон"},
	// PostgreSQL always ranks the summary match above the body match;
	// SQLite's BM25 may not (four body hits against one in a summary of
	// average length), so that order may differ.
	{name: "title above summary and body", loc: "tg", q: "иқтисод", want: [][]string{{"econTitle"}, {"econSummary", "econBody"}}},
	// Equal scores go newest first, then the higher id, on both engines.
	// (The Russian-keyboard spellings tie too, but come after the exact ones.)
	{name: "ties newest first then by id", loc: "tg", q: "намоишгоҳи китоб", want: [][]string{{"tieB"}, {"tieA"}, {"tieOld"}, {"namRuNew"}, {"namRuOld"}}},
	// Either spelling of ҳ finds both, its own letters first, and the
	// snippet marks the word as the text spells it.
	{name: "tajik spelling first, then the russian keyboard's", loc: "tg", q: "намоишгоҳи",
		want:  [][]string{{"tieB"}, {"tieA"}, {"tieOld"}, {"namRuNew"}, {"namRuOld"}},
		marks: map[string]string{"tieB": "<mark>Намоишгоҳи</mark>", "namRuNew": "<mark>Намоишгохи</mark>"}},
	{name: "russian keyboard spelling first, then the tajik", loc: "tg", q: "намоишгохи",
		want:  [][]string{{"namRuNew"}, {"namRuOld"}, {"tieB"}, {"tieA"}, {"tieOld"}},
		marks: map[string]string{"tieB": "<mark>Намоишгоҳи</mark>", "namRuOld": "<mark>Намоишгохи</mark>"}},
	{name: "every tajik letter typed on a russian keyboard", loc: "tg", q: "галла ва хосил", want: [][]string{{"grain"}},
		marks: map[string]string{"grain": "<mark>Ҳосили</mark> <mark>ғалла</mark>"}},
	{name: "russian keyboard ӯ ӣ ҷ қ", loc: "tg", q: "рузи чавонон", want: [][]string{{"youth"}}},
	{name: "russian keyboard prefix", loc: "tg", q: "кади", want: [][]string{{"heritage"}}},
	{name: "by date", loc: "tg", q: "ИҚТИСОД", byDate: true, want: [][]string{{"econBody"}, {"econSummary"}, {"econTitle"}}},
	{name: "section with its subsections", loc: "tg", q: "ҷавонон", section: "culture", want: [][]string{{"youth", "heritage"}}},
	{name: "subsection alone", loc: "tg", q: "ҷавонон", section: "heritage", want: [][]string{{"heritage"}}},
	{name: "another section", loc: "tg", q: "ҷавонон", section: "news"},
	{name: "drafts are never found", loc: "fa", q: "پیش\u200cنویس"},
	{name: "a draft title", loc: "tg", q: "махфӣ"},
	{name: "scheduled not yet found", loc: "tg", q: "оянда"},
	{name: "only the public meeting", loc: "tg", q: "ҷаласаи", want: [][]string{{"open"}}},
	{name: "trashed", loc: "tg", q: "партофташуда"},
	{name: "other locale", loc: "tg", q: "کتاب"},
}

// engineSearchAnswer is what one engine answered to one case.
type engineSearchAnswer struct {
	found    []string
	snippets map[string]string
	total    int64
}

// TestSearchOnBothEngines runs engineSearchCases on each engine and then
// compares the answers.
func TestSearchOnBothEngines(t *testing.T) {
	answers := map[string]map[string]engineSearchAnswer{}
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			s, c := newTestStoreOn(t, e.url(t))
			f := seedSearchFixture(t, s)
			names := map[uint]string{}
			for name, id := range f {
				if !strings.HasPrefix(name, "section:") {
					names[id] = name
				}
			}
			got := map[string]engineSearchAnswer{}
			for _, tc := range engineSearchCases {
				t.Run(tc.name, func(t *testing.T) {
					got[tc.name] = checkEngineSearchCase(t, s, f, names, tc)
				})
			}
			answers[e.name] = got

			// The scheduled meeting is found once its time has come.
			c.t = testNow.Add(3 * time.Hour)
			if ids := searchIDs(t, s, "tg", "оянда"); !slices.Equal(ids, []uint{f["scheduled"]}) {
				t.Errorf("after its time the scheduled article is %v, want [%d]", ids, f["scheduled"])
			}
			// The editors' list finds drafts and scheduled ones too.
			page, err := s.ListAdminArticles(context.Background(), AdminArticleQuery{Search: "ҷаласаи"})
			must(t, err)
			var admin []uint
			for _, r := range page.Rows {
				admin = append(admin, r.ID)
			}
			slices.Sort(admin)
			want := []uint{f["open"], f["draftTg"], f["scheduled"]}
			slices.Sort(want)
			if !slices.Equal(admin, want) || page.Total != 3 {
				t.Errorf("admin search: %v (total %d), want %v", admin, page.Total, want)
			}
		})
	}
	sqlite, pg := answers["sqlite"], answers["postgres"]
	if sqlite == nil || pg == nil {
		t.Skip("not both engines ran: nothing to compare")
	}
	for _, tc := range engineSearchCases {
		a, b := sqlite[tc.name], pg[tc.name]
		as, bs := slices.Sorted(slices.Values(a.found)), slices.Sorted(slices.Values(b.found))
		if !slices.Equal(as, bs) || a.total != b.total || !maps.Equal(a.snippets, b.snippets) {
			t.Errorf("%s: SQLite found %v (total %d, snippets %q), PostgreSQL %v (total %d, snippets %q)",
				tc.name, a.found, a.total, a.snippets, b.found, b.total, b.snippets)
		}
	}
}

// checkEngineSearchCase runs one case on one engine and checks everything
// that may not differ: the matches in their groups' order, the marks in
// the snippets, the total, and that pages of one give the same matches in
// the same order as one page of all.
func checkEngineSearchCase(t *testing.T, s *Store, f searchFixture, names map[uint]string, tc engineSearchCase) engineSearchAnswer {
	t.Helper()
	ctx := context.Background()
	q := SearchQuery{Locale: tc.loc, Text: tc.q, ByDate: tc.byDate, Limit: 20}
	if tc.section != "" {
		q.SectionID = f["section:"+tc.section]
	}
	hits, next, err := s.SearchPublic(ctx, q)
	if err != nil {
		t.Fatalf("search %q: %v", tc.q, err)
	}
	if next != nil {
		t.Errorf("a page of 20 has a next page")
	}
	ans := engineSearchAnswer{snippets: map[string]string{}}
	for _, h := range hits {
		name := names[h.Article.Article.ID]
		ans.found = append(ans.found, name)
		ans.snippets[name] = h.Snippet
		if !strings.Contains(h.Snippet, "<mark>") {
			t.Errorf("%s: snippet %q marks nothing", name, h.Snippet)
		}
	}
	rest := ans.found
	for i, group := range tc.want {
		if len(rest) < len(group) || !sameSet(rest[:len(group)], group) {
			t.Fatalf("search %q found %v; want group %d to be %v (groups %v)", tc.q, ans.found, i, group, tc.want)
		}
		rest = rest[len(group):]
	}
	if len(rest) > 0 {
		t.Fatalf("search %q found %v; want only %v", tc.q, ans.found, tc.want)
	}
	for name, mark := range tc.marks {
		if !strings.Contains(ans.snippets[name], mark) {
			t.Errorf("%s: snippet %q, want it to hold %q", name, ans.snippets[name], mark)
		}
	}
	ans.total, err = s.CountPublicSearch(ctx, q)
	must(t, err)
	if ans.total != int64(len(hits)) {
		t.Errorf("total %d, want %d", ans.total, len(hits))
	}
	var paged []string
	q.Limit = 1
	for range len(hits) + 1 {
		page, next, err := s.SearchPublic(ctx, q)
		must(t, err)
		for _, h := range page {
			paged = append(paged, names[h.Article.Article.ID])
		}
		if next == nil {
			break
		}
		q.After = next
	}
	if !slices.Equal(paged, ans.found) {
		t.Errorf("pages of one gave %v, one page %v", paged, ans.found)
	}
	return ans
}

func sameSet(a, b []string) bool {
	return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}

// TestSearchIndexesABodyOfManyDistinctWords saves a body just under
// BodyMaxBytes made of 140,000 distinct numbers, whose full tsvector
// PostgreSQL would refuse as too long: the save must succeed on both
// engines and the body's first words be found. (Its last words may be
// missing on PostgreSQL, which indexes only the part that fits.)
func TestSearchIndexesABodyOfManyDistinctWords(t *testing.T) {
	onEachEngine(t, func(t *testing.T, s *Store, _ *clock) {
		var b strings.Builder
		b.WriteString("<p>")
		for i := range 140_000 {
			fmt.Fprintf(&b, "%d ", 100_000+i)
		}
		b.WriteString("</p>")
		if b.Len() > BodyMaxBytes {
			t.Fatalf("body %d bytes, over BodyMaxBytes", b.Len())
		}
		sec := mustSection(t, s, "figures", nil)
		a := mustArticle(t, s, sec.ID, withBody(published("tg", "Ҷадвали рақамҳо", 1), b.String()))
		for _, q := range []string{"100000", "100007", "рақамҳо"} {
			if got := searchIDs(t, s, "tg", q); !slices.Equal(got, []uint{a.ID}) {
				t.Errorf("search %q: %v, want [%d]", q, got, a.ID)
			}
		}
	})
}

// TestSearchArticleMigrationFillsExistingRows takes a PostgreSQL database
// back to before 0022_search_article (its columns dropped, the step
// forgotten) and opens it again: the step fills each row's article and
// locale from its translation, and search finds the articles again.
func TestSearchArticleMigrationFillsExistingRows(t *testing.T) {
	url := testdb.Postgres(t)
	s, _ := newTestStoreOn(t, url)
	sec := mustSection(t, s, "news", nil)
	a := mustArticle(t, s, sec.ID, published("tg", "Ҷашни Наврӯз", 2), published("fa", "جشن نوروز", 2))
	must(t, s.write.Exec(`ALTER TABLE article_search DROP COLUMN article_id, DROP COLUMN locale`).Error)
	must(t, s.write.Exec(`DELETE FROM schema_migrations WHERE id = '0022_search_article'`).Error)
	must(t, s.Close())

	s, _ = newTestStoreOn(t, url)
	var unfilled int64
	must(t, s.write.Raw(`SELECT COUNT(*) FROM article_search s JOIN article_translations t ON t.id = s.translation_id
		WHERE s.article_id <> t.article_id OR s.locale <> t.locale`).Scan(&unfilled).Error)
	if unfilled != 0 {
		t.Errorf("%d rows with another article or locale than their translation", unfilled)
	}
	for loc, q := range map[string]string{"tg": "наврӯз", "fa": "نوروز"} {
		if got := searchIDs(t, s, loc, q); !slices.Equal(got, []uint{a.ID}) {
			t.Errorf("search %q in %s: %v, want [%d]", q, loc, got, a.ID)
		}
	}
}

// TestSearchOnPostgresUsesTheGINIndex records every query the search
// index sends to PostgreSQL for a public search, its count and related
// suggestions, with the enable_seqscan its transaction ran under, and
// explains each again under that setting: none may read article_search
// sequentially. The site is small on purpose: so small that the planner,
// left alone, reads the table (checked too), as it did for a rare word on
// a 10,000-article site whose TOASTed documents made the table look small
// (see pgByIndex).
func TestSearchOnPostgresUsesTheGINIndex(t *testing.T) {
	s, _ := newTestStoreOn(t, testdb.Postgres(t))
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	var first *Article
	for i := range 30 {
		a := mustArticle(t, s, sec.ID, published("tg", fmt.Sprintf("Хабари шаҳр %d", i), i+1))
		if first == nil {
			first = a
		}
	}
	mustArticle(t, s, sec.ID, published("tg", "Истаравшан ва шаҳр", 40))
	must(t, s.write.Exec("ANALYZE").Error)

	type statement struct{ sql, seqscan string }
	var sent []statement
	// The setting is read before each query, while no rows are open on
	// its connection, and kept with the statement until its SQL is built.
	before := func(tx *gorm.DB) {
		var setting string
		if err := tx.Statement.ConnPool.QueryRowContext(tx.Statement.Context, "SHOW enable_seqscan").Scan(&setting); err != nil {
			t.Errorf("SHOW enable_seqscan: %v", err)
		}
		tx.InstanceSet("test:seqscan", setting)
	}
	after := func(tx *gorm.DB) {
		sql := tx.Dialector.Explain(tx.Statement.SQL.String(), tx.Statement.Vars...)
		if !strings.HasPrefix(sql, "SELECT") || !strings.Contains(sql, "article_search") {
			return
		}
		setting, _ := tx.InstanceGet("test:seqscan")
		sent = append(sent, statement{sql, fmt.Sprint(setting)})
	}
	must(t, s.read.Callback().Query().Before("gorm:query").Register("test:seqscan:before", before))
	must(t, s.read.Callback().Query().After("gorm:query").Register("test:seqscan:after", after))
	must(t, s.read.Callback().Row().Before("gorm:row").Register("test:seqscan:before", before))
	must(t, s.read.Callback().Row().After("gorm:row").Register("test:seqscan:after", after))
	for _, q := range []string{"истаравшан", "шаҳр"} {
		_, _, err := s.SearchPublic(ctx, SearchQuery{Locale: "tg", Text: q, Limit: 5})
		must(t, err)
		_, err = s.CountPublicSearch(ctx, SearchQuery{Locale: "tg", Text: q})
		must(t, err)
	}
	_, err := s.SuggestRelated(ctx, first.ID, nil, 5)
	must(t, err)
	if len(sent) < 4 {
		t.Fatalf("recorded %d search queries, want at least 4: %v", len(sent), sent)
	}

	plan := func(sql, seqscan string) string {
		if seqscan != "on" && seqscan != "off" {
			t.Fatalf("enable_seqscan = %q", seqscan)
		}
		var lines []string
		err := s.write.Transaction(func(tx *gorm.DB) error {
			if err := tx.Exec("SET LOCAL enable_seqscan = " + seqscan).Error; err != nil {
				return err
			}
			return tx.Raw("EXPLAIN " + sql).Scan(&lines).Error
		})
		must(t, err)
		return strings.Join(lines, "\n")
	}
	readsTable := false
	for _, st := range sent {
		if p := plan(st.sql, st.seqscan); strings.Contains(p, "Seq Scan on article_search") {
			t.Errorf("with enable_seqscan = %s, %s\nreads article_search sequentially:\n%s", st.seqscan, st.sql, p)
		}
		if strings.Contains(plan(st.sql, "on"), "Seq Scan on article_search") {
			readsTable = true
		}
	}
	if !readsTable {
		t.Errorf("the planner left alone uses the index here too: the site is too big to show anything")
	}
}
