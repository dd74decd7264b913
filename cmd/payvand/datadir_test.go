package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/models"
)

// readOnlyDataDir returns a data folder holding a database that this
// process cannot write, and what the start-up message must say about it.
// Root ignores file modes, so as root it is a real read-only bind mount;
// otherwise a folder without write permission.
func readOnlyDataDir(t *testing.T) (dir, want string) {
	t.Helper()
	src := t.TempDir()
	store, err := models.Open(context.Background(), models.Options{Path: filepath.Join(src, databaseName), Locales: locale.MustParse(locale.DefaultCodes)})
	if err != nil {
		t.Fatal(err)
	}
	store.Close()
	if os.Geteuid() != 0 {
		if err := os.Chmod(src, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(src, 0o755) })
		return src, "permission denied"
	}
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "--bind", src, mnt).CombinedOutput(); err != nil {
		t.Skipf("root cannot bind-mount here, so there is no read-only folder to test: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", mnt).Run() })
	if out, err := exec.Command("mount", "-o", "remount,bind,ro", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot remount read-only: %v %s", err, out)
	}
	return mnt, "read-only file system"
}

func TestUnwritableDataFolderSaysWhy(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	readOnly, readOnlyWhy := readOnlyDataDir(t)
	tests := []struct {
		name, dir string
		want      []string
	}{
		{"cannot be created", filepath.Join(file, "data"), []string{"data folder " + filepath.Join(file, "data") + " cannot be created", "part of the path is a file, not a folder"}},
		{"read-only", readOnly, []string{"data folder " + readOnly + " cannot be written", readOnlyWhy}},
	}
	t.Setenv(userPasswordEnv, "a long enough password")
	for _, tt := range tests {
		for _, args := range [][]string{{"serve", "--addr", freeAddr(t), "--no-demo"}, {"user", "create", "--email", "a@example.com", "--role", "admin"}} {
			t.Run(tt.name+"/"+args[0], func(t *testing.T) {
				res := runCLI(t, append(args, "--data", tt.dir)...)
				for _, want := range tt.want {
					if res.code != 1 || !strings.Contains(res.stderr, want) {
						t.Fatalf("exit %d, stderr %q; want 1 and %q", res.code, res.stderr, want)
					}
				}
			})
		}
	}
}
