package s3store

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/minio/minio-go/v7/pkg/s3utils"
)

// DefaultRegion is the region signed into requests when the store URL names
// none; S3-compatible servers that have no regions accept it.
const DefaultRegion = "us-east-1"

// defaultEndpoint is Amazon S3 itself, for a URL without endpoint=.
const defaultEndpoint = "https://s3.amazonaws.com"

// Forms names the accepted values of --media-store, for error messages.
const Forms = `"file" or "s3://BUCKET/PREFIX?endpoint=https://HOST:PORT&region=REGION&path_style=true"`

// Location is a parsed s3:// media store URL.
type Location struct {
	Bucket string
	// Prefix is the folder inside the bucket that holds the media files,
	// without leading or trailing slash; "" is the bucket's root.
	Prefix string
	// Endpoint is the server's host[:port] and Secure whether it speaks
	// https.
	Endpoint string
	Secure   bool
	Region   string
	// PathStyle forces http://HOST/BUCKET/KEY addresses instead of
	// http://BUCKET.HOST/KEY, which most self-hosted servers need.
	PathStyle bool
}

// String is the location as a URL, for logs and messages. It holds no
// credentials: those come from the environment only.
func (l Location) String() string {
	scheme := "http"
	if l.Secure {
		scheme = "https"
	}
	q := url.Values{"endpoint": {scheme + "://" + l.Endpoint}, "region": {l.Region}}
	if l.PathStyle {
		q.Set("path_style", "true")
	}
	return (&url.URL{Scheme: "s3", Host: l.Bucket, Path: "/" + l.Prefix, RawQuery: q.Encode()}).String()
}

// IsURL reports whether raw is meant as an s3:// store URL, so that a
// caller can tell "file" and a mistyped scheme apart.
func IsURL(raw string) bool { return strings.HasPrefix(strings.ToLower(raw), "s3://") }

// ParseURL reads s3://BUCKET/PREFIX?endpoint=…&region=…&path_style=true.
// Every error names the accepted form, since it is shown at start-up.
func ParseURL(raw string) (Location, error) {
	u, err := url.Parse(raw)
	if err != nil || !strings.EqualFold(u.Scheme, "s3") || u.User != nil || u.Fragment != "" || u.Opaque != "" {
		return Location{}, formError(raw, "not an s3:// URL")
	}
	loc := Location{Bucket: u.Host, Prefix: strings.Trim(u.Path, "/"), Region: DefaultRegion}
	if err := s3utils.CheckValidBucketNameStrict(loc.Bucket); err != nil {
		return Location{}, formError(raw, fmt.Sprintf("bucket %q: %v", loc.Bucket, err))
	}
	if err := checkPrefix(loc.Prefix); err != nil {
		return Location{}, formError(raw, err.Error())
	}
	q := u.Query()
	for key, vals := range q {
		if len(vals) != 1 {
			return Location{}, formError(raw, fmt.Sprintf("%s= is given %d times", key, len(vals)))
		}
		switch key {
		case "endpoint", "region", "path_style":
		default:
			return Location{}, formError(raw, fmt.Sprintf("unknown setting %s= (known: endpoint, region, path_style)", key))
		}
	}
	endpoint := defaultEndpoint
	if q.Has("endpoint") {
		endpoint = q.Get("endpoint")
	}
	if loc.Endpoint, loc.Secure, err = parseEndpoint(endpoint); err != nil {
		return Location{}, formError(raw, err.Error())
	}
	if q.Has("region") {
		if loc.Region = q.Get("region"); loc.Region == "" {
			return Location{}, formError(raw, "region= is empty")
		}
	}
	switch q.Get("path_style") {
	case "true", "1":
		loc.PathStyle = true
	case "false", "0", "":
	default:
		return Location{}, formError(raw, fmt.Sprintf("path_style=%s is not true or false", q.Get("path_style")))
	}
	return loc, nil
}

// parseEndpoint reads an http:// or https:// server address without path.
func parseEndpoint(raw string) (hostPort string, secure bool, err error) {
	u, perr := url.Parse(raw)
	if perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		strings.Trim(u.Path, "/") != "" || u.RawQuery != "" || u.User != nil {
		return "", false, fmt.Errorf("endpoint=%s is not an http:// or https:// address without a path, such as https://s3.example.tj:9000", raw)
	}
	return u.Host, u.Scheme == "https", nil
}

// checkPrefix refuses folder names that S3 would store but that no
// file-system tool mirroring the bucket could write back.
func checkPrefix(prefix string) error {
	if prefix == "" {
		return nil
	}
	for elem := range strings.SplitSeq(prefix, "/") {
		if elem == "" || elem == "." || elem == ".." || strings.ContainsAny(elem, "\\\x00") {
			return fmt.Errorf("prefix %q is not a folder path such as media or sites/news/media", prefix)
		}
	}
	return nil
}

func formError(raw, why string) error {
	return fmt.Errorf("%q: %s; the media store is %s", raw, why, Forms)
}
