package main

import (
	"context"
	"io"
	"log/slog"

	"github.com/payvand/payvand/internal/config"
	"github.com/payvand/payvand/models"
)

// openCommandStore opens the database (--database) as serve does.
func openCommandStore(ctx context.Context, cfg config.Config, stderr io.Writer) (*models.Store, error) {
	if err := checkDataDir(cfg.DataDir); err != nil {
		return nil, err
	}
	return models.Open(ctx, storeOptions(cfg, newLogger(cfg, stderr)))
}

// storeOptions are the store settings every command opens the database
// with: which database (--database, --db-max-conns), the locales and the
// slug style.
func storeOptions(cfg config.Config, log *slog.Logger) models.Options {
	return models.Options{Database: cfg.DatabaseURL(), MaxConns: cfg.DBMaxConns, Locales: cfg.Locales, Logger: log, LatinSlugs: cfg.LatinSlugLocales}
}

// sqliteOnly refuses backup and restore on PostgreSQL, whose own tools
// (pg_dump, pg_restore) do that job.
func sqliteOnly(cfg config.Config) error {
	engine, _, err := models.ParseDatabaseURL(cfg.DatabaseURL(), "")
	if err != nil {
		return err
	}
	if engine != models.SQLite {
		return models.ErrBackupUnsupported
	}
	return nil
}
