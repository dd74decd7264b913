package admin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"github.com/payvand/payvand/internal/wpimport"
	"github.com/payvand/payvand/internal/wxr"
	"github.com/payvand/payvand/models"
)

// importBeat is how often a running import writes its progress (when it
// moved) and, at the latest every importHeartbeat, its heartbeat, well
// within models.ImportStaleAfter, so a live run never looks interrupted.
const (
	importBeat      = time.Second
	importHeartbeat = 15 * time.Second
)

// importRunner runs the admin's imports in the background of the instance
// that took the upload. Their state lives in the database (import_runs),
// so every instance shows them; this process only holds the goroutines,
// which Close stops, recording their runs as interrupted: the import is
// safe to run again.
type importRunner struct {
	store *models.Store
	log   *slog.Logger
	// dir is where uploaded exports wait for their run, under the data
	// folder; maxBytes bounds an upload.
	dir      string
	maxBytes int64
	ctx      context.Context
	stop     context.CancelFunc
	running  sync.WaitGroup
	// importFn is the import itself: wpimport.Run, but for tests.
	importFn func(context.Context, *models.Store, func() (io.ReadCloser, error), wpimport.Options) (*wpimport.Report, error)
}

// defaultMaxImport is the upload limit when Options give none.
const defaultMaxImport = 1 << 30

func newImportRunner(store *models.Store, log *slog.Logger, dir string, maxBytes int64) *importRunner {
	if maxBytes <= 0 {
		maxBytes = defaultMaxImport
	}
	if dir == "" {
		dir = os.TempDir()
	}
	ctx, stop := context.WithCancel(context.Background())
	return &importRunner{store: store, log: log, dir: dir, maxBytes: maxBytes, ctx: ctx, stop: stop, importFn: wpimport.Run}
}

// close stops the running imports and waits until each has recorded how
// it ended.
func (r *importRunner) close() {
	r.stop()
	r.running.Wait()
}

// start runs run's import of the export at path in the background, and
// removes the file when it ends.
func (r *importRunner) start(run *models.ImportRun, path string, opts wpimport.Options) {
	path = r.claim(path, run.ID)
	r.running.Add(1)
	go func() {
		defer r.running.Done()
		defer os.Remove(path)
		r.run(run.ID, path, opts)
	}()
}

// run imports and records progress while it goes, then the outcome.
func (r *importRunner) run(id uint, path string, opts wpimport.Options) {
	var mu sync.Mutex
	var progress models.ImportProgress
	opts.Progress = func(done, total int) {
		mu.Lock()
		progress.PostsDone, progress.PostsTotal = done, total
		mu.Unlock()
	}
	opts.MediaProgress = func(done, total int) {
		mu.Lock()
		progress.PicturesDone, progress.PicturesTotal = done, total
		mu.Unlock()
	}
	snapshot := func() models.ImportProgress {
		mu.Lock()
		defer mu.Unlock()
		return progress
	}
	ctx, cancel := context.WithCancel(r.ctx)
	defer cancel()
	beats := make(chan struct{})
	go func() {
		defer close(beats)
		r.beat(ctx, cancel, id, snapshot)
	}()
	r.log.Info("import started", "run", id, "dry_run", opts.DryRun)
	open := func() (io.ReadCloser, error) { return os.Open(path) }
	report, err := r.importSafely(ctx, id, open, opts)
	cancel()
	<-beats
	r.finish(id, report, err, snapshot())
}

// importSafely runs the import, a panic in it made the run's failure: the
// export is an uploaded file, and a panic in this goroutine of its own
// would end the whole server, every request with it, and leave the run
// looking alive until its heartbeat went stale.
func (r *importRunner) importSafely(ctx context.Context, id uint, open func() (io.ReadCloser, error), opts wpimport.Options) (report *wpimport.Report, err error) {
	defer func() {
		if p := recover(); p != nil {
			r.log.Error("import panicked", "run", id, "panic", p, "stack", string(debug.Stack()))
			report, err = nil, fmt.Errorf("import panicked: %v", p)
		}
	}()
	return r.importFn(ctx, r.store, open, opts)
}

// beat writes the run's progress every importBeat while it moved, and its
// heartbeat at least every importHeartbeat, until ctx ends. When the row
// says the run is no longer running (another instance recorded it as
// interrupted after a long stall) the import is stopped: another run may
// already be going.
func (r *importRunner) beat(ctx context.Context, cancel context.CancelFunc, id uint, snapshot func() models.ImportProgress) {
	tick := time.NewTicker(importBeat)
	defer tick.Stop()
	var written models.ImportProgress
	var writtenAt time.Time
	for {
		if p := snapshot(); p != written || time.Since(writtenAt) >= importHeartbeat {
			err := r.store.UpdateImportProgress(ctx, id, p)
			switch {
			case errors.Is(err, models.ErrNotFound):
				r.log.Warn("import stopped: its run was recorded as interrupted meanwhile", "run", id)
				cancel()
				return
			case err != nil && ctx.Err() == nil:
				r.log.Warn("record import progress", "run", id, "err", err)
			case err == nil:
				written, writtenAt = p, time.Now()
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// finish records how the run ended: done, interrupted (this instance is
// shutting down) or failed, with the report as far as it got.
func (r *importRunner) finish(id uint, report *wpimport.Report, err error, progress models.ImportProgress) {
	end := models.ImportRunEnd{State: models.ImportDone, Progress: progress}
	var syntax *wxr.SyntaxError
	switch {
	case err == nil:
	case errors.Is(err, context.Canceled):
		end.State = models.ImportInterrupted
	case errors.As(err, &syntax), errors.Is(err, wxr.ErrNotWXR):
		// The file's own mistake, with its line: the admin can act on it.
		end.State, end.Error = models.ImportFailed, err.Error()
	default:
		end.State = models.ImportFailed
		r.log.Error("import failed", "run", id, "err", err)
	}
	if report != nil {
		b, _ := json.Marshal(report) // a Report always encodes
		end.Report = string(b)
	}
	// Recorded even while shutting down: the store closes after Close.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if ferr := r.store.FinishImportRun(ctx, id, end); ferr != nil {
		r.log.Error("record the end of an import", "run", id, "state", end.State, "err", ferr)
		return
	}
	r.log.Info("import ended", "run", id, "state", end.State)
}
