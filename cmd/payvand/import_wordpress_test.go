package main

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
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

// exportWithPicture is a one-post export whose featured picture is at
// pictureURL.
func exportWithPicture(t *testing.T, pictureURL string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "export.xml")
	err := os.WriteFile(path, []byte(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Khabar</title><link>https://khabar.example</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://khabar.example</wp:base_site_url>
<item><title>pic</title><content:encoded><![CDATA[]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>9</wp:post_id><wp:post_date>2024-01-01 10:00:00</wp:post_date><wp:post_date_gmt>2024-01-01 06:30:00</wp:post_date_gmt>
<wp:post_name>pic</wp:post_name><wp:status>inherit</wp:status><wp:post_type>attachment</wp:post_type>
<wp:attachment_url><![CDATA[`+pictureURL+`]]></wp:attachment_url></item>
<item><title>Post</title><content:encoded><![CDATA[<p>text</p>]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>1</wp:post_id><wp:post_date>2024-02-01 10:00:00</wp:post_date><wp:post_date_gmt>2024-02-01 06:30:00</wp:post_date_gmt>
<wp:post_name>post</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>9</wp:meta_value></wp:postmeta></item>
</channel></rss>
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	return path
}

func TestImportWordPressFetchMedia(t *testing.T) {
	// Noise, so the PNG stays larger than the 1 KB limit below.
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	noise := rand.New(rand.NewPCG(1, 2))
	for i := range img.Pix {
		img.Pix[i] = uint8(noise.IntN(256))
	}
	var picture bytes.Buffer
	if err := png.Encode(&picture, img); err != nil {
		t.Fatal(err)
	}
	var requests atomic.Int32
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.Write(picture.Bytes())
	}))
	defer site.Close()
	export := exportWithPicture(t, site.URL+"/wp-content/uploads/2024/01/photo.png")

	for _, tc := range []struct {
		name     string
		args     []string
		want     []string
		requests int32
	}{
		{"a dry run downloads nothing", []string{"--fetch-media", "--fetch-allow-private", "--dry-run"},
			[]string{"1 imported", "1 to be downloaded from the old site (nothing was downloaded)"}, 0},
		{"loopback is refused without --fetch-allow-private", []string{"--fetch-media"},
			[]string{"1 missing", "post 9: " + site.URL + "/wp-content/uploads/2024/01/photo.png: refused: 127.0.0.1 is in the non-public range 127.0.0.0/8 (run with --fetch-allow-private to allow it)"}, 0},
		{"a file over --max-upload is missing", []string{"--fetch-media", "--fetch-allow-private", "--max-upload", "1KB"},
			[]string{"1 missing", "larger than the upload limit of 1024 bytes"}, 1},
		{"downloaded with --fetch-allow-private", []string{"--fetch-media", "--fetch-allow-private"},
			[]string{"1 imported", "1 downloaded from the old site"}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			requests.Store(0)
			args := append([]string{"import", "wordpress", export, "--data", t.TempDir(), "--locales", "fa,tg"}, tc.args...)
			res := runPayvand(t, args...)
			if res.code != 0 {
				t.Fatalf("exit %d\n%s\n%s", res.code, res.stdout, res.stderr)
			}
			for _, want := range tc.want {
				if !strings.Contains(res.stdout, want) {
					t.Errorf("stdout lacks %q:\n%s", want, res.stdout)
				}
			}
			if n := requests.Load(); n != tc.requests {
				t.Errorf("%d requests to the old site, want %d", n, tc.requests)
			}
		})
	}
	if res := runPayvand(t, "import", "wordpress", export, "--data", t.TempDir(), "--fetch-allow-private"); res.code != 2 || !strings.Contains(res.stderr, "--fetch-media") {
		t.Errorf("--fetch-allow-private alone: exit %d, stderr %q", res.code, res.stderr)
	}
}
