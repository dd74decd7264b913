package s3store

import (
	"strings"
	"testing"
)

func TestParseURL(t *testing.T) {
	for raw, want := range map[string]Location{
		"s3://payvand/media?endpoint=http://127.0.0.1:9000&path_style=true": {
			Bucket: "payvand", Prefix: "media", Endpoint: "127.0.0.1:9000", Region: DefaultRegion, PathStyle: true},
		"s3://news-site/sites/news/media/?endpoint=https://s3.example.tj&region=tj-1": {
			Bucket: "news-site", Prefix: "sites/news/media", Endpoint: "s3.example.tj", Secure: true, Region: "tj-1"},
		"s3://payvand": {Bucket: "payvand", Endpoint: "s3.amazonaws.com", Secure: true, Region: DefaultRegion},
		"s3://payvand/?endpoint=https://s3.example.tj/&path_style=false": {
			Bucket: "payvand", Endpoint: "s3.example.tj", Secure: true, Region: DefaultRegion},
	} {
		got, err := ParseURL(raw)
		if err != nil || got != want {
			t.Errorf("ParseURL(%q) = %+v, %v; want %+v", raw, got, err, want)
		}
		// What String prints parses back to the same place.
		if again, err := ParseURL(got.String()); err != nil || again != got {
			t.Errorf("ParseURL(%q) = %+v, %v; want %+v", got.String(), again, err, got)
		}
	}
}

func TestParseURLErrorsNameTheAcceptedForms(t *testing.T) {
	for raw, why := range map[string]string{
		"payvand/media":                            "not an s3:// URL",
		"https://payvand/media":                    "not an s3:// URL",
		"s3://key:secret@payvand/media":            "not an s3:// URL",
		"s3:///media":                              "bucket",
		"s3://Pay_Vand/media":                      "bucket",
		"s3://payvand/a//b":                        "prefix",
		"s3://payvand/../b":                        "prefix",
		"s3://payvand?endpoint=127.0.0.1:9000":     "endpoint=",
		"s3://payvand?endpoint=ftp://h":            "endpoint=",
		"s3://payvand?endpoint=http://h/some/path": "endpoint=",
		"s3://payvand?pathstyle=true":              "unknown setting pathstyle=",
		"s3://payvand?path_style=yes":              "path_style=yes",
		"s3://payvand?region=":                     "region= is empty",
		"s3://payvand?region=a&region=b":           "given 2 times",
	} {
		_, err := ParseURL(raw)
		if err == nil || !strings.Contains(err.Error(), why) || !strings.Contains(err.Error(), Forms) {
			t.Errorf("ParseURL(%q): got %v, want an error about %q naming %s", raw, err, why, Forms)
		}
	}
}
