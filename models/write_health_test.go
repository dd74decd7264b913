package models

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
	"testing"

	"github.com/mattn/go-sqlite3"

	"github.com/payvand/payvand/internal/viewcount"
)

func TestClassifyWriteErrorNamesStorageFailuresOnly(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"success", nil, ""},
		{"sqlite full", sqlite3.Error{Code: sqlite3.ErrFull}, ReasonFull},
		{"sqlite full wrapped", fmt.Errorf("save article: %w", sqlite3.Error{Code: sqlite3.ErrFull}), ReasonFull},
		{"wal write without space", sqlite3.Error{Code: sqlite3.ErrIoErr, ExtendedCode: sqlite3.ErrIoErrWrite, SystemErrno: syscall.ENOSPC}, ReasonFull},
		{"other io error", sqlite3.Error{Code: sqlite3.ErrIoErr, ExtendedCode: sqlite3.ErrIoErrFsync}, ReasonIO},
		{"read-only database", sqlite3.Error{Code: sqlite3.ErrReadonly}, ReasonReadOnly},
		{"file without space", &fs.PathError{Op: "write", Path: "data/media/x.jpg", Err: syscall.ENOSPC}, ReasonFull},
		{"quota", &fs.PathError{Op: "write", Path: "x", Err: syscall.EDQUOT}, ReasonFull},
		{"flattened text", errors.New("commit: database or disk is full"), ReasonFull},
		{"already classified", &WriteError{Reason: ReasonIO, Err: errors.New("x")}, ReasonIO},
		{"busy is not storage", sqlite3.Error{Code: sqlite3.ErrBusy}, ""},
		{"constraint is the input's", sqlite3.Error{Code: sqlite3.ErrConstraint}, ""},
		{"conflict", &ConflictError{Part: "fa", Current: 2}, ""},
		{"not found", ErrNotFound, ""},
		{"validation", &ValidationError{Fields: map[string]FieldError{"title": {ID: "validation.required"}}}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := ClassifyWriteError(tc.err); got != tc.want {
				t.Fatalf("ClassifyWriteError(%v) = %q, want %q", tc.err, got, tc.want)
			}
		})
	}
}

func TestTrackRemembersStorageFailuresAndWrapsThem(t *testing.T) {
	s, _ := newTestStore(t)
	if err := s.track(&ValidationError{Fields: map[string]FieldError{"x": {ID: "validation.required"}}}); errors.Is(err, ErrWriteFailed) || s.WriteHealth().Failing {
		t.Fatalf("a refused input counted as a storage failure: %v, %+v", err, s.WriteHealth())
	}
	err := s.track(fmt.Errorf("commit: %w", sqlite3.Error{Code: sqlite3.ErrFull}))
	if !errors.Is(err, ErrWriteFailed) || !IsStorageFull(err) {
		t.Fatalf("track(full) = %v, want a *WriteError that is full", err)
	}
	if h := s.WriteHealth(); !h.Failing || h.Check() != "failing: database or disk is full" {
		t.Fatalf("health after a full disk = %+v", h)
	}
	if err := s.AddViews(t.Context(), map[viewcount.Key]int64{{Article: 1}: 1}, s.Now()); err != nil {
		t.Fatal(err)
	}
	if h := s.WriteHealth(); h.Failing {
		t.Fatalf("health after a successful write = %+v, want ok", h)
	}
}
