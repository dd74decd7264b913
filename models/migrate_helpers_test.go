package models

import (
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// databaseMigratedTo makes a database file migrated up to step (inclusive),
// lets seed write rows the way that schema held them, and returns its path:
// a migration test then opens it with Open, which runs the later steps.
func databaseMigratedTo(t *testing.T, step string, seed func(db *gorm.DB)) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "payvand.db")
	old := &Store{now: time.Now, log: slog.New(slog.DiscardHandler)}
	db, err := old.openDB(path, "_txlock=immediate", 1)
	must(t, err)
	m := gormigrate.New(db, &gormigrate.Options{TableName: "schema_migrations", IDColumnName: "id", IDColumnSize: 255, UseTransaction: true}, migrations)
	must(t, m.MigrateTo(step))
	seed(db)
	sqlDB, err := db.DB()
	must(t, err)
	must(t, sqlDB.Close())
	return path
}
