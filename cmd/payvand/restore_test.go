package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestBackupRestoreRoundTrip(t *testing.T) {
	for _, target := range []string{"site.tar.gz", "site.tgz", "site-folder"} {
		t.Run(target, func(t *testing.T) {
			site := newTestSite(t)
			for n := range 5 {
				if _, err := site.saveArticle(t.Context(), n); err != nil {
					t.Fatal(err)
				}
			}
			out := filepath.Join(t.TempDir(), target)
			if res := runCLI(t, "backup", "--data", site.dir, out); res.code != 0 {
				t.Fatalf("backup: exit %d\n%s", res.code, res.stderr)
			}
			restored := filepath.Join(t.TempDir(), "restored")
			res := runCLI(t, "restore", out, "--data", restored)
			if res.code != 0 || !strings.Contains(res.stdout, "payvand serve --data "+restored) {
				t.Fatalf("restore: exit %d\n%s%s", res.code, res.stdout, res.stderr)
			}
			for _, q := range []string{articleTitlesQuery, "SELECT path FROM media UNION ALL SELECT path FROM media_variants ORDER BY 1", "SELECT email FROM users"} {
				want := rowsOf(t, filepath.Join(site.dir, databaseName), q)
				if got := rowsOf(t, filepath.Join(restored, databaseName), q); !slices.Equal(got, want) {
					t.Fatalf("%s:\nrestored %q\noriginal %q", q, got, want)
				}
			}
			for path, want := range site.media {
				got, err := os.ReadFile(filepath.Join(restored, path))
				if err != nil || !bytes.Equal(got, want) {
					t.Fatalf("%s restored as %d bytes (%v), want the original %d", path, len(got), err, len(want))
				}
			}
			if _, err := os.Stat(filepath.Join(restored, manifestName)); err == nil {
				t.Error("restore left manifest.json in the data folder")
			}
			// The restored folder is a site the server opens.
			srv := startServer(t, restored, map[string]string{"PAYVAND_NO_DEMO": "true"})
			srv.stop(t)
		})
	}
}

func TestRestoreRefusesNonEmptyFolderUnlessForced(t *testing.T) {
	site := newTestSite(t)
	if _, err := site.saveArticle(t.Context(), 1); err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(t.TempDir(), "site.tar.gz")
	if res := runCLI(t, "backup", archive, "--data", site.dir); res.code != 0 {
		t.Fatalf("backup: exit %d\n%s", res.code, res.stderr)
	}
	dir := t.TempDir()
	keep := filepath.Join(dir, "payvand.db")
	if err := os.WriteFile(keep, []byte("the site that is there"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := runCLI(t, "restore", archive, "--data", dir)
	if res.code != 1 || !strings.Contains(res.stderr, "not empty") || !strings.Contains(res.stderr, "--force") {
		t.Fatalf("restore into a non-empty folder: exit %d, %q; want 1 and a word about --force", res.code, res.stderr)
	}
	if got, _ := os.ReadFile(keep); string(got) != "the site that is there" {
		t.Fatalf("the refused restore changed payvand.db")
	}
	if res := runCLI(t, "restore", "--force", archive, "--data", dir); res.code != 0 {
		t.Fatalf("restore --force: exit %d\n%s", res.code, res.stderr)
	}
	want := rowsOf(t, filepath.Join(site.dir, databaseName), articleTitlesQuery)
	if got := rowsOf(t, keep, articleTitlesQuery); !slices.Equal(got, want) {
		t.Fatalf("after --force the folder holds %q, want %q", got, want)
	}
	// --force would delete a backup kept inside the folder it replaces.
	kept := filepath.Join(dir, "kept.tar.gz")
	if err := os.Rename(archive, kept); err != nil {
		t.Fatal(err)
	}
	if res := runCLI(t, "restore", kept, "--force", "--data", dir); res.code != 1 || !strings.Contains(res.stderr, "move it out first") {
		t.Fatalf("restore --force from inside the folder: exit %d, %q", res.code, res.stderr)
	}
	if _, err := os.Stat(kept); err != nil {
		t.Fatalf("the backup inside the folder is gone: %v", err)
	}
	os.Remove(kept)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("restore left %s behind", e.Name())
		}
	}
}

// tarEntry is one entry of a hand-made archive.
type tarEntry struct {
	name     string
	typeflag byte
	body     string
	linkname string
}

func writeTestArchive(t *testing.T, entries []tarEntry) string {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	for _, e := range entries {
		hdr := &tar.Header{Name: e.name, Typeflag: e.typeflag, Mode: 0o644, Size: int64(len(e.body)), Linkname: e.linkname}
		if e.typeflag != tar.TypeReg {
			hdr.Size = 0
		}
		if err := tw.WriteHeader(hdr); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(e.body)); err != nil && e.typeflag == tar.TypeReg {
			t.Fatal(err)
		}
	}
	if err := errors.Join(tw.Close(), gz.Close()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "evil.tar.gz")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// manifestFor lists files in a manifest as a backup would.
func manifestFor(t *testing.T, files ...backupFile) string {
	t.Helper()
	data, err := json.Marshal(backupManifest{Format: backupFormat, Files: files})
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestRestoreRefusesUnsafeArchives(t *testing.T) {
	db := backupFile{Path: databaseName, Size: 3}
	evil := "pwned"
	tests := []struct {
		name    string
		entries []tarEntry
		want    string
	}{
		{"dot-dot entry", []tarEntry{{manifestName, tar.TypeReg, manifestFor(t, db), ""}, {"../" + evil, tar.TypeReg, "x", ""}}, "unsafe path"},
		{"dot-dot inside media", []tarEntry{{manifestName, tar.TypeReg, manifestFor(t, db), ""}, {"media/../../" + evil, tar.TypeReg, "x", ""}}, "unsafe path"},
		{"absolute entry", []tarEntry{{manifestName, tar.TypeReg, manifestFor(t, db), ""}, {"/tmp/" + evil, tar.TypeReg, "x", ""}}, "unsafe path"},
		{"manifest lists dot-dot", []tarEntry{{manifestName, tar.TypeReg, manifestFor(t, db, backupFile{Path: "media/../../" + evil, Size: 1}), ""}}, "manifest.json lists"},
		{"symbolic link", []tarEntry{{manifestName, tar.TypeReg, manifestFor(t, db), ""}, {databaseName, tar.TypeSymlink, "", "/etc/passwd"}}, "only regular files"},
		{"file not in the manifest", []tarEntry{{manifestName, tar.TypeReg, manifestFor(t, db), ""}, {"media/ab/extra.jpg", tar.TypeReg, "x", ""}}, "not a file the manifest lists"},
		{"bigger than listed", []tarEntry{{manifestName, tar.TypeReg, manifestFor(t, db), ""}, {databaseName, tar.TypeReg, "much more than three bytes", ""}}, "the manifest says 3"},
		{"no manifest first", []tarEntry{{databaseName, tar.TypeReg, "abc", ""}}, "does not start with manifest.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "a", "data")
			res := runCLI(t, "restore", writeTestArchive(t, tt.entries), "--data", dir)
			if res.code != 1 || !strings.Contains(res.stderr, tt.want) {
				t.Fatalf("exit %d, %q; want 1 and %q", res.code, res.stderr, tt.want)
			}
			for _, p := range []string{filepath.Join(parent, evil), filepath.Join(parent, "a", evil), "/tmp/" + evil} {
				if _, err := os.Lstat(p); err == nil {
					t.Fatalf("the archive wrote %s", p)
				}
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Fatalf("a refused restore left %d entries in the data folder", len(entries))
			}
		})
	}
}

func TestRestoreRefusesADamagedBackup(t *testing.T) {
	site := newTestSite(t)
	if _, err := site.saveArticle(t.Context(), 1); err != nil {
		t.Fatal(err)
	}
	var mediaFile string
	for p := range site.media {
		mediaFile = p
		break
	}
	tests := []struct {
		name   string
		damage func(t *testing.T, backup string)
		want   string
	}{
		{"a media file changed", func(t *testing.T, backup string) {
			if err := os.WriteFile(filepath.Join(backup, mediaFile), []byte("other bytes"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "not a regular file of"},
		{"a database page overwritten", func(t *testing.T, backup string) {
			path := filepath.Join(backup, databaseName)
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.WriteAt(bytes.Repeat([]byte{0xA5}, 3*4096), 2*4096); err != nil {
				t.Fatal(err)
			}
			f.Close()
			// The manifest is made to agree, so only the database's own
			// check can find the damage.
			rewriteManifest(t, backup, func(m *backupManifest) {
				root, err := os.OpenRoot(backup)
				if err != nil {
					t.Fatal(err)
				}
				defer root.Close()
				if m.Files[0], err = hashFile(root, databaseName); err != nil {
					t.Fatal(err)
				}
			})
		}, "damaged"},
		{"a row count differs", func(t *testing.T, backup string) {
			rewriteManifest(t, backup, func(m *backupManifest) { m.Counts["articles"]++ })
		}, "table articles has 1 rows, the manifest says 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			backup := filepath.Join(t.TempDir(), "folder")
			if res := runCLI(t, "backup", backup, "--data", site.dir); res.code != 0 {
				t.Fatalf("backup: exit %d\n%s", res.code, res.stderr)
			}
			tt.damage(t, backup)
			dir := filepath.Join(t.TempDir(), "data")
			res := runCLI(t, "restore", backup, "--data", dir)
			if res.code != 1 || !strings.Contains(res.stderr, tt.want) {
				t.Fatalf("exit %d, %q; want 1 and %q", res.code, res.stderr, tt.want)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Fatalf("a refused restore left %d entries in the data folder", len(entries))
			}
		})
	}
}

// rewriteManifest changes a folder backup's manifest.
func rewriteManifest(t *testing.T, backup string, change func(*backupManifest)) {
	t.Helper()
	path := filepath.Join(backup, manifestName)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m backupManifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	change(&m)
	if data, err = json.Marshal(m); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// restore writes DIR/payvand.db; with --database naming another SQLite
// file the server would go on reading that one, so restore refuses rather
// than report a restore the site never shows.
func TestRestoreRefusesADatabaseOutsideTheDataFolder(t *testing.T) {
	site := newTestSite(t)
	if _, err := site.saveArticle(t.Context(), 1); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "site.tar.gz")
	if res := runCLI(t, "backup", "--data", site.dir, out); res.code != 0 {
		t.Fatalf("backup: exit %d\n%s", res.code, res.stderr)
	}
	restored := filepath.Join(t.TempDir(), "restored")
	elsewhere := filepath.Join(t.TempDir(), "site.db")
	res := runCLI(t, "restore", out, "--data", restored, "--database", "sqlite:"+elsewhere)
	if res.code == 0 || !strings.Contains(res.stderr, "--database") {
		t.Fatalf("restore with --database sqlite:%s: exit %d\n%s%s", elsewhere, res.code, res.stdout, res.stderr)
	}
	if _, err := os.Stat(filepath.Join(restored, databaseName)); err == nil {
		t.Error("the refused restore wrote a database")
	}
	// Naming the data folder's own file is the same as not naming it.
	res = runCLI(t, "restore", out, "--data", restored, "--database", "sqlite:"+filepath.Join(restored, databaseName))
	if res.code != 0 {
		t.Fatalf("restore with --database naming the data folder's file: exit %d\n%s", res.code, res.stderr)
	}
}
