package s3store_test

import (
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/internal/media/storetest"
	"github.com/payvand/payvand/internal/s3store"
	"github.com/payvand/payvand/internal/s3test"
)

// TestStoreContract runs the S3 store against a real S3 server through the
// tests the file store passes too.
func TestStoreContract(t *testing.T) {
	srv := s3test.Start(t)
	storetest.Run(t, func(t *testing.T) media.Store { return srv.Store(t) })
}

// TestPrefixesKeepStoresApart checks that two sites sharing a bucket under
// different prefixes neither see nor sweep each other's files.
func TestPrefixesKeepStoresApart(t *testing.T) {
	srv := s3test.Start(t)
	a, b := srv.Store(t), srv.Store(t)
	if err := a.Put(t.Context(), "ab/a.jpg", strings.NewReader("a")); err != nil {
		t.Fatal(err)
	}
	if ok, _ := b.Exists(t.Context(), "ab/a.jpg"); ok {
		t.Error("b sees a's file")
	}
	var seen []string
	if err := b.List(t.Context(), func(e media.Entry) error { seen = append(seen, e.Path); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 0 {
		t.Errorf("b lists %v", seen)
	}
}

func TestNewRefusesAMissingBucketOrWrongKeys(t *testing.T) {
	srv := s3test.Start(t)
	for name, tc := range map[string]struct {
		url   string
		creds s3store.Credentials
		want  string
	}{
		"missing bucket": {"s3://nothing-here/media?path_style=true&endpoint=" + srv.Endpoint, srv.Credentials, `bucket "nothing-here" does not exist`},
		"wrong secret":   {srv.StoreURL("media"), s3store.Credentials{AccessKey: srv.Credentials.AccessKey, SecretKey: "wrong"}, `cannot reach bucket "payvand"`},
		"no keys":        {srv.StoreURL("media"), s3store.Credentials{}, "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set"},
	} {
		t.Run(name, func(t *testing.T) {
			loc, err := s3store.ParseURL(tc.url)
			if err != nil {
				t.Fatal(err)
			}
			_, err = s3store.New(t.Context(), loc, tc.creds)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("New: got %v, want an error saying %q", err, tc.want)
			}
		})
	}
}

// TestNewRefusesAnUnreachableServer needs no server: nothing listens on
// the port.
func TestNewRefusesAnUnreachableServer(t *testing.T) {
	loc, err := s3store.ParseURL("s3://payvand?endpoint=http://127.0.0.1:1&path_style=true")
	if err != nil {
		t.Fatal(err)
	}
	_, err = s3store.New(t.Context(), loc, s3store.Credentials{AccessKey: "k", SecretKey: "s"})
	if err == nil || !strings.Contains(err.Error(), "cannot reach bucket") {
		t.Errorf("New: %v", err)
	}
}

// TestRemoveOrphans sweeps a bucket through List and Delete as the
// start-up sweep does. S3 sets an object's time itself, so the cut-off
// lies after the uploads to make them all old enough, then before them.
func TestRemoveOrphans(t *testing.T) {
	s := s3test.Start(t).Store(t)
	for _, p := range []string{"ab/kept.jpg", "ab/orphan.jpg", "cd/orphan.webp"} {
		if err := s.Put(t.Context(), p, strings.NewReader(p)); err != nil {
			t.Fatal(err)
		}
	}
	inUse := func(p string) bool { return p == "ab/kept.jpg" }
	if removed, err := media.RemoveOrphans(t.Context(), s, inUse, time.Now().Add(-time.Hour)); err != nil || len(removed) != 0 {
		t.Fatalf("young files: removed %v, %v", removed, err)
	}
	removed, err := media.RemoveOrphans(t.Context(), s, inUse, time.Now().Add(time.Hour))
	slices.Sort(removed)
	if want := []string{"ab/orphan.jpg", "cd/orphan.webp"}; err != nil || !slices.Equal(removed, want) {
		t.Fatalf("removed %v, %v; want %v", removed, err, want)
	}
	for p, want := range map[string]bool{"ab/kept.jpg": true, "ab/orphan.jpg": false, "cd/orphan.webp": false} {
		if ok, _ := s.Exists(t.Context(), p); ok != want {
			t.Errorf("%s exists: %v, want %v", p, ok, want)
		}
	}
}

// A file opened in another store goes up in one PUT of the right size,
// also when part of it has been read already.
func TestPutFromAnOpenFile(t *testing.T) {
	srv := s3test.Start(t)
	from, to := srv.Store(t), srv.Store(t)
	if err := from.Put(t.Context(), "ab/pic.jpg", strings.NewReader("0123456789")); err != nil {
		t.Fatal(err)
	}
	f, err := from.Open(t.Context(), "ab/pic.jpg")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := io.ReadFull(f, make([]byte, 4)); err != nil {
		t.Fatal(err)
	}
	if err := to.Put(t.Context(), "ab/pic.jpg", f); err != nil {
		t.Fatal(err)
	}
	g, err := to.Open(t.Context(), "ab/pic.jpg")
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if got, _ := io.ReadAll(g); string(got) != "456789" {
		t.Errorf("copied %q, want the unread rest 456789", got)
	}
}
