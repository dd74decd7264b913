package main

import (
	"context"
	"log/slog"

	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/internal/webpfill"
	"github.com/payvand/payvand/models"
)

// addMissingWebP gives the pictures stored before WebP copies existed their
// copies, once at start and in the background: the site serves meanwhile,
// and an image gains its WebP variants in answers as soon as they are
// made. A stop ends it after the picture in hand; the next start goes on.
func addMissingWebP(ctx context.Context, store *models.Store, files media.Store, log *slog.Logger) {
	backfill := webpfill.Backfill{Store: store, Files: files, Processor: media.NewProcessor(media.Config{}), Logger: log}
	if _, err := backfill.Run(ctx); err != nil && ctx.Err() == nil {
		log.Warn("add WebP copies to stored pictures", "err", err)
	}
	// Pictures stored before crops existed get them the same way.
	if _, err := backfill.RunCrops(ctx); err != nil && ctx.Err() == nil {
		log.Warn("cut the crops of stored pictures", "err", err)
	}
}
