// Package storetest is the contract every media.Store keeps, as one set of
// tests each store's own tests run against a fresh, empty store.
package storetest

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"io"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/payvand/payvand/internal/media"
)

// Run runs the contract against stores made by open, one fresh store per
// subtest.
func Run(t *testing.T, open func(t *testing.T) media.Store) {
	t.Run("RoundTrip", func(t *testing.T) { roundTrip(t, open(t)) })
	t.Run("MissingFiles", func(t *testing.T) { missingFiles(t, open(t)) })
	t.Run("RefusesInvalidPaths", func(t *testing.T) { refusesInvalidPaths(t, open(t)) })
	t.Run("FailedPutLeavesOldFile", func(t *testing.T) { failedPut(t, open(t)) })
	t.Run("RangedReads", func(t *testing.T) { rangedReads(t, open(t)) })
	t.Run("List", func(t *testing.T) { list(t, open(t)) })
}

func put(t *testing.T, s media.Store, name string, data []byte) {
	t.Helper()
	if err := s.Put(t.Context(), name, bytes.NewReader(data)); err != nil {
		t.Fatalf("Put %s: %v", name, err)
	}
}

// read returns the whole file at name and its Stat.
func read(t *testing.T, s media.Store, name string) ([]byte, fs.FileInfo) {
	t.Helper()
	f, err := s.Open(t.Context(), name)
	if err != nil {
		t.Fatalf("Open %s: %v", name, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		t.Fatalf("Stat %s: %v", name, err)
	}
	got, err := io.ReadAll(f)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return got, info
}

func roundTrip(t *testing.T, s media.Store) {
	ctx := t.Context()
	data := randomBytes(t, 300<<10) // binary, larger than one read buffer
	put(t, s, "ab/deep/file.jpg", data)
	if ok, err := s.Exists(ctx, "ab/deep/file.jpg"); !ok || err != nil {
		t.Fatalf("Exists = %v, %v", ok, err)
	}
	got, info := read(t, s, "ab/deep/file.jpg")
	if !bytes.Equal(got, data) {
		t.Errorf("read %d bytes back, not the %d put", len(got), len(data))
	}
	if info.Size() != int64(len(data)) || info.Name() != "file.jpg" || info.IsDir() || info.ModTime().IsZero() {
		t.Errorf("Stat = %s, %d bytes, dir %v, time %v", info.Name(), info.Size(), info.IsDir(), info.ModTime())
	}
	// A reader of unknown length, as a copy between stores might pass.
	half := len(data) / 2
	if err := s.Put(ctx, "ab/deep/unsized.jpg", io.MultiReader(bytes.NewReader(data[:half]), bytes.NewReader(data[half:]))); err != nil {
		t.Fatalf("Put of a reader of unknown length: %v", err)
	}
	if got, _ := read(t, s, "ab/deep/unsized.jpg"); !bytes.Equal(got, data) {
		t.Errorf("read %d bytes back from an unsized Put, not the %d put", len(got), len(data))
	}
	put(t, s, "ab/deep/file.jpg", []byte("replaced"))
	if got, _ := read(t, s, "ab/deep/file.jpg"); string(got) != "replaced" {
		t.Errorf("after a second Put the file holds %.20q", got)
	}
	if ok, _ := s.Exists(ctx, "ab"); ok {
		t.Error("a folder of files counts as a stored file")
	}
	if err := s.Delete(ctx, "ab/deep/file.jpg"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if ok, err := s.Exists(ctx, "ab/deep/file.jpg"); ok || err != nil {
		t.Errorf("Exists after Delete = %v, %v", ok, err)
	}
}

func missingFiles(t *testing.T, s media.Store) {
	ctx := t.Context()
	if _, err := s.Open(ctx, "cd/missing.jpg"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open of a missing file: got %v, want fs.ErrNotExist", err)
	}
	if ok, err := s.Exists(ctx, "cd/missing.jpg"); ok || err != nil {
		t.Errorf("Exists of a missing file = %v, %v", ok, err)
	}
	// A retried clean-up must succeed.
	if err := s.Delete(ctx, "cd/missing.jpg"); err != nil {
		t.Errorf("Delete of a missing file: %v", err)
	}
}

func refusesInvalidPaths(t *testing.T, s media.Store) {
	ctx := t.Context()
	for _, p := range []string{
		"", ".", "..", "../x", "a/../../x", "a/../b", "/etc/passwd", "a//b", "a/", `..\x`,
		".tmp-123", "a/.hidden", "a\x00b",
	} {
		if err := s.Put(ctx, p, strings.NewReader("x")); !errors.Is(err, media.ErrInvalidPath) {
			t.Errorf("Put %q: got %v, want ErrInvalidPath", p, err)
		}
		if _, err := s.Open(ctx, p); !errors.Is(err, media.ErrInvalidPath) {
			t.Errorf("Open %q: got %v, want ErrInvalidPath", p, err)
		}
		if _, err := s.Exists(ctx, p); !errors.Is(err, media.ErrInvalidPath) {
			t.Errorf("Exists %q: got %v, want ErrInvalidPath", p, err)
		}
		if err := s.Delete(ctx, p); !errors.Is(err, media.ErrInvalidPath) {
			t.Errorf("Delete %q: got %v, want ErrInvalidPath", p, err)
		}
	}
	if names := listed(t, s); len(names) != 0 {
		t.Errorf("refused paths left files: %v", names)
	}
}

// failingReader yields some bytes, then fails, like a dropped connection.
func failingReader() io.Reader {
	return io.MultiReader(strings.NewReader("partial new cont"), iotest.ErrReader(errors.New("connection reset")))
}

func failedPut(t *testing.T, s media.Store) {
	put(t, s, "ab/file.jpg", []byte("old content"))
	canceled, cancel := context.WithCancel(t.Context())
	cancel()
	for _, name := range []string{"ab/file.jpg", "ab/new.jpg"} {
		if err := s.Put(t.Context(), name, failingReader()); err == nil {
			t.Errorf("Put %s of a failing reader succeeded", name)
		}
		if err := s.Put(canceled, name, strings.NewReader("new")); err == nil {
			t.Errorf("Put %s with a canceled context succeeded", name)
		}
	}
	if got, _ := read(t, s, "ab/file.jpg"); string(got) != "old content" {
		t.Errorf("file holds %q after failed writes", got)
	}
	if ok, _ := s.Exists(t.Context(), "ab/new.jpg"); ok {
		t.Error("a failed Put of a new file left one")
	}
	if names := listed(t, s); !slices.Equal(names, []string{"ab/file.jpg"}) {
		t.Errorf("files after failed writes: %v", names)
	}
}

// rangedReads is what serving a Range request does: seek, then read a part.
func rangedReads(t *testing.T, s media.Store) {
	data := randomBytes(t, 1<<20)
	put(t, s, "ef/big.png", data)
	f, err := s.Open(t.Context(), "ef/big.png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rs, ok := f.(io.ReadSeeker)
	if !ok {
		t.Fatalf("Open returns %T, which cannot seek", f)
	}
	if end, err := rs.Seek(0, io.SeekEnd); err != nil || end != int64(len(data)) {
		t.Fatalf("Seek to end = %d, %v", end, err)
	}
	for _, r := range []struct{ from, n int64 }{{700_000, 1000}, {10, 20}, {int64(len(data)) - 5, 5}, {0, 3}} {
		if _, err := rs.Seek(r.from, io.SeekStart); err != nil {
			t.Fatalf("Seek %d: %v", r.from, err)
		}
		got := make([]byte, r.n)
		if _, err := io.ReadFull(rs, got); err != nil {
			t.Fatalf("read %d bytes at %d: %v", r.n, r.from, err)
		}
		if !bytes.Equal(got, data[r.from:r.from+r.n]) {
			t.Errorf("bytes %d–%d differ", r.from, r.from+r.n)
		}
	}
}

func list(t *testing.T, s media.Store) {
	for _, name := range []string{"ab/one.jpg", "ab/two.webp", "cd/three.png"} {
		put(t, s, name, []byte(name))
	}
	if err := s.Delete(t.Context(), "ab/two.webp"); err != nil {
		t.Fatal(err)
	}
	sizes := map[string]int64{}
	err := s.List(t.Context(), func(e media.Entry) error {
		if e.ModTime.IsZero() {
			t.Errorf("%s has no modification time", e.Path)
		}
		sizes[e.Path] = e.Size
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]int64{"ab/one.jpg": 10, "cd/three.png": 12}; !maps.Equal(sizes, want) {
		t.Errorf("List = %v, want %v", sizes, want)
	}
	stop := errors.New("stop")
	calls := 0
	err = s.List(t.Context(), func(media.Entry) error { calls++; return stop })
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("List went on after fn failed: %d calls, %v", calls, err)
	}
}

// listed returns the sorted paths List finds.
func listed(t *testing.T, s media.Store) []string {
	t.Helper()
	var names []string
	if err := s.List(t.Context(), func(e media.Entry) error { names = append(names, e.Path); return nil }); err != nil {
		t.Fatal(err)
	}
	slices.Sort(names)
	return names
}

func randomBytes(t *testing.T, n int) []byte {
	t.Helper()
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}
