package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"time"

	"github.com/payvand/payvand/admin"
	"github.com/payvand/payvand/api"
	"github.com/payvand/payvand/internal/config"
	"github.com/payvand/payvand/internal/preview"
	"github.com/payvand/payvand/internal/schedule"
	"github.com/payvand/payvand/internal/server"
	"github.com/payvand/payvand/internal/viewcount"
	"github.com/payvand/payvand/internal/webhook"
	"github.com/payvand/payvand/models"
)

// importsFolder, under the data folder, holds the WordPress exports
// uploaded to the admin's Import page while their run goes.
const importsFolder = "imports"

// shutdownGrace is how long in-flight requests get to finish on shutdown.
const shutdownGrace = 15 * time.Second

// serve runs the server until ctx is cancelled (SIGINT or SIGTERM), then
// lets in-flight requests finish and writes the pending view counts.
func serve(ctx context.Context, cfg config.Config, log *slog.Logger, out io.Writer) error {
	if err := checkDataDir(cfg.DataDir); err != nil {
		return err
	}
	opts := storeOptions(cfg, log)
	opts.TimeZone, opts.SiteURLs = cfg.TimeZone, cfg.SiteURLs()
	store, err := models.Open(ctx, opts)
	if err != nil {
		return err
	}
	defer store.Close()
	mediaStore, err := openMediaStore(ctx, cfg)
	if err != nil {
		return err
	}
	if err := firstStart(ctx, cfg, store, mediaStore, log, out); err != nil {
		return err
	}
	views := viewcount.New(store, viewcount.Options{Window: cfg.ViewWindow, FlushEvery: cfg.ViewFlush, Logger: log})
	previewSecret, err := store.PreviewSecret(ctx)
	if err != nil {
		return err
	}
	// One signer for both sides: the admin issues tokens with the configured
	// lifetime, the API verifies them.
	previews := preview.New(previewSecret, cfg.PreviewLifetime, time.Now)
	adminUI, err := admin.New(admin.Options{
		Store: store, PublicURL: cfg.PublicURL, TimeZone: cfg.TimeZone, Logger: log,
		Media: mediaStore, MediaURL: cfg.MediaURL, MaxUploadBytes: cfg.MaxUploadBytes, Preview: previews, SiteURLs: cfg.SiteURLs(),
		ImportDir: filepath.Join(cfg.DataDir, importsFolder), MaxImportBytes: cfg.MaxImportBytes,
	})
	if err != nil {
		return err
	}
	// Imports started from the admin stop, recorded as interrupted, before
	// the store closes.
	defer adminUI.Close()
	go housekeeping(ctx, store, log)
	go schedule.Run(ctx, store, schedule.Options{Logger: log})
	go sweepOrphanMedia(ctx, store, mediaStore, log)
	// Like the webhook worker below, the backfill stops before the store
	// closes.
	backfillCtx, stopBackfill := context.WithCancel(ctx)
	backfillDone := make(chan struct{})
	go func() {
		defer close(backfillDone)
		addMissingWebP(backfillCtx, store, mediaStore, log)
	}()
	defer func() { stopBackfill(); <-backfillDone }()
	// The worker stops when serve returns, before the store closes.
	webhooks := webhook.New(webhook.Options{Store: store, AllowPrivate: cfg.WebhookAllowPrivate, Logger: log})
	webhooksCtx, stopWebhooks := context.WithCancel(ctx)
	webhooksDone := make(chan struct{})
	go func() {
		defer close(webhooksDone)
		webhooks.Run(webhooksCtx)
	}()
	defer func() { stopWebhooks(); <-webhooksDone }()
	router, err := server.NewRouter(server.Options{
		Admin: adminUI,
		API: api.New(api.Options{
			Store: store, PublicURL: cfg.PublicURL, CacheControl: cfg.CacheControl, CORSOrigins: cfg.CORSOrigins,
			CacheTTL: cfg.CacheTTL, Views: views, Media: mediaStore, MediaURL: cfg.MediaURL, Logger: log,
			Preview: previews, TimeZone: cfg.TimeZone,
			SiteURLs: cfg.SiteURLs(), SitePaths: cfg.SitePaths, SiteNames: cfg.SiteNames,
		}),
		TrustedProxies: cfg.TrustedProxies,
		Logger:         log,
	})
	if err != nil {
		return err
	}
	listener, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	srv := server.NewHTTPServer(cfg.Addr, server.Compress(router), log)
	fmt.Fprintf(out, "Payvand is running.\n  API:   %s/api/v1/locales\n  Admin: %s/admin\n", cfg.PublicURL, cfg.PublicURL)
	log.Info("listening", "addr", listener.Addr().String(), "data", cfg.DataDir, "database", string(store.Engine()), "locales", cfg.Locales.Codes())

	served := make(chan error, 1)
	go func() { served <- srv.Serve(listener) }()
	select {
	case err := <-served:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	case <-ctx.Done():
		log.Info("shutting down")
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	errShutdown := srv.Shutdown(shutdownCtx)
	errViews := views.Close(shutdownCtx)
	if errViews != nil {
		log.Error("write view counts on shutdown", "err", errViews)
	}
	return errors.Join(errShutdown, errViews)
}

// housekeeping tidies the database at start and then every hour until ctx
// ends: it deletes expired admin sessions and empties the trash of articles
// kept there longer than models.TrashRetention. It also deletes sign-in
// counters whose window has ended, events older than the change feed
// keeps (models.EventRetention) and daily view counts older than the
// longest most-read period needs (models.DailyViewRetention).
func housekeeping(ctx context.Context, store *models.Store, log *slog.Logger) {
	ticker := time.NewTicker(time.Hour)
	defer ticker.Stop()
	for {
		tidy(ctx, store, log)
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

func tidy(ctx context.Context, store *models.Store, log *slog.Logger) {
	if err := store.Sessions().DeleteExpired(ctx); err != nil {
		log.Warn("delete expired sessions", "err", err)
	}
	if err := store.DeleteExpiredSignInCounters(ctx); err != nil {
		log.Warn("delete expired sign-in counters", "err", err)
	}
	purged, err := store.PurgeTrash(ctx, store.Now().Add(-models.TrashRetention))
	if err != nil {
		log.Warn("empty the trash", "err", err)
	} else if purged > 0 {
		log.Info("deleted articles kept in the trash too long", "count", purged)
	}
	pruned, err := store.PruneEvents(ctx, store.Now().Add(-models.EventRetention))
	if err != nil {
		log.Warn("prune old events", "err", err)
	} else if pruned > 0 {
		log.Info("deleted events older than the change feed keeps", "count", pruned)
	}
	if err := store.PruneDailyViews(ctx); err != nil {
		log.Warn("prune old daily view counts", "err", err)
	}
}
