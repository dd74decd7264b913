package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/payvand/payvand/internal/config"
)

// errDataNotEmpty means restore was asked to fill a folder that holds files.
var errDataNotEmpty = errors.New("the data folder is not empty")

func printRestoreUsage(w io.Writer) {
	fmt.Fprint(w, `Usage:
  payvand restore FILE.tar.gz|FOLDER --data DIR [--force]

Restores a backup made by payvand backup into the data folder DIR, then
verifies it (PRAGMA integrity_check, row counts, SHA-256 of every file);
afterwards payvand serve --data DIR serves the restored site.

  --force   replace what DIR holds; without it, a DIR that is not empty is
            refused with exit code 1

Stop the server first: restoring under a running server is not supported.
The backup is unpacked and verified in a hidden folder inside DIR and only
then moved into place, so a failed restore leaves DIR as it was. Only
payvand.db, media/ and manifest.json are accepted from an archive; paths with
"..", links and files the manifest does not list are refused.
Exit codes: 0 restored and verified, 1 failed or refused, 2 wrong command line.
It restores a SQLite database and media files on disk only: a PostgreSQL
database is restored with pg_restore, a bucket with its own tools.
`)
}

// restoreCommand runs `payvand restore SOURCE --data DIR [--force]`.
func restoreCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	var force *bool
	spec := commandSpec{name: "payvand restore", usage: printRestoreUsage, flags: func(fs *flag.FlagSet) {
		force = fs.Bool("force", false, "replace a data folder that is not empty")
	}}
	cl, code, done := parseCommand(spec, args, getenv, stdout, stderr)
	if done {
		return code
	}
	if code, done := wantArguments(spec, cl, 1, "one backup, FILE.tar.gz or FOLDER", stderr); done {
		return code
	}
	// Both refusals at once: a site on PostgreSQL and S3 learns of both tools.
	if err := errors.Join(sqliteOnly(cl.cfg), requireFileMedia(cl.cfg, "payvand restore")); err != nil {
		fmt.Fprintln(stderr, "payvand: restore:", err)
		return 1
	}
	if err := restoresIntoDatabase(cl.cfg); err != nil {
		fmt.Fprintln(stderr, "payvand: restore:", err)
		return 1
	}
	source, dir := cl.args[0], cl.cfg.DataDir
	m, err := restore(ctx, source, dir, *force)
	if err != nil {
		fmt.Fprintln(stderr, "payvand: restore:", err)
		return 1
	}
	n, bytes := m.mediaFiles()
	fmt.Fprintf(stdout, "Restored %s (taken %s by payvand %s) into %s; verified.\n", source, m.CreatedAt.Format("2006-01-02 15:04:05 UTC"), m.Version, dir)
	fmt.Fprintf(stdout, "  database  %s, %s, integrity ok\n  media     %d files, %s\n  rows      %s\n", databaseName, humanBytes(m.file(databaseName).Size), n, humanBytes(bytes), mainCounts(m.Counts))
	fmt.Fprintf(stdout, "Start it with: payvand serve --data %s\n", dir)
	return 0
}

// restore unpacks source into a hidden folder inside dir, verifies it and
// only then swaps it with what dir held.
func restore(ctx context.Context, source, dir string, force bool) (*backupManifest, error) {
	info, err := os.Stat(source)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("there is no backup at %s", source)
	}
	if err != nil {
		return nil, fmt.Errorf("backup %w", err)
	}
	existing, err := dataEntries(dir)
	if err != nil {
		return nil, err
	}
	if inside(source, dir) {
		return nil, fmt.Errorf("the backup %s is inside the data folder %s, which restore replaces; move it out first", source, dir)
	}
	if len(existing) > 0 && !force {
		return nil, fmt.Errorf("%w: %s holds %s; add --force to replace it (stop the server first)", errDataNotEmpty, dir, strings.Join(existing[:min(3, len(existing))], ", "))
	}
	if err := checkDataDir(dir); err != nil {
		return nil, err
	}
	staging, err := os.MkdirTemp(dir, ".restore-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(staging)
	var m *backupManifest
	if info.IsDir() {
		m, err = copyBackupFolder(source, staging)
	} else {
		m, err = extractArchive(source, staging)
	}
	if err != nil {
		return nil, err
	}
	if err := verifyBackup(ctx, staging, m); err != nil {
		return nil, err
	}
	if err := os.Remove(filepath.Join(staging, manifestName)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	return m, swapIn(dir, staging, existing)
}

// dataEntries lists what dir holds, leaving out lost+found, which a freshly
// formatted disk mounted as the data folder already has.
func dataEntries(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.Name() != "lost+found" {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

// inside reports whether path is dir or lies under it.
func inside(path, dir string) bool {
	absPath, err1 := filepath.Abs(path)
	absDir, err2 := filepath.Abs(dir)
	if err1 != nil || err2 != nil {
		return false
	}
	rel, err := filepath.Rel(absDir, absPath)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// restoresIntoDatabase refuses a --database naming a SQLite file outside
// the data folder: restore writes DIR/payvand.db, and a server started
// with the same settings would go on reading the other file, showing
// none of what was restored.
func restoresIntoDatabase(cfg config.Config) error {
	own := filepath.Join(cfg.DataDir, databaseName)
	named, errNamed := filepath.Abs(cfg.DatabasePath())
	abs, errOwn := filepath.Abs(own)
	if errNamed == nil && errOwn == nil && named == abs {
		return nil
	}
	return fmt.Errorf("--database names %s, but restore writes %s; restore into a data folder of its own and point --database at its %s, or leave --database out",
		cfg.DatabasePath(), own, databaseName)
}
