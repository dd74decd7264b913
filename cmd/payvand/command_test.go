package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestFlagsBeforeOrAfterArguments runs every command with its flags before
// and after its other arguments: both orders must mean the same.
func TestFlagsBeforeOrAfterArguments(t *testing.T) {
	site := newTestSite(t)
	if _, err := site.saveArticle(t.Context(), 1); err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	archive := filepath.Join(tmp, "site.tar.gz")
	if res := runCLI(t, "backup", archive, "--data", site.dir); res.code != 0 {
		t.Fatalf("backup: exit %d\n%s", res.code, res.stderr)
	}
	t.Setenv(userPasswordEnv, "a long enough password")
	unused := freeAddr(t)
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"backup, flags after", []string{"backup", filepath.Join(tmp, "a.tar.gz"), "--data", site.dir}, 0, "verified", ""},
		{"backup, flags before", []string{"backup", "--data", site.dir, filepath.Join(tmp, "b.tar.gz")}, 0, "verified", ""},
		{"backup, -flag=value after", []string{"backup", filepath.Join(tmp, "c"), "-data=" + site.dir, "--log-level", "warn"}, 0, "verified", ""},
		{"backup, two targets", []string{"backup", "x.tar.gz", "y.tar.gz", "--data", site.dir}, 2, "", `unexpected argument "y.tar.gz"`},
		{"backup, no database", []string{"backup", filepath.Join(tmp, "d.tar.gz"), "--data", filepath.Join(tmp, "nothing")}, 1, "", "there is no database at " + filepath.Join(tmp, "nothing", databaseName)},
		{"backup, no target", []string{"backup", "--data", site.dir}, 2, "", "needs one FILE.tar.gz or FOLDER"},
		{"restore, no such backup", []string{"restore", filepath.Join(tmp, "none.tar.gz"), "--data", filepath.Join(tmp, "r0")}, 1, "", "there is no backup at " + filepath.Join(tmp, "none.tar.gz")},
		{"restore, flags after", []string{"restore", archive, "--data", filepath.Join(tmp, "r1")}, 0, "Restored", ""},
		{"restore, flags before", []string{"restore", "--force", "--data", filepath.Join(tmp, "r1"), archive}, 0, "Restored", ""},
		{"restore, flags around", []string{"restore", "--data", filepath.Join(tmp, "r2"), archive, "--force"}, 0, "Restored", ""},
		{"restore, after --", []string{"restore", "--data", filepath.Join(tmp, "r3"), "--", archive}, 0, "Restored", ""},
		{"user create, flags after", []string{"user", "create", "--email", "a@example.com", "--role", "editor", "--data", site.dir}, 0, "Created user a@example.com", ""},
		{"user create, flags before", []string{"user", "--data", site.dir, "--role", "admin", "create", "--email", "b@example.com"}, 0, "Created user b@example.com", ""},
		{"healthcheck, flag after", []string{"healthcheck", "--addr", unused}, 1, "", "does not answer"},
		{"healthcheck, argument", []string{"healthcheck", "now", "--addr", unused}, 2, "", `unexpected argument "now"`},
		{"serve, argument before a flag", []string{"serve", "extra", "--data", site.dir}, 2, "", `unexpected argument "extra"`},
		{"serve, bad flag after", []string{"serve", "--data", site.dir, "--frobnicate"}, 2, "", "frobnicate"},
		{"backup, help after", []string{"backup", "x.tar.gz", "--help"}, 0, "payvand backup FILE.tar.gz", ""},
		{"restore, help", []string{"restore", "-h"}, 0, "--force", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runCLI(t, tt.args...)
			if res.code != tt.code || !strings.Contains(res.stdout, tt.stdout) || !strings.Contains(res.stderr, tt.stderr) {
				t.Fatalf("exit %d\nstdout %q\nstderr %q\nwant %d, %q and %q", res.code, res.stdout, res.stderr, tt.code, tt.stdout, tt.stderr)
			}
		})
	}
}
