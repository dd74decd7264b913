package models

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/payvand/payvand/internal/testdb"
)

// copySite copies the database at from into the store to.
func copySite(t *testing.T, from string, to *Store, opts CopyOptions) (*CopyReport, error) {
	t.Helper()
	src, err := OpenCopySource(context.Background(), from)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	return to.CopyFrom(context.Background(), src, opts)
}

// A site moved from SQLite to PostgreSQL and back holds the same rows in
// every table, answers the same, finds the same in search, and gives new
// rows ids past the copied ones.
func TestCopySQLiteToPostgresAndBack(t *testing.T) {
	pgURL := testdb.Postgres(t)
	sqliteURL := "sqlite:" + filepath.Join(t.TempDir(), "payvand.db")
	source := openCopyStore(t, sqliteURL)
	loadCopyDataset(t, source, 3)
	want := dumpTables(t, source)

	pg := openCopyStore(t, pgURL)
	var calls int
	report, err := copySite(t, sqliteURL, pg, CopyOptions{Batch: 2, Progress: func(CopyProgress) { calls++ }})
	if err != nil {
		t.Fatal(err)
	}
	if calls == 0 || report.Written != report.Rows || len(report.Tables) != len(copiedTables) {
		t.Errorf("report %+v after %d progress calls; want every row written, every table counted", report, calls)
	}
	for _, c := range report.Tables {
		if c.Source != c.Target || (c.Source == 0 && c.Table == "articles") {
			t.Errorf("count %+v", c)
		}
	}
	sameTables(t, "SQLite → PostgreSQL", want, dumpTables(t, pg))
	sameAnswers(t, source, pg)

	back := openCopyStore(t, "sqlite:"+filepath.Join(t.TempDir(), "back.db"))
	if _, err := copySite(t, pgURL, back, CopyOptions{}); err != nil {
		t.Fatal(err)
	}
	sameTables(t, "PostgreSQL → SQLite", want, dumpTables(t, back))
	sameAnswers(t, source, back)

	for _, s := range []*Store{pg, back} {
		a := mustArticle(t, s, 1, published("tg", "Нав", 1))
		if a.ID <= uint(len(want["articles"])) {
			t.Errorf("%s: a new article after the copy got id %d, one of the copied ids", s.engine, a.ID)
		}
		last, err := s.LastEventPosition(context.Background())
		must(t, err)
		if last <= int64(len(want["events"])) {
			t.Errorf("%s: the new article's event has position %d, not past the %d copied", s.engine, last, len(want["events"]))
		}
	}
}

// sameAnswers compares what the two stores' read functions answer, as
// JSON: public articles in each locale, lists, search, revisions,
// sessions, webhooks and the change feed.
func sameAnswers(t *testing.T, want, got *Store) {
	t.Helper()
	ctx := context.Background()
	answer := func(s *Store, read func(s *Store) (any, error)) string {
		v, err := read(s)
		if err != nil {
			return "error: " + err.Error()
		}
		b, jerr := json.Marshal(v)
		must(t, jerr)
		return string(b)
	}
	reads := map[string]func(s *Store) (any, error){
		"sections":  func(s *Store) (any, error) { return s.ListSections(ctx) },
		"tags fa":   func(s *Store) (any, error) { return s.ListPublicTags(ctx, "fa") },
		"webhooks":  func(s *Store) (any, error) { return s.ListWebhooks(ctx) },
		"changes":   func(s *Store) (any, error) { return s.ListChanges(ctx, 0, 100) },
		"revisions": func(s *Store) (any, error) { return s.ListRevisions(ctx, 2, "tg") },
		"trash":     func(s *Store) (any, error) { return s.ListTrash(ctx) },
		"featured tg": func(s *Store) (any, error) {
			a, _, err := s.ListFeaturedArticles(ctx, ListQuery{Locale: "tg", Limit: 10})
			return a, err
		},
		"list fa": func(s *Store) (any, error) {
			a, _, err := s.ListPublicArticles(ctx, ListQuery{Locale: "fa", Limit: 10})
			return a, err
		},
		"list tg tag": func(s *Store) (any, error) {
			a, _, err := s.ListPublicArticles(ctx, ListQuery{Locale: "tg", TagID: 1, Limit: 10})
			return a, err
		},
		"search fa": func(s *Store) (any, error) {
			h, _, err := s.SearchPublic(ctx, SearchQuery{Locale: "fa", Text: "نشر", Limit: 10})
			return h, err
		},
		"search tg": func(s *Store) (any, error) {
			h, _, err := s.SearchPublic(ctx, SearchQuery{Locale: "tg", Text: "Китобхонаи", Limit: 10})
			return h, err
		},
		"session": func(s *Store) (any, error) {
			b, ok, err := s.Sessions().FindCtx(ctx, "token-1")
			return []any{b, ok}, err
		},
		// Found through media.search_key, which must come across too.
		"media search": func(s *Store) (any, error) { return s.ListMedia(ctx, MediaQuery{Search: "ҲИСОР"}) },
		"user":         func(s *Store) (any, error) { return s.FindUserByEmail(ctx, "editor@example.tj") },
		"view count 1": func(s *Store) (any, error) { return s.ViewCount(ctx, 1) },
	}
	for id := uint(1); id <= 6; id++ {
		for _, loc := range []string{"tg", "fa"} {
			reads[fmt.Sprintf("article %d %s", id, loc)] = func(s *Store) (any, error) { return s.FindPublicArticle(ctx, loc, id) }
		}
	}
	for name, read := range reads {
		if w, g := answer(want, read), answer(got, read); w != g {
			t.Errorf("%s (%s): answers differ\nwant %s\ngot  %s", name, got.engine, w, g)
		}
	}
	hits, _, err := got.SearchPublic(ctx, SearchQuery{Locale: "fa", Text: "نشر", Limit: 10})
	if err != nil || len(hits) != 1 || hits[0].Article.Translation.Title != "کتاب\u200cخانه "+copyBidi {
		t.Errorf("%s: search for نشر found %d (%v); want the one article whose title has it, ZWNJ and bidi marks kept", got.engine, len(hits), err)
	}
}

// A copy stopped part-way is refused as a new copy, completes with
// CopyResume, and leaves the same rows as an uninterrupted one.
func TestCopyResumesAfterInterruption(t *testing.T) {
	sourceURL := "sqlite:" + filepath.Join(t.TempDir(), "payvand.db")
	source := openCopyStore(t, sourceURL)
	loadCopyDataset(t, source, 10)
	want := dumpTables(t, source)

	target := openCopyStore(t, testdb.URL(t))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	src, err := OpenCopySource(ctx, sourceURL)
	must(t, err)
	var stoppedAt int64
	_, err = target.CopyFrom(ctx, src, CopyOptions{Batch: 3, Progress: func(p CopyProgress) {
		if p.Done >= 40 && stoppedAt == 0 {
			stoppedAt = p.Done
			cancel()
		}
	}})
	src.Close()
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted copy: %v, want context.Canceled", err)
	}

	_, err = copySite(t, sourceURL, target, CopyOptions{})
	var notEmpty *TargetNotEmptyError
	if !errors.As(err, &notEmpty) || notEmpty.Rows == 0 {
		t.Fatalf("a second plain copy into the half-filled target: %v, want a TargetNotEmptyError", err)
	}
	report, err := copySite(t, sourceURL, target, CopyOptions{Mode: CopyResume, Batch: 3})
	if err != nil {
		t.Fatal(err)
	}
	if report.Written >= report.Rows || report.Written == 0 {
		t.Errorf("the resumed copy wrote %d of %d rows; want only those the first run (stopped after %d) had not", report.Written, report.Rows, stoppedAt)
	}
	sameTables(t, "resumed", want, dumpTables(t, target))
	sameAnswers(t, source, target)
}

// CopyReplace empties a target that holds another site first.
func TestCopyReplaceEmptiesTheTarget(t *testing.T) {
	sourceURL := "sqlite:" + filepath.Join(t.TempDir(), "payvand.db")
	source := openCopyStore(t, sourceURL)
	loadCopyDataset(t, source, 0)
	target := openCopyStore(t, testdb.URL(t))
	loadCopyDataset(t, target, 2)
	mustSection(t, target, "other", nil)

	_, err := copySite(t, sourceURL, target, CopyOptions{})
	var notEmpty *TargetNotEmptyError
	if !errors.As(err, &notEmpty) {
		t.Fatalf("copy into a used target: %v, want a TargetNotEmptyError", err)
	}
	if _, err := copySite(t, sourceURL, target, CopyOptions{Mode: CopyReplace}); err != nil {
		t.Fatal(err)
	}
	sameTables(t, "replaced", dumpTables(t, source), dumpTables(t, target))
	sameAnswers(t, source, target)
}

// A source migrated by another version of Payvand is refused, saying
// whether it is newer or older.
func TestCopyRefusesASourceOfAnotherSchema(t *testing.T) {
	for _, tt := range []struct {
		name, change, want string
	}{
		{"newer", "INSERT INTO schema_migrations (id) VALUES ('9999_future')", "newer"},
		{"older", "DELETE FROM schema_migrations WHERE id = '0020_sitemap_translations'", "older"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			url := "sqlite:" + filepath.Join(t.TempDir(), "payvand.db")
			s := openCopyStore(t, url)
			must(t, s.write.Exec(tt.change).Error)
			_, err := OpenCopySource(context.Background(), url)
			if !errors.Is(err, ErrSourceSchema) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("OpenCopySource = %v, want ErrSourceSchema saying %q", err, tt.want)
			}
		})
	}
	if _, err := OpenCopySource(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "missing.db")); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("a missing source file: %v", err)
	}
}

// A table the copy does not know stops it before it writes anything: a
// future migration cannot be skipped silently.
func TestCopyRefusesATableItDoesNotKnow(t *testing.T) {
	sourceURL := "sqlite:" + filepath.Join(t.TempDir(), "payvand.db")
	source := openCopyStore(t, sourceURL)
	loadCopyDataset(t, source, 0)
	target := openCopyStore(t, testdb.URL(t))
	must(t, target.write.Exec("CREATE TABLE article_polls (id BIGINT PRIMARY KEY)").Error)
	_, err := copySite(t, sourceURL, target, CopyOptions{})
	if err == nil || !strings.Contains(err.Error(), "article_polls") {
		t.Fatalf("copy with an unknown table: %v, want a refusal naming it", err)
	}
	empty, err := target.IsEmpty(context.Background())
	if err != nil || !empty {
		t.Errorf("the refused copy wrote into the target (empty %v, %v)", empty, err)
	}
}

// Foreign-key order puts every table after those it points at.
func TestForeignKeyOrder(t *testing.T) {
	ordered, err := foreignKeyOrder([]copyTable{{name: "b", refs: []string{"a"}}, {name: "c", refs: []string{"b", "a"}}, {name: "a"}})
	if err != nil || ordered[0].name != "a" || ordered[1].name != "b" || ordered[2].name != "c" {
		t.Errorf("foreignKeyOrder = %v, %v", ordered, err)
	}
	if _, err := foreignKeyOrder([]copyTable{{name: "a", refs: []string{"b"}}, {name: "b", refs: []string{"a"}}}); err == nil {
		t.Error("a cycle was ordered")
	}
}

// A copy onto its own database is refused even when the two URLs differ:
// on PostgreSQL through another spelling of the host, on SQLite through a
// symlink to the file. Emptying the target would otherwise wait forever
// on the source's own read.
func TestCopyRefusesItsOwnDatabase(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "payvand.db")
		target := openCopyStore(t, "sqlite:"+path)
		mustSection(t, target, "news", nil)
		link := filepath.Join(dir, "link.db")
		if err := os.Symlink(path, link); err != nil {
			t.Fatal(err)
		}
		if _, err := copySite(t, "sqlite:"+link, target, CopyOptions{Mode: CopyReplace}); !errors.Is(err, ErrSameDatabase) {
			t.Fatalf("copy onto itself through a symlink: %v, want ErrSameDatabase", err)
		}
	})
	t.Run("postgres", func(t *testing.T) {
		url := testdb.Postgres(t)
		target := openCopyStore(t, url)
		mustSection(t, target, "news", nil)
		other := strings.Replace(url, "127.0.0.1", "localhost", 1)
		if other == url {
			t.Fatalf("the test database URL %q names no 127.0.0.1 to respell", url)
		}
		if _, err := copySite(t, other, target, CopyOptions{Mode: CopyReplace}); !errors.Is(err, ErrSameDatabase) {
			t.Fatalf("copy onto itself through localhost: %v, want ErrSameDatabase", err)
		}
	})
	t.Run("different", func(t *testing.T) {
		sourceURL := "sqlite:" + filepath.Join(t.TempDir(), "payvand.db")
		openCopyStore(t, sourceURL)
		target := openCopyStore(t, "sqlite:"+filepath.Join(t.TempDir(), "payvand.db"))
		if _, err := copySite(t, sourceURL, target, CopyOptions{}); err != nil {
			t.Fatalf("copy between two files: %v", err)
		}
	})
}
