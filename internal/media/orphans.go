package media

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// Paths lists the files of the result: its variants and crops, then the
// original.
func (r *Result) Paths() []string {
	paths := make([]string, 0, len(r.Variants)+len(r.Crops)+1)
	for _, v := range slices.Concat(r.Variants, r.Crops) {
		paths = append(paths, v.Path)
	}
	return append(paths, r.Path)
}

// RemoveOrphans deletes the files in store that inUse does not claim and
// that were last changed before olderThan, and returns their paths. Files
// are written before their database row, so a row that was never written
// (a full disk, a crash) leaves files nothing refers to; the age spares
// uploads still on their way to their row. A file store's leftover
// temporary files of interrupted writes go too.
func RemoveOrphans(ctx context.Context, store Store, inUse func(path string) bool, olderThan time.Time) ([]string, error) {
	var orphans []string
	err := store.List(ctx, func(e Entry) error {
		if !inUse(e.Path) && e.ModTime.Before(olderThan) {
			orphans = append(orphans, e.Path)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("media: remove orphans: %w", err)
	}
	// Deleting after listing, not during, keeps an S3 listing's pages
	// stable and a directory walk from meeting what it removed.
	var removed []string
	for _, p := range orphans {
		if err := store.Delete(ctx, p); err != nil {
			return removed, fmt.Errorf("media: remove orphans: %w", err)
		}
		removed = append(removed, p)
	}
	if t, ok := store.(interface {
		removeStaleTemps(context.Context, time.Time) ([]string, error)
	}); ok {
		temps, err := t.removeStaleTemps(ctx, olderThan)
		removed = append(removed, temps...)
		if err != nil {
			return removed, fmt.Errorf("media: remove orphans: %w", err)
		}
	}
	return removed, nil
}
