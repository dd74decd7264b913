package models

import (
	"strings"
	"testing"
)

// A database URL in an error or a log line never shows its password,
// wherever the URL carries it.
func TestRedactURLHidesPasswords(t *testing.T) {
	for _, raw := range []string{
		"postgres://payvand:hunter2@db.example.tj:5432/site",
		"postgres://payvand:hun@ter2@db.example.tj/site",
		"postgres://payvand@db.example.tj/site?password=hunter2&sslmode=require",
		"postgresql://db.example.tj/site?sslmode=disable&password=hunter2",
		"mysql://payvand:hunter2@db/site",
	} {
		got := RedactDatabaseURL(raw)
		if strings.Contains(got, "hunter2") || strings.Contains(got, "ter2") {
			t.Errorf("RedactDatabaseURL(%q) = %q: shows the password", raw, got)
		}
		if !strings.Contains(got, "db") {
			t.Errorf("RedactDatabaseURL(%q) = %q: lost the host", raw, got)
		}
	}
	if got := RedactDatabaseURL("sqlite:data/payvand.db"); got != "sqlite:data/payvand.db" {
		t.Errorf("sqlite URL changed to %q", got)
	}
	if _, _, err := ParseDatabaseURL("mysql://u@db/x?password=hunter2", ""); err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("ParseDatabaseURL error %v: want an error without the password", err)
	}
}
