package admin

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/payvand/payvand/internal/recordid"
	"github.com/payvand/payvand/models"
)

// The imports folder's files: an upload arriving is upload-*.xml; once
// its run is recorded it becomes run-<id>.xml, removed when the run ends.
// A process that dies mid-run or mid-upload leaves its file behind, and an
// export may be a gigabyte: sweepImports, run before each new upload,
// removes the files of runs no longer going and uploads older than
// staleUploadAge.
const staleUploadAge = 24 * time.Hour

// runFileName is where run id's export waits.
func runFileName(id uint) string { return "run-" + strconv.FormatUint(uint64(id), 10) + ".xml" }

// claim renames an arrived upload to its run's name, so a sweep knows
// whose it is; the path to read from is returned either way.
func (r *importRunner) claim(path string, id uint) string {
	named := filepath.Join(r.dir, runFileName(id))
	if err := os.Rename(path, named); err != nil {
		r.log.Warn("name an import's file after its run", "run", id, "err", err)
		return path
	}
	return named
}

// sweep removes the leftovers of runs and uploads that ended without
// removing their file.
func (r *importRunner) sweep(ctx context.Context) {
	entries, err := os.ReadDir(r.dir)
	if err != nil {
		return // no folder yet: nothing left over
	}
	for _, e := range entries {
		if !r.leftover(ctx, e) {
			continue
		}
		if err := os.Remove(filepath.Join(r.dir, e.Name())); err == nil {
			r.log.Info("removed the file of an import that ended without removing it", "file", e.Name())
		}
	}
}

// leftover tells whether e belongs to no run or upload still going.
func (r *importRunner) leftover(ctx context.Context, e os.DirEntry) bool {
	name := e.Name()
	if rest, ok := strings.CutPrefix(name, "run-"); ok {
		id, ok := recordid.Parse(strings.TrimSuffix(rest, ".xml"))
		if !ok {
			return false
		}
		run, err := r.store.FindImportRun(ctx, id)
		if errors.Is(err, models.ErrNotFound) {
			return true
		}
		if err != nil {
			return false
		}
		state := run.ShownState(r.store.Now())
		return state != models.ImportQueued && state != models.ImportRunning
	}
	if strings.HasPrefix(name, "upload-") {
		info, err := e.Info()
		return err == nil && time.Since(info.ModTime()) > staleUploadAge
	}
	return false
}
