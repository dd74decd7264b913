package media

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// List walks the store's directory. Hidden files are the temporary files
// of writes in progress (or interrupted), not stored files, so List leaves
// them out; RemoveOrphans clears the stale ones through removeStaleTemps.
func (s *FSStore) List(ctx context.Context, fn func(Entry) error) error {
	return s.walk(ctx, func(rel string, info fs.FileInfo) error {
		if !ValidPath(rel) {
			return nil
		}
		return fn(Entry{Path: rel, Size: info.Size(), ModTime: info.ModTime()})
	})
}

// removeStaleTemps deletes the temporary files Put left behind when the
// process died between creating and renaming one, if older than
// olderThan (younger ones may be a Put in progress).
func (s *FSStore) removeStaleTemps(ctx context.Context, olderThan time.Time) ([]string, error) {
	var removed []string
	err := s.walk(ctx, func(rel string, info fs.FileInfo) error {
		if !strings.HasPrefix(filepath.Base(rel), ".tmp-") || !info.ModTime().Before(olderThan) {
			return nil
		}
		if err := os.Remove(filepath.Join(s.dir, filepath.FromSlash(rel))); err != nil && !os.IsNotExist(err) {
			return err
		}
		removed = append(removed, rel)
		return nil
	})
	return removed, err
}

// walk calls fn with the slash-separated relative path and the details of
// every regular file under the store's directory. Symbolic links are not
// followed, as os.Root would not follow them out of the directory either.
func (s *FSStore) walk(ctx context.Context, fn func(rel string, info fs.FileInfo) error) error {
	return filepath.WalkDir(s.dir, func(full string, d fs.DirEntry, err error) error {
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
		info, err := d.Info()
		if err != nil {
			return nil // a file that vanished meanwhile is not an error
		}
		return fn(filepath.ToSlash(rel), info)
	})
}
