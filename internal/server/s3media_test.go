package server

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/payvand/payvand/internal/s3test"
)

// A picture uploaded in the admin with the S3 store lands in the bucket,
// not in the data folder, and /media/… serves it from there as it serves
// files: type, ETag, a year's immutable caching, ranges, 304 and 416.
func TestUploadToS3AndServeFromMedia(t *testing.T) {
	s3 := s3test.Start(t)
	files := s3.Store(t)
	dir := t.TempDir()
	s := newSite(t, dir, files)
	editor := s.browser()
	s.signIn(editor).Body.Close()
	if code := s.upload(editor); code != http.StatusSeeOther {
		t.Fatalf("upload answered %d", code)
	}
	paths, err := s.store.ListMediaPaths(context.Background())
	if err != nil || len(paths) == 0 {
		t.Fatalf("no media rows after the upload: %v", err)
	}
	for p := range paths {
		if ok, err := files.Exists(context.Background(), p); !ok || err != nil {
			t.Errorf("%s is not in the bucket: %v", p, err)
		}
		// versitygw's posix backend keeps objects as files: the bucket's
		// folder holds them under the store's prefix.
		if _, err := os.Stat(filepath.Join(s3.Dir, s3test.Bucket, files.Location().Prefix, p)); err != nil {
			t.Errorf("%s is not in the bucket's folder: %v", p, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "media")); !os.IsNotExist(err) {
		t.Errorf("the data folder has a media folder: %v", err)
	}

	var original string
	for p := range paths {
		if strings.HasSuffix(p, ".png") && !strings.Contains(p, "-") {
			original = p
		}
	}
	if original == "" {
		t.Fatalf("no original PNG among %v", paths)
	}
	f, err := files.Open(context.Background(), original)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := io.ReadAll(f)
	f.Close()
	size := strconv.Itoa(len(want))

	url := s.url + "/media/" + original
	resp, body := fetch(t, url, nil)
	etag := resp.Header.Get("ETag")
	if resp.StatusCode != http.StatusOK || body != string(want) || resp.Header.Get("Content-Type") != "image/png" ||
		etag == "" || resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
		t.Fatalf("GET %s: %d, %d bytes (want %d), headers %v", url, resp.StatusCode, len(body), len(want), resp.Header)
	}
	resp, body = fetch(t, url, http.Header{"Range": {"bytes=10-29"}})
	if resp.StatusCode != http.StatusPartialContent || body != string(want[10:30]) || resp.Header.Get("Content-Range") != "bytes 10-29/"+size {
		t.Errorf("range 10-29: %d, %q, Content-Range %q", resp.StatusCode, body, resp.Header.Get("Content-Range"))
	}
	resp, body = fetch(t, url, http.Header{"Range": {"bytes=-7"}})
	if resp.StatusCode != http.StatusPartialContent || body != string(want[len(want)-7:]) {
		t.Errorf("last 7 bytes: %d, %q", resp.StatusCode, body)
	}
	if resp, _ = fetch(t, url, http.Header{"Range": {"bytes=" + size + "-"}}); resp.StatusCode != http.StatusRequestedRangeNotSatisfiable {
		t.Errorf("a range past the end: %d, want 416", resp.StatusCode)
	}
	if resp, body = fetch(t, url, http.Header{"If-None-Match": {etag}}); resp.StatusCode != http.StatusNotModified || body != "" {
		t.Errorf("If-None-Match: %d with %d bytes, want 304", resp.StatusCode, len(body))
	}
	if resp, _ = fetch(t, s.url+"/media/zz/missing.png", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a missing file: %d, want 404", resp.StatusCode)
	}
	if orphans := s.orphans(); len(orphans) != 0 {
		t.Errorf("the bucket holds files no row refers to: %v", orphans)
	}

	// With the bucket out of reach the picture is unavailable, not gone:
	// nothing may cache a 404 for it.
	s3.Stop()
	resp, _ = fetch(t, url, nil)
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Cache-Control") != "no-store" || resp.Header.Get("Retry-After") == "" {
		t.Errorf("with the store down: %d, headers %v", resp.StatusCode, resp.Header)
	}
}

func fetch(t *testing.T, url string, header http.Header) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return resp, readBody(t, resp)
}
