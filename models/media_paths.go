package models

import (
	"context"
	"fmt"
)

// ListMediaPaths returns every file path a media row refers to: originals
// and generated sizes. The start-up sweep removes the files no row names,
// left by uploads whose row was never written (see media.RemoveOrphans).
func (s *Store) ListMediaPaths(ctx context.Context) (map[string]bool, error) {
	var paths []string
	err := s.reader(ctx).Raw("SELECT path FROM media UNION SELECT path FROM media_variants").Scan(&paths).Error
	if err != nil {
		return nil, fmt.Errorf("list media paths: %w", err)
	}
	set := make(map[string]bool, len(paths))
	for _, p := range paths {
		set[p] = true
	}
	return set, nil
}

// MediaPathsInUse returns which of paths a media row refers to.
func (s *Store) MediaPathsInUse(ctx context.Context, paths []string) (map[string]bool, error) {
	used := map[string]bool{}
	if len(paths) == 0 {
		return used, nil
	}
	var found []string
	err := s.reader(ctx).Raw("SELECT path FROM media WHERE path IN ? UNION SELECT path FROM media_variants WHERE path IN ?", paths, paths).
		Scan(&found).Error
	if err != nil {
		return nil, fmt.Errorf("find media paths: %w", err)
	}
	for _, p := range found {
		used[p] = true
	}
	return used, nil
}
