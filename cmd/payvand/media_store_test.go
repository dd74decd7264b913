package main

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/payvand/payvand/internal/s3test"
)

// The demo's pictures go to the bucket on first start; the API then names
// them under --media-url, and the same paths answer under /media/.
func TestServeWithS3MediaAndMediaURL(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the whole server")
	}
	s3 := s3test.Start(t)
	const cdn = "https://cdn.example.tj/media"
	env := map[string]string{
		"PAYVAND_MEDIA_STORE": s3.StoreURL("site"), "PAYVAND_MEDIA_URL": cdn,
		"AWS_ACCESS_KEY_ID": s3.Credentials.AccessKey, "AWS_SECRET_ACCESS_KEY": s3.Credentials.SecretKey,
	}
	dataDir := filepath.Join(t.TempDir(), "data")
	srv := startServer(t, dataDir, env)
	defer srv.stop(t)
	var list listResp
	getJSON(t, "http://"+srv.addr+"/api/v1/tg/articles?limit=100", &list)
	thumb := ""
	for _, a := range list.Data {
		if a.Image != nil {
			thumb = a.Image.ThumbnailURL
			break
		}
	}
	rel, ok := strings.CutPrefix(thumb, cdn+"/")
	if !ok {
		t.Fatalf("thumbnail_url %q is not under --media-url %s", thumb, cdn)
	}
	resp, err := http.Get("http://" + srv.addr + "/media/" + rel)
	if err != nil || resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/jpeg" {
		t.Fatalf("/media/%s: %v %v", rel, err, resp)
	}
	resp.Body.Close()
	if entries, _ := filepath.Glob(filepath.Join(dataDir, "media", "*")); len(entries) != 0 {
		t.Errorf("the data folder holds media: %v", entries)
	}
	if matches, _ := filepath.Glob(filepath.Join(s3.Dir, s3test.Bucket, "site", rel)); len(matches) != 1 {
		t.Errorf("the thumbnail is not in the bucket's folder")
	}
}

// A bucket that is not there stops the start with a message naming it,
// before anything is served or seeded.
func TestServeRefusesAMissingBucket(t *testing.T) {
	s3 := s3test.Start(t)
	env := map[string]string{
		"PAYVAND_MEDIA_STORE": "s3://no-such-bucket/media?path_style=true&endpoint=" + s3.Endpoint,
		"AWS_ACCESS_KEY_ID":   s3.Credentials.AccessKey, "AWS_SECRET_ACCESS_KEY": s3.Credentials.SecretKey,
	}
	var stdout, stderr syncBuffer
	args := []string{"serve", "--data", filepath.Join(t.TempDir(), "data"), "--addr", freeAddr(t)}
	code := run(context.Background(), args, func(k string) string { return env[k] }, &stdout, &stderr)
	if code == 0 || !strings.Contains(stderr.String(), `bucket "no-such-bucket" does not exist`) {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr.String())
	}
}

// Backups and restores of a site whose media live in a bucket are the
// bucket's own tools' work: both commands refuse and name them.
func TestBackupAndRestoreRefuseS3Media(t *testing.T) {
	for _, args := range [][]string{
		{"backup", filepath.Join(t.TempDir(), "b.tar.gz")},
		{"restore", filepath.Join(t.TempDir(), "b.tar.gz"), "--data", t.TempDir()},
	} {
		args = append(args, "--media-store", "s3://payvand/media?endpoint=http://127.0.0.1:1&path_style=true")
		res := runCLI(t, args...)
		if res.code != 1 || !strings.Contains(res.stderr, "aws s3 sync s3://payvand/media") || !strings.Contains(res.stderr, "mc mirror") {
			t.Errorf("%s: exit %d, stderr %s", args[0], res.code, res.stderr)
		}
	}
}
