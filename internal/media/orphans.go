package media

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Paths lists the files of the result: its variants, then the original.
func (r *Result) Paths() []string {
	paths := make([]string, 0, len(r.Variants)+1)
	for _, v := range r.Variants {
		paths = append(paths, v.Path)
	}
	return append(paths, r.Path)
}

// RemoveOrphans deletes the files in the store that inUse does not claim
// and that were last changed before olderThan, and returns their paths.
// Files are written before their database row, so a row that was never
// written (a full disk, a crash) leaves files nothing refers to; the age
// spares uploads still on their way to their row. Leftover temporary files
// of interrupted writes go too.
func (s *FSStore) RemoveOrphans(ctx context.Context, inUse func(path string) bool, olderThan time.Time) ([]string, error) {
	var removed []string
	err := filepath.WalkDir(s.dir, func(full string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(s.dir, full)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		info, err := d.Info()
		if err != nil || inUse(rel) || !info.ModTime().Before(olderThan) {
			return nil // a file that vanished meanwhile is not an error
		}
		if err := os.Remove(full); err != nil && !os.IsNotExist(err) {
			return err
		}
		removed = append(removed, rel)
		return nil
	})
	if err != nil {
		return removed, fmt.Errorf("media: remove orphans: %w", err)
	}
	return removed, nil
}
