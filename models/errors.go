package models

import (
	"fmt"
	"sort"
	"strings"
)

// ValidationError reports input that cannot be saved, with one refusal per
// field. Field names are paths such as "section_id" or
// "translations.fa.title". The write path is the one place these rules live:
// the admin translates each refusal's message id and shows it beside its
// field, and Error gives the English for logs and the command line.
type ValidationError struct {
	Fields map[string]FieldError
}

// FieldError is why one field was refused: ID is a message id of the admin's
// catalogues (validation.too_long), Args fills its {placeholders}
// ({"max": 300}).
type FieldError struct {
	ID   string
	Args map[string]any
}

// ArgPairs returns Args as name, value pairs in name order, the form the
// admin's translator takes.
func (f FieldError) ArgPairs() []any {
	names := make([]string, 0, len(f.Args))
	for k := range f.Args {
		names = append(names, k)
	}
	sort.Strings(names)
	pairs := make([]any, 0, 2*len(names))
	for _, k := range names {
		pairs = append(pairs, k, f.Args[k])
	}
	return pairs
}

// English is the refusal in English, for logs, the command line and tests.
func (f FieldError) English() string {
	msg, ok := englishMessages[f.ID]
	if !ok {
		msg = f.ID
	}
	pairs := make([]string, 0, 2*len(f.Args))
	for k, v := range f.Args {
		pairs = append(pairs, "{"+k+"}", fmt.Sprint(v))
	}
	return strings.NewReplacer(pairs...).Replace(msg)
}

func (e *ValidationError) Error() string {
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + e.Fields[k].English()
	}
	return "invalid input: " + strings.Join(parts, "; ")
}

// refuse is a ValidationError for a single field.
func refuse(field, id string, args ...any) *ValidationError {
	v := validation{}
	v.add(field, id, args...)
	return &ValidationError{Fields: v}
}

// validation collects field refusals while input is checked; the first
// refusal of a field wins.
type validation map[string]FieldError

// add refuses field with message id; args are name, value pairs.
func (v validation) add(field, id string, args ...any) {
	if _, ok := v[field]; ok {
		return
	}
	fe := FieldError{ID: id}
	if len(args) > 0 {
		fe.Args = map[string]any{}
		for i := 0; i+1 < len(args); i += 2 {
			fe.Args[fmt.Sprint(args[i])] = args[i+1]
		}
	}
	v[field] = fe
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
