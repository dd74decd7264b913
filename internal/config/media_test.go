package config

import (
	"io"
	"strings"
	"testing"

	"github.com/payvand/payvand/internal/s3store"
)

func TestMediaStoreDefaultsToFiles(t *testing.T) {
	for _, args := range [][]string{nil, {"--media-store", "file"}} {
		cfg, err := Load(args, env(nil), io.Discard)
		if err != nil || cfg.MediaS3 != nil || cfg.MediaURL != "" {
			t.Errorf("Load(%v) = S3 %v, media URL %q, %v", args, cfg.MediaS3, cfg.MediaURL, err)
		}
	}
}

func TestMediaStoreS3(t *testing.T) {
	e := env(map[string]string{
		"PAYVAND_MEDIA_STORE": "s3://payvand/media?endpoint=http://127.0.0.1:7070&path_style=true",
		"PAYVAND_MEDIA_URL":   "https://cdn.example.tj/media/",
		"AWS_ACCESS_KEY_ID":   "key", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_SESSION_TOKEN": "token",
	})
	cfg, err := Load(nil, e, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	want := s3store.Location{Bucket: "payvand", Prefix: "media", Endpoint: "127.0.0.1:7070", Region: s3store.DefaultRegion, PathStyle: true}
	if cfg.MediaS3 == nil || *cfg.MediaS3 != want {
		t.Errorf("MediaS3 = %+v, want %+v", cfg.MediaS3, want)
	}
	if cfg.MediaCredentials != (s3store.Credentials{AccessKey: "key", SecretKey: "secret", SessionToken: "token"}) {
		t.Errorf("credentials = %+v", cfg.MediaCredentials)
	}
	if cfg.MediaURL != "https://cdn.example.tj/media" {
		t.Errorf("MediaURL = %q", cfg.MediaURL)
	}
}

func TestBadMediaSettingsNameTheAcceptedForms(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--media-store", "files"}, "--media-store: \"files\": not an s3:// URL; the media store is " + s3store.Forms},
		{[]string{"--media-store", "s3://payvand?endpoint=minio:9000"}, "--media-store"},
		{[]string{"--media-url", "cdn.example.tj/media"}, "--media-url: \"cdn.example.tj/media\" is not an http(s) URL"},
		{[]string{"--media-url", "https://cdn.example.tj/media?v=1"}, "--media-url"},
	} {
		_, err := Load(tt.args, env(nil), io.Discard)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%v) error = %v, want it to say %q", tt.args, err, tt.want)
		}
	}
}
