package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/payvand/payvand/internal/config"
	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/models"
)

func printBackupUsage(w io.Writer) {
	fmt.Fprint(w, `Usage:
  payvand backup FILE.tar.gz|FOLDER [--data DIR]

Copies the database and the media files it refers to from --data into one
gzip-compressed tar archive (a name ending in .tar.gz or .tgz) or into a new
or empty folder, which is then itself a data folder. It is safe while the
server runs and editors save: the database is copied inside one SQLite read
transaction (VACUUM INTO), so the copy holds every save committed before it
started. An archive replaces FILE only once it is complete.

The backup is then verified: PRAGMA integrity_check, the row count of every
table and the SHA-256 of every file against manifest.json, the backup's first
file. It prints what it wrote. Exit codes: 0 written and verified, 1 failed,
2 wrong command line. Restore it with payvand restore.

It backs up a SQLite database and media files on disk only: on PostgreSQL
(--database postgres://…) use pg_dump and pg_restore, and for an s3://
--media-store the bucket's own tools (aws s3 sync, mc mirror, versioning).
`)
}

// backupCommand runs `payvand backup TARGET`.
func backupCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	spec := commandSpec{name: "payvand backup", usage: printBackupUsage}
	cl, code, done := parseCommand(spec, args, getenv, stdout, stderr)
	if done {
		return code
	}
	if code, done := wantArguments(spec, cl, 1, "one FILE.tar.gz or FOLDER to write", stderr); done {
		return code
	}
	// Both refusals at once: a site on PostgreSQL and S3 learns of both tools.
	if err := errors.Join(sqliteOnly(cl.cfg), requireFileMedia(cl.cfg, "payvand backup")); err != nil {
		fmt.Fprintln(stderr, "payvand: backup:", err)
		return 1
	}
	start := time.Now()
	m, err := backup(ctx, cl.cfg, cl.args[0])
	if err != nil {
		fmt.Fprintln(stderr, "payvand: backup:", err)
		return 1
	}
	printBackupSummary(stdout, cl.cfg.DataDir, cl.args[0], m, time.Since(start))
	for _, p := range m.Missing {
		fmt.Fprintf(stderr, "payvand: warning: media file %s is in the database but not in the media store; the backup has no copy of it\n", p)
	}
	return 0
}

// isArchive tells an archive target from a folder one by its name.
func isArchive(target string) bool {
	return strings.HasSuffix(target, ".tar.gz") || strings.HasSuffix(target, ".tgz")
}

// backup copies the site under cfg.DataDir into target and verifies it. It
// builds and verifies the backup beside target before renaming it into
// place, so that target holds either what it held or a verified backup.
func backup(ctx context.Context, cfg config.Config, target string) (*backupManifest, error) {
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", parent, err)
	}
	if !isArchive(target) {
		if err := requireEmptyFolder(target); err != nil {
			return nil, err
		}
	}
	// 0700: a backup holds password hashes and sessions.
	staging, err := os.MkdirTemp(parent, "."+filepath.Base(target)+".tmp-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(staging)
	m, err := stageBackup(ctx, cfg, staging)
	if err != nil {
		return nil, err
	}
	if isArchive(target) {
		return m, writeAndVerifyArchive(ctx, staging, target, m)
	}
	if err := verifyBackup(ctx, staging, m); err != nil {
		return nil, err
	}
	_ = os.Remove(target) // an empty folder, which the rename could not replace
	return m, os.Rename(staging, target)
}

// requireEmptyFolder refuses a folder target that already holds files, as
// it cannot be replaced in one step.
func requireEmptyFolder(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && len(entries) == 0) {
		return nil
	}
	if err != nil {
		return err
	}
	return fmt.Errorf("folder %s is not empty; give a new folder, or a name ending in .tar.gz for an archive", dir)
}

// stageBackup copies the database into dir, then the media files the copy
// refers to, and writes the manifest. Taking the list of media from the
// copy, not the live database, keeps the two in agreement.
func stageBackup(ctx context.Context, cfg config.Config, dir string) (*backupManifest, error) {
	dbCopy := filepath.Join(dir, databaseName)
	if err := models.CopyDatabase(ctx, cfg.DatabasePath(), dbCopy); err != nil {
		return nil, err
	}
	report, err := models.InspectDatabase(ctx, dbCopy)
	if err != nil {
		return nil, err
	}
	m := &backupManifest{Format: backupFormat, Version: version, CreatedAt: time.Now().UTC(), Counts: report.Counts}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	defer root.Close()
	db, err := hashFile(root, databaseName)
	if err != nil {
		return nil, err
	}
	m.Files = append(m.Files, db)
	if err := copyMedia(ctx, cfg.MediaDir(), filepath.Join(dir, "media"), report.MediaPaths, m); err != nil {
		return nil, err
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return m, root.WriteFile(manifestName, data, 0o600)
}

// copyMedia copies each media file from the site's store into a store at
// dest, reading through media.Store so that another store (S3) works the
// same. A file the store no longer has is listed in m.Missing: an editor
// may delete a picture while the backup runs.
func copyMedia(ctx context.Context, srcDir, destDir string, paths []string, m *backupManifest) error {
	src, err := media.NewFSStore(srcDir)
	if err != nil {
		return err
	}
	dest, err := media.NewFSStore(destDir)
	if err != nil {
		return err
	}
	for _, p := range paths {
		f, err := src.Open(ctx, p)
		if errors.Is(err, fs.ErrNotExist) {
			m.Missing = append(m.Missing, p)
			continue
		}
		if err != nil {
			return err
		}
		h := sha256.New()
		counted := &countingWriter{w: h}
		err = dest.Put(ctx, p, io.TeeReader(f, counted))
		f.Close()
		if err != nil {
			return err
		}
		m.Files = append(m.Files, backupFile{Path: "media/" + p, Size: counted.n, SHA256: hex.EncodeToString(h.Sum(nil))})
	}
	return nil
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// printBackupSummary says what was written, where, and how big.
func printBackupSummary(w io.Writer, dataDir, target string, m *backupManifest, took time.Duration) {
	size := totalSize(target)
	fmt.Fprintf(w, "Backed up %s to %s (%s) in %s; verified.\n", dataDir, target, humanBytes(size), took.Round(time.Millisecond))
	db := m.file(databaseName)
	fmt.Fprintf(w, "  database  %s, %s, integrity ok, SHA-256 %s\n", databaseName, humanBytes(db.Size), db.SHA256)
	n, bytes := m.mediaFiles()
	fmt.Fprintf(w, "  media     %d files, %s\n", n, humanBytes(bytes))
	fmt.Fprintf(w, "  rows      %s\n", mainCounts(m.Counts))
	if len(m.Missing) > 0 {
		fmt.Fprintf(w, "  missing   %d media files (see the warnings)\n", len(m.Missing))
	}
}
