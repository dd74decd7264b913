package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/internal/s3test"
	"github.com/payvand/payvand/internal/testdb"
	"github.com/payvand/payvand/models"
)

// payvand copy moves a site to PostgreSQL, prints each table's counts,
// refuses to copy into it again without --resume or --replace (naming
// both), and accepts --resume.
func TestCopyCommandToPostgres(t *testing.T) {
	site := newTestSite(t)
	for i := range 3 {
		if _, err := site.saveArticle(t.Context(), i); err != nil {
			t.Fatal(err)
		}
	}
	from := "sqlite:" + filepath.Join(site.dir, databaseName)
	to := testdb.Postgres(t)

	res := runCLI(t, "copy", "--from", from, "--to", to, "--batch", "2")
	if res.code != 0 {
		t.Fatalf("copy: exit %d\n%s\n%s", res.code, res.stdout, res.stderr)
	}
	// Not a terminal: plain progress lines, each step's last at 100%.
	for _, want := range []string{"(sqlite) into", "(postgres)", "31/31 rows (100%)", "search index: 3/3 articles (100%)", "article_translations", "31 rows read, 31 written"} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("the copy's output lacks %q:\n%s", want, res.stdout)
		}
	}
	if !regexp.MustCompile(`\sarticles\s+3\s+3\s`).MatchString(res.stdout) {
		t.Errorf("the counts do not show 3 articles on both sides:\n%s", res.stdout)
	}
	target, err := models.Open(t.Context(), models.Options{Database: to, Locales: locale.MustParse(locale.DefaultCodes)})
	if err != nil {
		t.Fatal(err)
	}
	a, err := target.FindArticle(t.Context(), 2)
	target.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range a.Translations {
		if tr.Locale == "fa" && tr.Title != "خبر می\u200cشود 1" {
			t.Errorf("the copied Persian title is %q, not byte for byte the saved one", tr.Title)
		}
	}

	res = runCLI(t, "copy", "--from", from, "--to", to)
	if res.code != 1 || !strings.Contains(res.stderr, "--resume") || !strings.Contains(res.stderr, "--replace") {
		t.Errorf("a second copy: exit %d, stderr %q; want 1 and a message naming --resume and --replace", res.code, res.stderr)
	}
	if res := runCLI(t, "copy", "--from", from, "--to", to, "--resume"); res.code != 0 {
		t.Errorf("copy --resume: exit %d\n%s", res.code, res.stderr)
	}
}

// Wrong command lines end with exit code 2 and say what is wrong.
func TestCopyCommandLine(t *testing.T) {
	db := "sqlite:" + filepath.Join(t.TempDir(), "a.db")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"copy"}, "nothing to copy"},
		{[]string{"copy", "--from", db}, "--from and --to go together"},
		{[]string{"copy", "--from", db, "--to", db}, "the same database"},
		{[]string{"copy", "--from", db, "--to", "sqlite:b.db", "--resume", "--replace"}, "exclude each other"},
		{[]string{"copy", "--to-media", "file"}, "--from-media and --to-media go together"},
		{[]string{"copy", "--from", db, "--to", "sqlite:b.db", "extra"}, `unexpected argument "extra"`},
	} {
		if res := runCLI(t, tt.args...); res.code != 2 || !strings.Contains(res.stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tt.args, res.code, res.stderr, tt.want)
		}
	}
	if res := runCLI(t, "copy", "--help"); res.code != 0 || !strings.Contains(res.stdout, "--from-media STORE") {
		t.Errorf("copy --help: exit %d\n%s", res.code, res.stdout)
	}
	if res := runCLI(t, "copy", "--from-media", "folder", "--to-media", "file"); res.code != 1 || !strings.Contains(res.stderr, `"file:DIR"`) {
		t.Errorf("a wrong media store: exit %d, stderr %q; want 1 and the accepted forms", res.code, res.stderr)
	}
	if res := runCLI(t, "copy", "--from", "sqlite:"+filepath.Join(t.TempDir(), "none.db"), "--to", db); res.code != 1 || !strings.Contains(res.stderr, "does not exist") {
		t.Errorf("a missing source: exit %d, stderr %q", res.code, res.stderr)
	}
}

// payvand copy --from-media file:DIR --to-media s3://… and back: every
// file arrives byte for byte, and a second run copies nothing.
func TestCopyCommandMediaThroughS3(t *testing.T) {
	site := newTestSite(t)
	s3 := s3test.Start(t)
	bucket := s3.StoreURL("copied")
	back := filepath.Join(t.TempDir(), "media")
	cli := func(args ...string) cliResult {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), args, s3.Getenv(func(string) string { return "" }), &stdout, &stderr)
		return cliResult{code, stdout.String(), stderr.String()}
	}
	steps := []struct{ from, to, want string }{
		{"file:" + filepath.Join(site.dir, "media"), bucket, "6 copied, 0 already there"},
		{"file:" + filepath.Join(site.dir, "media"), bucket, "0 copied, 6 already there"},
		{bucket, "file:" + back, "6 copied"},
	}
	for _, step := range steps {
		res := cli("copy", "--from-media", step.from, "--to-media", step.to)
		if res.code != 0 || !strings.Contains(res.stdout, step.want) {
			t.Fatalf("copy %s → %s: exit %d\n%s\n%s\nwant %q", step.from, step.to, res.code, res.stdout, res.stderr, step.want)
		}
	}
	files, err := media.NewFSStore(back)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range site.media {
		f, err := files.Open(t.Context(), strings.TrimPrefix(name, "media/"))
		if err != nil {
			t.Fatalf("%s did not come back: %v", name, err)
		}
		got, _ := io.ReadAll(f)
		f.Close()
		if !bytes.Equal(got, want) {
			t.Errorf("%s came back with %d bytes, not its %d", name, len(got), len(want))
		}
	}
}
