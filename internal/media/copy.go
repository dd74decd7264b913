package media

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
)

// CopyProgress is how far Copy has come, for a progress bar: files and
// bytes done (copied or found already there) out of the source's total.
type CopyProgress struct {
	Files, TotalFiles int
	Bytes, TotalBytes int64
	// Copied counts the files actually written, the rest of Files were
	// already in the destination.
	Copied int
}

// Copy puts every file of from into to, skipping those to already holds
// with the same size: files are named by the hash of their content, so a
// file of the same name and size is the same file. A copy that was stopped
// therefore resumes where it stopped when run again. progress, if not nil,
// is called after each file. Files deleted from from meanwhile are
// skipped; the destination's other files are left alone.
func Copy(ctx context.Context, from, to Store, progress func(CopyProgress)) (CopyProgress, error) {
	have := map[string]int64{}
	if err := to.List(ctx, func(e Entry) error { have[e.Path] = e.Size; return nil }); err != nil {
		return CopyProgress{}, fmt.Errorf("media: copy: list the destination: %w", err)
	}
	var files []Entry
	var p CopyProgress
	if err := from.List(ctx, func(e Entry) error {
		files = append(files, e)
		p.TotalBytes += e.Size
		return nil
	}); err != nil {
		return CopyProgress{}, fmt.Errorf("media: copy: list the source: %w", err)
	}
	p.TotalFiles = len(files)
	for _, e := range files {
		if size, ok := have[e.Path]; !ok || size != e.Size {
			copied, err := copyFile(ctx, from, to, e.Path)
			if err != nil {
				return p, err
			}
			if copied {
				p.Copied++
			}
		}
		p.Files++
		p.Bytes += e.Size
		if progress != nil {
			progress(p)
		}
	}
	return p, nil
}

// copyFile copies one file; false when it has gone from the source.
func copyFile(ctx context.Context, from, to Store, path string) (bool, error) {
	f, err := from.Open(ctx, path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("media: copy %s: %w", path, err)
	}
	defer f.Close()
	// Put is all or nothing in both stores, so a copy stopped here leaves
	// no half file for the next run to take as done.
	if err := to.Put(ctx, path, f); err != nil {
		return false, fmt.Errorf("media: copy %s: %w", path, err)
	}
	return true, nil
}
