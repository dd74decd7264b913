// Package s3store keeps media files in a bucket of an S3-compatible object
// store (Amazon S3, MinIO, Versity Gateway, Ceph, Garage…), behind the same
// media.Store interface as the file store, so the media pipeline, the
// /media/… handler and the commands do not know which one they use.
//
// It uses github.com/minio/minio-go/v7 rather than aws-sdk-go-v2: it is
// one module with few dependencies instead of a dozen, S3-compatible
// servers (not only AWS) are what it is written and tested against, path-
// style addressing and plain-http endpoints are single options, and its
// *Object is an io.ReadSeeker that fetches from the offset it was sought
// to, which is what http.ServeContent needs to answer a Range request
// without downloading the whole file. aws-sdk-go-v2 would need a
// hand-written ranged reader for the same.
package s3store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/payvand/payvand/internal/media"
)

// Credentials are the keys requests are signed with, read from the usual
// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN.
type Credentials struct {
	AccessKey, SecretKey, SessionToken string
}

// CredentialsFromEnv reads the credentials through getenv.
func CredentialsFromEnv(getenv func(string) string) Credentials {
	return Credentials{AccessKey: getenv("AWS_ACCESS_KEY_ID"), SecretKey: getenv("AWS_SECRET_ACCESS_KEY"), SessionToken: getenv("AWS_SESSION_TOKEN")}
}

// partSize is the part size of uploads whose length is not known in
// advance: a file smaller than one part still goes up in one multipart
// upload, which a failing reader aborts, leaving no object behind.
const partSize = 16 << 20

// Store is a media.Store over one bucket and prefix.
type Store struct {
	client *minio.Client
	loc    Location
}

var _ media.Store = (*Store)(nil)

// New connects to the bucket at loc and checks that it exists and that the
// credentials may read it, so that a wrong setting stops the start instead
// of failing every upload later.
func New(ctx context.Context, loc Location, creds Credentials) (*Store, error) {
	lookup := minio.BucketLookupAuto
	if loc.PathStyle {
		lookup = minio.BucketLookupPath
	}
	var signer *credentials.Credentials
	if creds.AccessKey != "" || creds.SecretKey != "" {
		signer = credentials.NewStaticV4(creds.AccessKey, creds.SecretKey, creds.SessionToken)
	} else {
		// Anonymous requests: a public bucket, or a clear access-denied
		// error at start-up naming the missing variables below.
		signer = credentials.NewStatic("", "", "", credentials.SignatureAnonymous)
	}
	client, err := minio.New(loc.Endpoint, &minio.Options{
		Creds: signer, Secure: loc.Secure, Region: loc.Region, BucketLookup: lookup,
		// A few retries ride over a restarting server; minio-go's default
		// of ten makes an unreachable endpoint hang the start for minutes.
		MaxRetries: 3,
	})
	if err != nil {
		return nil, fmt.Errorf("media store %s: %w", loc, err)
	}
	s := &Store{client: client, loc: loc}
	if err := s.checkBucket(ctx, creds); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Store) checkBucket(ctx context.Context, creds Credentials) error {
	ok, err := s.client.BucketExists(ctx, s.loc.Bucket)
	if err != nil {
		hint := ""
		if creds.AccessKey == "" {
			hint = " (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set)"
		}
		return fmt.Errorf("media store: cannot reach bucket %q at %s%s: %w", s.loc.Bucket, s.endpointURL(), hint, err)
	}
	if !ok {
		return fmt.Errorf("media store: bucket %q does not exist at %s; create it with the store's own tools first", s.loc.Bucket, s.endpointURL())
	}
	return nil
}

func (s *Store) endpointURL() string {
	if s.loc.Secure {
		return "https://" + s.loc.Endpoint
	}
	return "http://" + s.loc.Endpoint
}

// Location is where the store keeps its files.
func (s *Store) Location() Location { return s.loc }

// key is the object key of a media path, after checking the path as the
// file store does, so both stores accept and refuse the same paths.
func (s *Store) key(name string) (string, error) {
	if !media.ValidPath(name) {
		return "", fmt.Errorf("%w: %q", media.ErrInvalidPath, name)
	}
	if s.loc.Prefix == "" {
		return name, nil
	}
	return s.loc.Prefix + "/" + name, nil
}

// Put uploads r. An S3 PUT replaces an object only once it is complete,
// so readers see the old file or the new one; a reader that fails aborts
// the upload and leaves the old object, or none, in place.
func (s *Store) Put(ctx context.Context, name string, r io.Reader) error {
	key, err := s.key(name)
	if err != nil {
		return err
	}
	_, err = s.client.PutObject(ctx, s.loc.Bucket, key, r, readerSize(r), minio.PutObjectOptions{
		ContentType: contentType(name), PartSize: partSize,
	})
	if err != nil {
		return fmt.Errorf("media: put %s: %w", name, err)
	}
	return nil
}

// readerSize is the length of what r holds when r can tell, so that the
// upload is one plain PUT; -1 (a multipart upload of partSize parts) when
// it cannot. The pipeline's bytes.Reader tells; so does an open file (its
// Stat and offset), for a copy from another store.
func readerSize(r io.Reader) int64 {
	switch r := r.(type) {
	case interface{ Len() int }:
		return int64(r.Len())
	case interface {
		Stat() (fs.FileInfo, error)
		io.Seeker
	}:
		// What is left to read: a file may have been read from already.
		info, err := r.Stat()
		offset, serr := r.Seek(0, io.SeekCurrent)
		if err == nil && serr == nil && info.Mode().IsRegular() && offset <= info.Size() {
			return info.Size() - offset
		}
	}
	return -1
}

// contentType is stored with the object so that a bucket served directly
// (behind --media-url) answers with the right type.
func contentType(name string) string {
	if t, ok := media.TypeOf(name); ok {
		return t
	}
	return "application/octet-stream"
}

// Open asks the server for the object's size and time, then returns a file
// that fetches bytes only when read, from the offset it was sought to: a
// Range request reads its range, a 304 answer reads nothing.
func (s *Store) Open(ctx context.Context, name string) (fs.File, error) {
	key, err := s.key(name)
	if err != nil {
		return nil, err
	}
	obj, err := s.client.GetObject(ctx, s.loc.Bucket, key, minio.GetObjectOptions{})
	if err != nil {
		return nil, fmt.Errorf("media: open %s: %w", name, err)
	}
	info, err := obj.Stat()
	if err != nil {
		obj.Close()
		return nil, fmt.Errorf("media: open %s: %w", name, notExist(err))
	}
	return &file{Object: obj, info: fileInfo{name: path.Base(name), size: info.Size, modTime: info.LastModified}}, nil
}

// Delete removes the object; S3 answers a delete of a missing key with
// success, which is the interface's rule too.
func (s *Store) Delete(ctx context.Context, name string) error {
	key, err := s.key(name)
	if err != nil {
		return err
	}
	if err := s.client.RemoveObject(ctx, s.loc.Bucket, key, minio.RemoveObjectOptions{}); err != nil && !isNotFound(err) {
		return fmt.Errorf("media: delete %s: %w", name, err)
	}
	return nil
}

// Exists reports whether an object is stored under name.
func (s *Store) Exists(ctx context.Context, name string) (bool, error) {
	key, err := s.key(name)
	if err != nil {
		return false, err
	}
	_, err = s.client.StatObject(ctx, s.loc.Bucket, key, minio.StatObjectOptions{})
	switch {
	case isNotFound(err):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("media: stat %s: %w", name, err)
	}
	return true, nil
}

// List walks the objects under the prefix. Keys that are not valid media
// paths (put there by other tools) are skipped: the store could neither
// open nor delete them.
func (s *Store) List(ctx context.Context, fn func(media.Entry) error) error {
	prefix := ""
	if s.loc.Prefix != "" {
		prefix = s.loc.Prefix + "/"
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops minio-go's listing goroutine when fn fails
	for obj := range s.client.ListObjects(ctx, s.loc.Bucket, minio.ListObjectsOptions{Prefix: prefix, Recursive: true}) {
		if obj.Err != nil {
			return fmt.Errorf("media: list %s: %w", s.loc, obj.Err)
		}
		name := strings.TrimPrefix(obj.Key, prefix)
		if !media.ValidPath(name) {
			continue
		}
		if err := fn(media.Entry{Path: name, Size: obj.Size, ModTime: obj.LastModified}); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// isNotFound tells a missing object from other failures. A HEAD answer has
// no body, so minio-go knows it only by its status.
func isNotFound(err error) bool {
	if err == nil {
		return false
	}
	resp := minio.ToErrorResponse(err)
	return resp.Code == "NoSuchKey" || (resp.StatusCode == http.StatusNotFound && resp.Code != "NoSuchBucket")
}

// notExist makes a missing object's error match fs.ErrNotExist.
func notExist(err error) error {
	if isNotFound(err) {
		return errors.Join(fs.ErrNotExist, err)
	}
	return err
}

// file is an open object: minio-go's *Object reads, seeks (io.ReadSeeker,
// io.ReaderAt) and closes; Stat answers from what Open learnt.
type file struct {
	*minio.Object
	info fileInfo
}

func (f *file) Stat() (fs.FileInfo, error) { return f.info, nil }

// fileInfo describes an object as a read-only regular file.
type fileInfo struct {
	name    string
	size    int64
	modTime time.Time
}

func (i fileInfo) Name() string       { return i.name }
func (i fileInfo) Size() int64        { return i.size }
func (i fileInfo) Mode() fs.FileMode  { return 0o444 }
func (i fileInfo) ModTime() time.Time { return i.modTime }
func (i fileInfo) IsDir() bool        { return false }
func (i fileInfo) Sys() any           { return nil }
