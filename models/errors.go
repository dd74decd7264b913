package models

import (
	"fmt"
	"sort"
	"strings"
)

// ValidationError reports input that cannot be saved, with a message per
// field so the admin can show each one beside its field. Field names are
// paths such as "section_id" or "translations.fa.title".
type ValidationError struct {
	Fields map[string]string
}

func (e *ValidationError) Error() string {
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + e.Fields[k]
	}
	return "invalid input: " + strings.Join(parts, "; ")
}

// validation collects field messages while input is checked.
type validation map[string]string

func (v validation) add(field, format string, args ...any) {
	if _, ok := v[field]; !ok {
		v[field] = fmt.Sprintf(format, args...)
	}
}

func (v validation) err() error {
	if len(v) == 0 {
		return nil
	}
	return &ValidationError{Fields: v}
}

// ConflictError says which part of a record someone else saved first and
// which version it now has. It matches ErrConflict with errors.Is.
type ConflictError struct {
	// Part is "shared" for an article's shared fields, a locale code for a
	// translation, or the record kind for single-version records.
	Part    string
	Current int
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("%s: %s (now at version %d)", ErrConflict, e.Part, e.Current)
}

// Is makes errors.Is(err, ErrConflict) true.
func (e *ConflictError) Is(target error) bool { return target == ErrConflict }
