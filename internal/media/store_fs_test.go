package media

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func newTestStore(t *testing.T) (*FSStore, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "media")
	s, err := NewFSStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	return s, dir
}

func TestFSStoreRoundTrip(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := t.Context()
	if err := s.Put(ctx, "ab/deep/file.jpg", strings.NewReader("hello")); err != nil {
		t.Fatalf("Put: %v", err)
	}
	if ok, err := s.Exists(ctx, "ab/deep/file.jpg"); !ok || err != nil {
		t.Fatalf("Exists = %v, %v", ok, err)
	}
	f, err := s.Open(ctx, "ab/deep/file.jpg")
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	got, _ := io.ReadAll(f)
	info, _ := f.Stat()
	f.Close()
	if string(got) != "hello" || info.Size() != 5 {
		t.Errorf("read %q (%d bytes)", got, info.Size())
	}
	if err := s.Delete(ctx, "ab/deep/file.jpg"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if err := s.Delete(ctx, "ab/deep/file.jpg"); err != nil {
		t.Errorf("deleting a missing file: %v", err)
	}
	if ok, _ := s.Exists(ctx, "ab/deep/file.jpg"); ok {
		t.Error("file exists after Delete")
	}
	if _, err := s.Open(ctx, "ab/deep/file.jpg"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open of a missing file: got %v, want fs.ErrNotExist", err)
	}
	if ok, _ := s.Exists(ctx, "ab"); ok {
		t.Error("a directory counts as a stored file")
	}
}

func TestFSStoreRefusesEscapingPaths(t *testing.T) {
	s, dir := newTestStore(t)
	ctx := t.Context()
	for _, p := range []string{
		"", ".", "..", "../x", "a/../../x", "a/../b", "/etc/passwd", "a//b", "a/", `..\x`,
		".tmp-123", "a/.hidden", "a\x00b",
	} {
		t.Run(p, func(t *testing.T) {
			if err := s.Put(ctx, p, strings.NewReader("x")); !errors.Is(err, ErrInvalidPath) {
				t.Errorf("Put: got %v, want ErrInvalidPath", err)
			}
			if _, err := s.Open(ctx, p); !errors.Is(err, ErrInvalidPath) {
				t.Errorf("Open: got %v, want ErrInvalidPath", err)
			}
			if _, err := s.Exists(ctx, p); !errors.Is(err, ErrInvalidPath) {
				t.Errorf("Exists: got %v, want ErrInvalidPath", err)
			}
			if err := s.Delete(ctx, p); !errors.Is(err, ErrInvalidPath) {
				t.Errorf("Delete: got %v, want ErrInvalidPath", err)
			}
		})
	}
	if entries, _ := os.ReadDir(filepath.Dir(dir)); len(entries) != 1 {
		t.Errorf("files appeared beside the store: %v", entries)
	}
}

func TestFSStoreRefusesSymlinkOutOfRoot(t *testing.T) {
	s, dir := newTestStore(t)
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, "link")); err != nil {
		t.Skipf("symlinks unavailable: %v", err)
	}
	if err := s.Put(t.Context(), "link/x.jpg", strings.NewReader("x")); err == nil {
		t.Fatal("Put through a symlink out of the root succeeded")
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("wrote outside the root: %v", entries)
	}
}

// failingReader yields some bytes, then fails, like a dropped connection.
type failingReader struct{ sent bool }

func (f *failingReader) Read(b []byte) (int, error) {
	if f.sent {
		return 0, errors.New("connection reset")
	}
	f.sent = true
	return copy(b, "partial new cont"), nil
}

func TestFSStorePutIsAtomic(t *testing.T) {
	s, dir := newTestStore(t)
	if err := s.Put(t.Context(), "ab/file.jpg", strings.NewReader("old content")); err != nil {
		t.Fatal(err)
	}
	canceled, cancel := context.WithCancel(t.Context())
	cancel()
	for name, put := range map[string]func() error{
		"failing reader":   func() error { return s.Put(t.Context(), "ab/file.jpg", &failingReader{}) },
		"canceled context": func() error { return s.Put(canceled, "ab/file.jpg", strings.NewReader("new")) },
	} {
		if err := put(); err == nil {
			t.Errorf("%s: Put succeeded", name)
		}
	}
	got, _ := os.ReadFile(filepath.Join(dir, "ab/file.jpg"))
	if string(got) != "old content" {
		t.Errorf("file holds %q after failed writes", got)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "ab"))
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}
