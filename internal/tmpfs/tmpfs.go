// Package tmpfs gives tests a real, small file system that can be filled,
// so a full disk is tried for real rather than imitated: SQLite, the WAL
// and the media files meet ENOSPC exactly as on a server.
package tmpfs

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// Fill writes a filler file into dir until its file system has no byte
// left, and returns a function that deletes it again.
func Fill(t testing.TB, dir string) (free func()) {
	t.Helper()
	name := filepath.Join(dir, "filler")
	f, err := os.Create(name)
	if err != nil {
		t.Fatalf("fill %s: %v", dir, err)
	}
	defer f.Close()
	buf := make([]byte, 1<<16)
	for size := len(buf); size >= 1; size /= 4 {
		for {
			if _, err := f.Write(buf[:size]); err != nil {
				if !errors.Is(err, syscall.ENOSPC) {
					t.Fatalf("fill %s: %v", dir, err)
				}
				break
			}
		}
	}
	return func() {
		if err := os.Remove(name); err != nil {
			t.Fatalf("free %s: %v", dir, err)
		}
	}
}

// skipOrFail skips the test when no tmpfs can be mounted here, with the
// reason; under CI=true as root the full-disk tests must run, so it fails.
func skipOrFail(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("CI") == "true" && os.Geteuid() == 0 {
		t.Fatalf("full-disk test: %s, and CI=true as root requires it", why)
	}
	t.Skipf("full-disk test skipped: %s (it needs Linux and root to mount a tmpfs; under CI=true as root it is required)", why)
}
