package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/payvand/payvand/models"
)

// verifyBackup proves that the files in dir are the backup m describes:
// the database passes PRAGMA integrity_check, every table holds the rows
// the manifest counted, and every file has its listed size and SHA-256.
func verifyBackup(ctx context.Context, dir string, m *backupManifest) error {
	db := filepath.Join(dir, databaseName)
	if err := models.CheckDatabase(ctx, db); err != nil {
		return fmt.Errorf("%s: %w", databaseName, err)
	}
	report, err := models.InspectDatabase(ctx, db)
	if err != nil {
		return err
	}
	var errs []error
	tables := map[string]bool{}
	for table := range m.Counts {
		tables[table] = true
	}
	for table := range report.Counts {
		tables[table] = true
	}
	for _, table := range slices.Sorted(maps.Keys(tables)) {
		if want, got := m.Counts[table], report.Counts[table]; want != got {
			errs = append(errs, fmt.Errorf("table %s has %d rows, the manifest says %d", table, got, want))
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	for _, want := range m.Files {
		got, err := hashFile(root, want.Path)
		if err != nil {
			errs = append(errs, err)
		} else if got != want {
			errs = append(errs, fmt.Errorf("%s is %d bytes with SHA-256 %s, the manifest says %d bytes with %s", want.Path, got.Size, got.SHA256, want.Size, want.SHA256))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("the backup does not match its manifest: %w", err)
	}
	return nil
}
