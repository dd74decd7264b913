package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/models"
)

// testSite is a data folder with a database and media files, open as a
// running server would hold it.
type testSite struct {
	dir       string
	store     *models.Store
	sectionID uint
	media     map[string][]byte
}

func newTestSite(t *testing.T) *testSite {
	t.Helper()
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data")
	store, err := models.Open(ctx, models.Options{Path: filepath.Join(dir, databaseName), Locales: locale.MustParse(locale.DefaultCodes)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	sec, err := store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Ахбор", "fa": "اخبار"}})
	if err != nil {
		t.Fatal(err)
	}
	site := &testSite{dir: dir, store: store, sectionID: sec.ID, media: map[string][]byte{}}
	files, err := media.NewFSStore(filepath.Join(dir, "media"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		hash := fmt.Sprintf("%064x", i+1)
		p := hash[:2] + "/" + hash
		in := models.MediaInput{Hash: hash, Path: p + ".jpg", MimeType: "image/jpeg", Width: 10, Height: 10,
			Variants: []models.MediaVariant{{Name: "thumbnail", Path: p + "-thumb.jpg", Width: 5, Height: 5, MimeType: "image/jpeg"}}}
		for _, path := range []string{in.Path, in.Variants[0].Path} {
			data := bytes.Repeat([]byte(path), 100+i)
			if err := files.Put(ctx, path, bytes.NewReader(data)); err != nil {
				t.Fatal(err)
			}
			site.media["media/"+path] = data
		}
		if _, err := store.SaveMedia(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	return site
}

// saveArticle saves a new draft whose title keeps ZWNJ and Tajik letters.
func (s *testSite) saveArticle(ctx context.Context, n int) (uint, error) {
	a, err := s.store.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: s.sectionID}, Translations: []models.TranslationInput{
		{Locale: "tg", Status: models.StatusDraft, Title: fmt.Sprintf("Хабари ғайриоддӣ %d", n), BodyHTML: "<p>Матн</p>"},
		{Locale: "fa", Status: models.StatusDraft, Title: fmt.Sprintf("خبر می\u200cشود %d", n), BodyHTML: "<p>متن</p>"},
	}})
	if err != nil {
		return 0, err
	}
	return a.ID, nil
}

// runCLI runs the payvand binary's run function. Of the environment it
// sees only PAYVAND_USER_PASSWORD, which tests set with t.Setenv, so that
// the machine's own PAYVAND_* settings cannot change a result.
func runCLI(t *testing.T, args ...string) cliResult {
	t.Helper()
	var stdout, stderr bytes.Buffer
	getenv := func(k string) string {
		if k == userPasswordEnv {
			return os.Getenv(k)
		}
		return ""
	}
	code := run(context.Background(), args, getenv, &stdout, &stderr)
	return cliResult{code, stdout.String(), stderr.String()}
}

// rowsOf reads a query's first column from the database file at path.
func rowsOf(t *testing.T, path, query string) []string {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

const articleTitlesQuery = "SELECT article_id || ' ' || locale || ' ' || title FROM article_translations ORDER BY 1"

func TestBackupWhileEditorsSave(t *testing.T) {
	for _, target := range []string{"site.tar.gz", "site-folder"} {
		t.Run(target, func(t *testing.T) {
			site := newTestSite(t)
			ctx, stop := context.WithCancel(context.Background())
			var mu sync.Mutex
			var committed []uint
			var wg sync.WaitGroup
			for w := range 4 {
				wg.Go(func() {
					for n := w * 1_000_000; ctx.Err() == nil; n++ {
						id, err := site.saveArticle(ctx, n)
						if err != nil {
							if ctx.Err() == nil {
								t.Errorf("save while backing up: %v", err)
							}
							return
						}
						mu.Lock()
						committed = append(committed, id)
						mu.Unlock()
					}
				})
			}
			for {
				mu.Lock()
				n := len(committed)
				mu.Unlock()
				if n >= 40 {
					break
				}
				time.Sleep(5 * time.Millisecond)
			}
			mu.Lock()
			before := slices.Clone(committed)
			mu.Unlock()

			out := filepath.Join(t.TempDir(), target)
			res := runCLI(t, "backup", out, "--data", site.dir)
			stop()
			wg.Wait()
			if res.code != 0 || !strings.Contains(res.stdout, "verified") || !strings.Contains(res.stdout, "integrity ok") {
				t.Fatalf("backup: exit %d\n%s%s", res.code, res.stdout, res.stderr)
			}
			restored := filepath.Join(t.TempDir(), "restored")
			if res := runCLI(t, "restore", out, "--data", restored); res.code != 0 {
				t.Fatalf("restore: exit %d\n%s%s", res.code, res.stdout, res.stderr)
			}
			if got := rowsOf(t, filepath.Join(restored, databaseName), "PRAGMA integrity_check"); !slices.Equal(got, []string{"ok"}) {
				t.Fatalf("integrity_check of the copy: %v", got)
			}
			have := rowsOf(t, filepath.Join(restored, databaseName), "SELECT id FROM articles")
			for _, id := range before {
				if !slices.Contains(have, fmt.Sprint(id)) {
					t.Fatalf("article %d, saved before the backup started, is not in the copy (%d of %d there)", id, len(have), len(before))
				}
			}
			t.Logf("%d articles committed before the backup, %d in the copy", len(before), len(have))
		})
	}
}

// TestBackupAndRestoreRefusePostgres: on PostgreSQL, backup and restore
// name the tools that do the job instead of copying a file that is not
// there. No server is needed: they refuse before connecting.
func TestBackupAndRestoreRefusePostgres(t *testing.T) {
	dir := t.TempDir()
	pg := "postgres://payvand@127.0.0.1:1/site?sslmode=disable"
	for _, c := range []struct{ command, tool string }{{"backup", "pg_dump"}, {"restore", "pg_restore"}} {
		res := runCLI(t, c.command, filepath.Join(dir, c.command+".tar.gz"), "--data", dir, "--database", pg)
		if res.code != 1 || !strings.Contains(res.stderr, c.tool) {
			t.Errorf("%s on PostgreSQL: exit %d, stderr %q; want 1 naming %s", c.command, res.code, res.stderr, c.tool)
		}
	}
}
