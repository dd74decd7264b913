package models

import (
	"errors"
	"fmt"
	"strings"
	"syscall"

	"github.com/mattn/go-sqlite3"

	"github.com/payvand/payvand/internal/writehealth"
)

// ErrWriteFailed means the storage refused a write (a full disk or
// database, an I/O error): nothing was saved, through no fault of the
// input. Callers test for it with errors.Is and say so to the user; the
// write may succeed once an operator frees space.
var ErrWriteFailed = errors.New("the storage refused the write")

// Reasons a write failed, as /healthz and the logs word them.
const (
	ReasonFull     = "database or disk is full"
	ReasonIO       = "disk I/O error"
	ReasonReadOnly = "database is read-only"
)

// WriteError is a write the storage refused. It matches ErrWriteFailed with
// errors.Is and unwraps to the driver's error.
type WriteError struct {
	Reason string
	Err    error
}

func (e *WriteError) Error() string { return fmt.Sprintf("write failed (%s): %v", e.Reason, e.Err) }

// Unwrap gives the driver's error.
func (e *WriteError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrWriteFailed) true.
func (e *WriteError) Is(target error) bool { return target == ErrWriteFailed }

// Full reports whether the disk or the database ran out of room.
func (e *WriteError) Full() bool { return e.Reason == ReasonFull }

// IsStorageFull reports whether err is a write refused because the disk or
// the database is full.
func IsStorageFull(err error) bool {
	var we *WriteError
	return errors.As(err, &we) && we.Full()
}

// ClassifyWriteError names the storage failure behind err: "" when err is
// nil or the input's fault (a conflict, a refused value, a missing row),
// which says nothing about the storage. Files written beside the database
// (uploads) fail with ENOSPC, the database with SQLITE_FULL or, when the
// WAL cannot grow, an SQLITE_IOERR.
func ClassifyWriteError(err error) string {
	if err == nil {
		return ""
	}
	var we *WriteError
	if errors.As(err, &we) {
		return we.Reason
	}
	var sqlErr sqlite3.Error
	if errors.As(err, &sqlErr) {
		switch sqlErr.Code {
		case sqlite3.ErrFull:
			return ReasonFull
		case sqlite3.ErrIoErr:
			if errors.Is(sqlErr.SystemErrno, syscall.ENOSPC) || errors.Is(sqlErr.SystemErrno, syscall.EDQUOT) {
				return ReasonFull
			}
			return ReasonIO
		case sqlite3.ErrReadonly:
			return ReasonReadOnly
		}
		return ""
	}
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return ReasonFull
	case errors.Is(err, syscall.EIO):
		return ReasonIO
	case errors.Is(err, syscall.EROFS):
		return ReasonReadOnly
	}
	// Some layers flatten the driver's error to its text.
	if strings.Contains(err.Error(), "database or disk is full") {
		return ReasonFull
	}
	return ""
}

// WriteHealth reports whether writes are failing now (see
// internal/writehealth).
func (s *Store) WriteHealth() writehealth.State { return s.health.State() }

// ReportWrite records the outcome of a write made outside the database, such
// as an uploaded file, and returns err as a *WriteError when the storage
// refused it.
func (s *Store) ReportWrite(err error) error { return s.track(err) }

// track records a write attempt's outcome in the write health and wraps a
// storage failure in a *WriteError. Every write to the database passes its
// result through here, writeTx included.
func (s *Store) track(err error) error {
	if err == nil {
		s.health.Succeeded()
		return nil
	}
	reason := ClassifyWriteError(err)
	if reason == "" {
		return err
	}
	s.health.Failed(reason)
	var we *WriteError
	if errors.As(err, &we) {
		return err
	}
	return &WriteError{Reason: reason, Err: err}
}
