package models

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

func TestImportRunsOneAtATime(t *testing.T) {
	s, clk := newTestStore(t)
	ctx := context.Background()
	admin, err := s.CreateUser(ctx, UserInput{Email: "admin@example.com", DisplayName: "Мудир", Role: RoleAdmin, Password: "long enough"})
	must(t, err)
	in := ImportRunInput{StartedBy: admin.ID, FileName: "сайт.xml", Options: `{"dry_run":true}`}

	first, err := s.StartImportRun(ctx, in)
	must(t, err)
	if first.State != ImportQueued {
		t.Fatalf("a new run is %q, want queued", first.State)
	}
	if _, err := s.StartImportRun(ctx, in); !errors.Is(err, ErrImportRunning) {
		t.Fatalf("a second run while one is queued: %v, want ErrImportRunning", err)
	}
	active, err := s.FindActiveImportRun(ctx)
	must(t, err)
	if active.ID != first.ID || active.Starter == nil || active.Starter.DisplayName != "Мудир" {
		t.Fatalf("active run = %+v, want run %d started by Мудир", active, first.ID)
	}

	// The run beats while it works: still active a while later.
	clk.t = clk.t.Add(ImportStaleAfter)
	must(t, s.UpdateImportProgress(ctx, first.ID, ImportProgress{PostsDone: 3, PostsTotal: 10}))
	clk.t = clk.t.Add(ImportStaleAfter)
	if _, err := s.StartImportRun(ctx, in); !errors.Is(err, ErrImportRunning) {
		t.Fatalf("a second run while one beats: %v, want ErrImportRunning", err)
	}
	run, err := s.FindImportRun(ctx, first.ID)
	must(t, err)
	if run.State != ImportRunning || run.PostsDone != 3 || run.PostsTotal != 10 || run.ShownState(s.Now()) != ImportRunning {
		t.Fatalf("run after progress = %+v", run)
	}

	// Its instance dies: no heartbeat, so it shows as interrupted and the
	// next run may start.
	clk.t = clk.t.Add(time.Second)
	if got := run.ShownState(s.Now()); got != ImportInterrupted {
		t.Fatalf("a run without a heartbeat for longer than %v shows as %q, want interrupted", ImportStaleAfter, got)
	}
	if _, err := s.FindActiveImportRun(ctx); !errors.Is(err, ErrNotFound) {
		t.Fatalf("active run after its instance died: %v, want ErrNotFound", err)
	}
	second, err := s.StartImportRun(ctx, in)
	must(t, err)
	run, err = s.FindImportRun(ctx, first.ID)
	must(t, err)
	if run.State != ImportInterrupted || run.FinishedAt == nil {
		t.Fatalf("the dead run after a new start = %+v, want recorded as interrupted", run)
	}
	// The dead instance's late write does not revive it.
	if err := s.UpdateImportProgress(ctx, first.ID, ImportProgress{PostsDone: 4}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("progress of an interrupted run: %v, want ErrNotFound", err)
	}

	must(t, s.FinishImportRun(ctx, second.ID, ImportRunEnd{State: ImportDone, Report: `{"joined":1}`, Progress: ImportProgress{PostsDone: 2, PostsTotal: 2}}))
	done, err := s.FindImportRun(ctx, second.ID)
	must(t, err)
	if done.State != ImportDone || done.PostsDone != 2 || done.Report != `{"joined":1}` || done.FinishedAt == nil {
		t.Fatalf("finished run = %+v", done)
	}
	if _, err := s.StartImportRun(ctx, in); err != nil {
		t.Fatalf("a run after the last finished: %v", err)
	}
	runs, err := s.ListImportRuns(ctx, 10)
	must(t, err)
	if len(runs) != 3 || runs[0].ID <= runs[1].ID || runs[0].FileName != "сайт.xml" {
		t.Fatalf("runs = %+v, want three, newest first", runs)
	}
	if _, err := s.FindImportRun(ctx, 9999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown run: %v, want ErrNotFound", err)
	}
}

// Two instances taking an upload at the same moment start one run.
func TestImportRunsStartedTogetherStartOne(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	admin, err := s.CreateUser(ctx, UserInput{Email: "admin@example.com", Role: RoleAdmin, Password: "long enough"})
	must(t, err)
	const n = 6
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = s.StartImportRun(ctx, ImportRunInput{StartedBy: admin.ID, FileName: "export.xml"})
		}()
	}
	wg.Wait()
	started := 0
	for _, err := range errs {
		switch {
		case err == nil:
			started++
		case !errors.Is(err, ErrImportRunning):
			t.Errorf("start: %v", err)
		}
	}
	if started != 1 {
		t.Fatalf("%d runs started together, want 1", started)
	}
}
