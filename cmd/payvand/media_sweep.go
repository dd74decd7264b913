package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/models"
)

// orphanAge is how old a media file no row refers to must be before the
// start-up sweep removes it: younger ones may belong to an upload whose row
// another instance is writing now.
const orphanAge = 10 * time.Minute

// sweepOrphanMedia removes media files whose database row was never written
// (an upload interrupted by a full disk or a crash), once at start. The
// upload handler removes them at once when it can; this catches the rest.
func sweepOrphanMedia(ctx context.Context, store *models.Store, files media.Store, log *slog.Logger) {
	inUse, err := store.ListMediaPaths(ctx)
	if err != nil {
		log.Warn("sweep media files", "err", err)
		return
	}
	removed, err := media.RemoveOrphans(ctx, files, func(p string) bool { return inUse[p] }, time.Now().Add(-orphanAge))
	for _, p := range removed {
		log.Info("removed a media file no database row refers to", "path", p)
	}
	if err != nil {
		log.Warn("sweep media files", "err", err)
	}
}
