package models

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// valueKind is what a column holds, whatever the engine calls it: the copy
// turns each value read from the source into the Go type the target's
// driver writes for that kind, so times, flags, JSON and bytes land as the
// target's own store would have written them.
type valueKind int

const (
	kindInt valueKind = iota
	kindText
	kindBool
	kindTime
	kindBytes
)

// columnKind maps a declared column type to its kind. Types the schema
// does not use are refused rather than guessed.
func columnKind(engine Engine, declared string) (valueKind, error) {
	t := strings.ToUpper(strings.TrimSpace(declared))
	if engine == Postgres {
		switch t {
		case "BIGINT", "INTEGER", "SMALLINT":
			return kindInt, nil
		case "TEXT", "CHARACTER VARYING", "CHARACTER", "JSON", "JSONB":
			return kindText, nil
		case "BOOLEAN":
			return kindBool, nil
		case "TIMESTAMP WITH TIME ZONE", "TIMESTAMP WITHOUT TIME ZONE":
			return kindTime, nil
		case "BYTEA":
			return kindBytes, nil
		}
	} else {
		switch t {
		case "INTEGER", "BIGINT", "INT":
			return kindInt, nil
		case "TEXT", "JSON":
			return kindText, nil
		case "BOOLEAN":
			return kindBool, nil
		case "DATETIME", "TIMESTAMP":
			return kindTime, nil
		case "BLOB":
			return kindBytes, nil
		}
	}
	return 0, fmt.Errorf("type %q is not one the copy knows how to move", declared)
}

// copyValue converts v, as a source driver returned it, to kind.
func copyValue(v any, kind valueKind) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch kind {
	case kindInt:
		switch x := v.(type) {
		case int64:
			return x, nil
		case int32:
			return int64(x), nil
		case bool:
			if x {
				return int64(1), nil
			}
			return int64(0), nil
		case string:
			return strconv.ParseInt(x, 10, 64)
		case []byte:
			return strconv.ParseInt(string(x), 10, 64)
		}
	case kindText:
		switch x := v.(type) {
		case string:
			return x, nil
		case []byte:
			// The store writes event and delivery bodies (json.RawMessage)
			// as bytes: SQLite keeps them as a BLOB in their TEXT column and
			// reads them back only as bytes, PostgreSQL's JSON column gives
			// them as bytes. Bytes stay bytes, so both read them back.
			return x, nil
		}
	case kindBool:
		switch x := v.(type) {
		case bool:
			return x, nil
		case int64:
			return x != 0, nil
		case string:
			return strconv.ParseBool(x)
		}
	case kindTime:
		switch x := v.(type) {
		case time.Time:
			// Both stores keep UTC; SQLite compares times as the text it
			// holds, so every copied time is written in the one zone.
			return x.UTC(), nil
		case string:
			return parseSQLiteTime(x)
		}
	case kindBytes:
		switch x := v.(type) {
		case []byte:
			return x, nil
		case string:
			return []byte(x), nil
		}
	}
	return nil, fmt.Errorf("cannot copy a %T into a column of kind %d", v, kind)
}

// parseSQLiteTime reads a time SQLite holds as text in a column the driver
// did not parse.
func parseSQLiteTime(s string) (time.Time, error) {
	s = strings.TrimSuffix(s, "Z")
	for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", "2006-01-02T15:04:05.999999999-07:00", "2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999"} {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a time", s)
}
