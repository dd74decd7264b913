package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/models"
)

// siteExport is the import's shared fixture.
var siteExport = filepath.Join("..", "..", "internal", "wpimport", "testdata", "site.xml")

// reportNote is a post's note in the JSON report.
type reportNote struct {
	PostID  int    `json:"post_id"`
	Message string `json:"message"`
}

// --report FILE writes the whole report as JSON, every field the issue
// names under its JSON name, on a dry run as on a real one.
func TestImportWordPressReportFile(t *testing.T) {
	dir := t.TempDir()
	for _, dry := range []bool{true, false} {
		file := filepath.Join(t.TempDir(), "report.json")
		args := []string{"import", "wordpress", siteExport, "--data", dir, "--locales", "fa,tg,ru", "--report", file}
		if dry {
			args = append(args, "--dry-run")
		}
		if res := runPayvand(t, args...); res.code != 0 {
			t.Fatalf("dry %v: exit %d\n%s", dry, res.code, res.stderr)
		}
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(b, &fields); err != nil {
			t.Fatalf("report is not JSON: %v\n%s", err, b)
		}
		for _, name := range []string{"source", "dry_run", "posts", "articles", "joined", "skipped", "skipped_posts", "not_overwritten", "overwritten",
			"shortcodes", "shortcode_posts", "sections_created", "tags_created", "warnings", "media", "missing_media"} {
			if _, ok := fields[name]; !ok {
				t.Errorf("dry %v: report lacks %q:\n%s", dry, name, b)
			}
		}
		var rep struct {
			Source   string                    `json:"source"`
			DryRun   bool                      `json:"dry_run"`
			Posts    map[string]map[string]int `json:"posts"`
			Articles struct {
				Created, Updated, Unchanged, Failed int
			} `json:"articles"`
			Joined       int            `json:"joined"`
			Skipped      map[string]int `json:"skipped"`
			SkippedPosts []reportNote   `json:"skipped_posts"`
			Sections     int            `json:"sections_created"`
			Tags         int            `json:"tags_created"`
		}
		if err := json.Unmarshal(b, &rep); err != nil {
			t.Fatal(err)
		}
		if rep.Source != "https://khabar.example" || rep.DryRun != dry || rep.Articles.Created != 4 || rep.Articles.Failed != 0 || rep.Joined != 3 || rep.Sections != 3 || rep.Tags != 2 {
			t.Errorf("dry %v: report %s", dry, b)
		}
		if rep.Posts["fa"]["publish"] != 2 || rep.Posts["fa"]["future"] != 1 || rep.Posts["tg"]["draft"] != 1 || rep.Posts["ru"]["publish"] != 1 {
			t.Errorf("dry %v: posts %v", dry, rep.Posts)
		}
		const enSkipped = "language en is not configured in Payvand"
		if rep.Skipped[enSkipped] != 1 || rep.Skipped["status private"] != 1 ||
			!slices.Contains(rep.SkippedPosts, reportNote{22, enSkipped}) {
			t.Errorf("dry %v: skipped %v %+v", dry, rep.Skipped, rep.SkippedPosts)
		}
	}
	// A report that cannot be written fails the run (exit 1), after the
	// import, which stays.
	res := runPayvand(t, "import", "wordpress", siteExport, "--data", dir, "--locales", "fa,tg,ru", "--report", filepath.Join(dir, "no-such-folder", "r.json"))
	if res.code != 1 || !strings.Contains(res.stderr, "report:") || !strings.Contains(res.stdout, "4 unchanged") {
		t.Errorf("unwritable report: exit %d\n%s\n%s", res.code, res.stdout, res.stderr)
	}
}

// Written to a file or a pipe (not a terminal), progress is plain lines —
// no bar, no carriage returns — ending with the posts' total.
func TestImportWordPressPlainProgressOffTerminal(t *testing.T) {
	out, err := os.Create(filepath.Join(t.TempDir(), "out.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	var stderr strings.Builder
	code := run(context.Background(), []string{"import", "wordpress", siteExport, "--data", t.TempDir(), "--locales", "fa,tg,ru"}, func(string) string { return "" }, out, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	b, err := os.ReadFile(out.Name())
	if err != nil {
		t.Fatal(err)
	}
	log := string(b)
	if strings.Contains(log, "\r") || strings.Contains(log, "\x1b[") {
		t.Errorf("terminal control characters in a log:\n%q", log)
	}
	if !regexp.MustCompile(`(?m)^posts: 7/7 posts \(100%\), \d+s elapsed$`).MatchString(log) {
		t.Errorf("no plain progress line for the posts:\n%s", log)
	}
}

// Exit codes as the usage gives them: 0 imported (posts skipped or
// refused are reported, not failures), 1 failed (a malformed file, a
// section map naming no section), 2 a wrong command line.
func TestImportWordPressExitCodes(t *testing.T) {
	dir := t.TempDir()
	malformed := filepath.Join(t.TempDir(), "bad.xml")
	if err := os.WriteFile(malformed, []byte("<?xml version=\"1.0\"?>\n<rss><channel>\n<item><title>x</wp:title></item>\n</channel></rss>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mapFile := filepath.Join(t.TempDir(), "map.csv")
	if err := os.WriteFile(mapFile, []byte("culture,nowhere\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{siteExport}, 0}, // skips four items, imports the rest
		{[]string{malformed}, 1},
		{[]string{siteExport, "--section-map", mapFile}, 1},
		{[]string{siteExport, "--locale", "de"}, 1},
		{[]string{siteExport, "--dry-run", "--no-such-flag"}, 2},
		{[]string{siteExport, siteExport}, 2},
	} {
		args := append([]string{"import", "wordpress", "--data", dir, "--locales", "fa,tg,ru"}, c.args...)
		if res := runPayvand(t, args...); res.code != c.code {
			t.Errorf("%v: exit %d, want %d\n%s", c.args, res.code, c.code, res.stderr)
		}
	}
}

// --timezone (or PAYVAND_TIMEZONE) reads the local date of a post
// WordPress left without a UTC one; without it, the site's offset its
// dated posts show (+03:30 in the fixture) does.
func TestImportWordPressTimezone(t *testing.T) {
	ctx := context.Background()
	export := filepath.Join("..", "..", "internal", "wpimport", "testdata", "cases.xml")
	for _, c := range []struct {
		name string
		args []string
		env  string
		want time.Time
	}{
		{"flag", []string{"--timezone", "Asia/Dushanbe"}, "", time.Date(2030, 6, 1, 4, 0, 0, 0, time.UTC)},
		{"environment", nil, "Asia/Dushanbe", time.Date(2030, 6, 1, 4, 0, 0, 0, time.UTC)},
		{"site offset", nil, "", time.Date(2030, 6, 1, 5, 30, 0, 0, time.UTC)},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			getenv := func(k string) string {
				if k == "PAYVAND_TIMEZONE" {
					return c.env
				}
				return ""
			}
			var stdout, stderr strings.Builder
			args := append([]string{"import", "wordpress", export, "--data", dir, "--locales", "fa,tg,ru"}, c.args...)
			if code := run(ctx, args, getenv, &stdout, &stderr); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			store, err := models.Open(ctx, models.Options{Path: filepath.Join(dir, "payvand.db"), Locales: locale.MustParse("fa,tg,ru")})
			if err != nil {
				t.Fatal(err)
			}
			defer store.Close()
			known, err := store.FindImported(ctx, "https://cases.example", models.ImportPost, []int64{402})
			if err != nil || len(known) != 1 {
				t.Fatalf("post 402: %v %v", known, err)
			}
			a, err := store.FindArticle(ctx, known[402].TargetID)
			if err != nil {
				t.Fatal(err)
			}
			if tr, _ := a.Translation("fa"); tr.PublishedAt == nil || !tr.PublishedAt.Equal(c.want) {
				t.Errorf("scheduled at %v, want %v", tr.PublishedAt, c.want)
			}
		})
	}
}
