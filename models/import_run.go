package models

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// States of an ImportRun.
const (
	ImportQueued      = "queued"
	ImportRunning     = "running"
	ImportDone        = "done"
	ImportFailed      = "failed"
	ImportInterrupted = "interrupted"
)

// ImportStaleAfter is how long a queued or running import lasts without a
// heartbeat before it counts as interrupted: its instance died or was cut
// off. The running instance beats far more often (see admin's importer).
const ImportStaleAfter = 2 * time.Minute

// ErrImportRunning refuses a second import while one runs.
var ErrImportRunning = errors.New("an import is already running")

// ImportRun is one import started from the admin (see
// migrations/0030_import_runs.sql).
type ImportRun struct {
	ID        uint
	StartedBy uint
	// Starter is the user who started it, for the page's "by".
	Starter  *User `gorm:"foreignKey:StartedBy"`
	FileName string
	// Options is the form's choices as JSON; Report wpimport's report as
	// JSON once the run ended with one.
	Options       string
	State         string
	PostsDone     int
	PostsTotal    int
	PicturesDone  int
	PicturesTotal int
	Report        string
	Error         string
	StartedAt     time.Time
	FinishedAt    *time.Time
	HeartbeatAt   time.Time
}

// Active reports whether the run is queued or running by its row, whether
// or not its instance still beats.
func (r *ImportRun) Active() bool { return r.State == ImportQueued || r.State == ImportRunning }

// ShownState is the run's state as of now: a queued or running run
// without a heartbeat for ImportStaleAfter is interrupted, as its instance
// is gone.
func (r *ImportRun) ShownState(now time.Time) string {
	if r.Active() && now.Sub(r.HeartbeatAt) > ImportStaleAfter {
		return ImportInterrupted
	}
	return r.State
}

// ImportRunInput is what starting a run records.
type ImportRunInput struct {
	StartedBy uint
	FileName  string
	Options   string
}

// ImportProgress is how far a run has come.
type ImportProgress struct {
	PostsDone, PostsTotal, PicturesDone, PicturesTotal int
}

// StartImportRun records a new queued run, unless another is queued or
// running with a recent heartbeat (ErrImportRunning). A run whose instance
// stopped beating is recorded as interrupted first, so it never blocks the
// next one. The check and the insert share the write lock, so two
// instances taking an upload at once start one run between them; the
// partial unique index says the same in the schema.
func (s *Store) StartImportRun(ctx context.Context, in ImportRunInput) (*ImportRun, error) {
	now := s.now().UTC()
	run := ImportRun{StartedBy: in.StartedBy, FileName: in.FileName, Options: in.Options, State: ImportQueued, StartedAt: now, HeartbeatAt: now}
	if run.Options == "" {
		run.Options = "{}"
	}
	err := s.countersTx(ctx, func(tx *gorm.DB) error {
		err := tx.Model(&ImportRun{}).Where("state IN ? AND heartbeat_at < ?", []string{ImportQueued, ImportRunning}, now.Add(-ImportStaleAfter)).
			Updates(map[string]any{"state": ImportInterrupted, "finished_at": now}).Error
		if err != nil {
			return fmt.Errorf("mark stale imports interrupted: %w", err)
		}
		var active int64
		if err := tx.Model(&ImportRun{}).Where("state IN ?", []string{ImportQueued, ImportRunning}).Count(&active).Error; err != nil {
			return fmt.Errorf("look for a running import: %w", err)
		}
		if active > 0 {
			return ErrImportRunning
		}
		run.ID = 0 // a rerun of the transaction inserts afresh
		if err := tx.Create(&run).Error; err != nil {
			return fmt.Errorf("record import run: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &run, nil
}

// FindImportRun returns the run id, with who started it.
func (s *Store) FindImportRun(ctx context.Context, id uint) (*ImportRun, error) {
	var run ImportRun
	err := s.reader(ctx).Preload("Starter").Take(&run, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("find import run %d: %w", id, err)
	}
	return &run, nil
}

// FindActiveImportRun returns the queued or running run whose instance
// still beats; ErrNotFound when there is none, so a new one may start.
func (s *Store) FindActiveImportRun(ctx context.Context) (*ImportRun, error) {
	var run ImportRun
	err := s.reader(ctx).Preload("Starter").
		Where("state IN ? AND heartbeat_at >= ?", []string{ImportQueued, ImportRunning}, s.now().UTC().Add(-ImportStaleAfter)).
		Take(&run).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("find the running import: %w", err)
	}
	return &run, nil
}

// ListImportRuns returns the latest runs, newest first, at most limit.
func (s *Store) ListImportRuns(ctx context.Context, limit int) ([]ImportRun, error) {
	var runs []ImportRun
	err := s.reader(ctx).Preload("Starter").Order("started_at DESC, id DESC").Limit(limit).Find(&runs).Error
	if err != nil {
		return nil, fmt.Errorf("list import runs: %w", err)
	}
	return runs, nil
}

// UpdateImportProgress records how far run id has come, marks it running
// and beats its heartbeat. A run no longer queued or running (recorded as
// interrupted by another instance meanwhile) is left as it is: ErrNotFound
// tells the runner so.
func (s *Store) UpdateImportProgress(ctx context.Context, id uint, p ImportProgress) error {
	return s.updateActiveRun(ctx, id, map[string]any{
		"state": ImportRunning, "heartbeat_at": s.now().UTC(),
		"posts_done": p.PostsDone, "posts_total": p.PostsTotal, "pictures_done": p.PicturesDone, "pictures_total": p.PicturesTotal,
	})
}

// ImportRunEnd is how a run ended: State done, failed or interrupted,
// wpimport's Report as JSON ("" when there is none), for a failure the
// Error to show, and the progress it had made.
type ImportRunEnd struct {
	State, Report, Error string
	Progress             ImportProgress
}

// FinishImportRun records how run id ended.
func (s *Store) FinishImportRun(ctx context.Context, id uint, end ImportRunEnd) error {
	now := s.now().UTC()
	p := end.Progress
	return s.updateActiveRun(ctx, id, map[string]any{
		"state": end.State, "report": end.Report, "error": end.Error, "heartbeat_at": now, "finished_at": now,
		"posts_done": p.PostsDone, "posts_total": p.PostsTotal, "pictures_done": p.PicturesDone, "pictures_total": p.PicturesTotal,
	})
}

// updateActiveRun writes fields into run id while it is queued or running.
func (s *Store) updateActiveRun(ctx context.Context, id uint, fields map[string]any) error {
	return s.countersTx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&ImportRun{}).Where("id = ? AND state IN ?", id, []string{ImportQueued, ImportRunning}).Updates(fields)
		if res.Error != nil {
			return fmt.Errorf("update import run %d: %w", id, res.Error)
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("import run %d is no longer running: %w", id, ErrNotFound)
		}
		return nil
	})
}
