package media

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestRemoveOrphansKeepsClaimedAndRecentFiles(t *testing.T) {
	dir := t.TempDir()
	store, err := NewFSStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	files := map[string]time.Time{
		"ab/ab12.jpg":       old,        // a row refers to it
		"ab/ab12-thumb.jpg": old,        // its row was never written
		"cd/cd34.jpg":       old,        // its row was never written
		"cd/.tmp-0011":      old,        // an interrupted write
		"ef/ef56.jpg":       time.Now(), // an upload on its way to its row
	}
	for p, at := range files {
		if err := store.Put(t.Context(), p, strings.NewReader("x")); err != nil && !strings.Contains(p, ".tmp") {
			t.Fatal(err)
		}
		full := filepath.Join(dir, filepath.FromSlash(p))
		if strings.Contains(p, ".tmp") {
			// Its folder may not exist yet: map order decides which file comes first.
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(full, []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Chtimes(full, at, at); err != nil {
			t.Fatal(err)
		}
	}
	removed, err := RemoveOrphans(t.Context(), store, func(p string) bool { return p == "ab/ab12.jpg" }, time.Now().Add(-10*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(removed)
	if want := []string{"ab/ab12-thumb.jpg", "cd/.tmp-0011", "cd/cd34.jpg"}; !slices.Equal(removed, want) {
		t.Fatalf("removed %v, want %v", removed, want)
	}
	for _, kept := range []string{"ab/ab12.jpg", "ef/ef56.jpg"} {
		if ok, _ := store.Exists(t.Context(), kept); !ok {
			t.Errorf("%s was removed", kept)
		}
	}
}
