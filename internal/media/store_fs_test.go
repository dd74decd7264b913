package media

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
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

// TestFSStorePutIsAtomic adds to the contract's failed-Put test what only
// a directory shows: no temporary file stays behind.
func TestFSStorePutIsAtomic(t *testing.T) {
	s, dir := newTestStore(t)
	if err := s.Put(t.Context(), "ab/file.jpg", strings.NewReader("old content")); err != nil {
		t.Fatal(err)
	}
	canceled, cancel := context.WithCancel(t.Context())
	cancel()
	for name, put := range map[string]func() error{
		"failing reader": func() error {
			return s.Put(t.Context(), "ab/file.jpg", io.MultiReader(strings.NewReader("partial"), iotest.ErrReader(errors.New("connection reset"))))
		},
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
