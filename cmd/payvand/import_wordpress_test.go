package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestImportWordPressCommand(t *testing.T) {
	dir := t.TempDir()
	export := filepath.Join("..", "..", "internal", "wpimport", "testdata", "site.xml")
	reportFile := filepath.Join(t.TempDir(), "report.json")

	dry := runPayvand(t, "import", "wordpress", export, "--data", dir, "--locales", "fa,tg,ru", "--dry-run")
	if dry.code != 0 || !strings.Contains(dry.stdout, "dry run, nothing written") || !strings.Contains(dry.stdout, "4 created") {
		t.Fatalf("dry run: exit %d\n%s\n%s", dry.code, dry.stdout, dry.stderr)
	}
	res := runPayvand(t, "import", "wordpress", "--data", dir, "--locales", "fa,tg,ru", export, "--report", reportFile, "--locale-map", "tj=tg")
	if res.code != 0 {
		t.Fatalf("exit %d\n%s\n%s", res.code, res.stdout, res.stderr)
	}
	for _, want := range []string{"posts: 7/7 posts", "4 created", "3 joined", "language en is not configured in Payvand", "[gallery] 1 times, in posts [40]"} {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, res.stdout)
		}
	}
	b, err := os.ReadFile(reportFile)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Source   string                    `json:"source"`
		Articles struct{ Created int }     `json:"articles"`
		Posts    map[string]map[string]int `json:"posts"`
	}
	if err := json.Unmarshal(b, &rep); err != nil || rep.Source != "https://khabar.example" || rep.Articles.Created != 4 || rep.Posts["tg"]["draft"] != 1 {
		t.Errorf("report %s (%v)", b, err)
	}
	again := runPayvand(t, "import", "wordpress", "--data", dir, "--locales", "fa,tg,ru", export)
	if again.code != 0 || !strings.Contains(again.stdout, "0 created, 0 updated, 4 unchanged") {
		t.Errorf("second run: exit %d\n%s\n%s", again.code, again.stdout, again.stderr)
	}
	// With --uploads, the fixture's attachment (no file) is reported
	// missing, and the run succeeds.
	withUploads := runPayvand(t, "import", "wordpress", "--data", dir, "--locales", "fa,tg,ru", export, "--uploads", t.TempDir())
	if withUploads.code != 0 || !strings.Contains(withUploads.stdout, "1 missing") || !strings.Contains(withUploads.stdout, "attachments whose file is missing:\n    post 43:") {
		t.Errorf("--uploads run: exit %d\n%s\n%s", withUploads.code, withUploads.stdout, withUploads.stderr)
	}
}

func TestImportWordPressRefuses(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(t.TempDir(), "bad.xml")
	os.WriteFile(bad, []byte("<?xml version=\"1.0\"?>\n<rss><channel>\n<item><title>x</wp:title></item>\n</channel></rss>\n"), 0o644)
	res := runPayvand(t, "import", "wordpress", bad, "--data", dir)
	if res.code != 1 || !strings.Contains(res.stderr, "line 3") || !strings.Contains(res.stderr, "nothing was imported") {
		t.Errorf("malformed: exit %d, stderr %q", res.code, res.stderr)
	}
	for _, args := range [][]string{
		{"import"},
		{"import", "wordpress", "--data", dir},
		{"import", "wordpress", bad, "--data", dir, "--locale-map", "fa"},
		{"import", "wordpress", bad, "--data", dir, "--timezone", "Mars/Olympus"},
		{"import", "wordpress", filepath.Join(dir, "missing.xml"), "--data", dir},
		{"import", "wordpress", bad, "--data", dir, "--uploads", filepath.Join(dir, "no-such-folder")},
	} {
		if res := runPayvand(t, args...); res.code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, res.code, res.stderr)
		}
	}
}
