// Package webpfill gives the pictures stored before WebP copies existed
// their WebP copies, in the background at start, so nobody has to run
// anything after an upgrade. Uploads make their WebP copies themselves
// (media.Processor.Process); this package only catches up on old ones.
package webpfill

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/models"
)

// batchSize is how many pictures one query fetches. Pictures are then
// converted one at a time: a picture can take a second of CPU, and the
// server keeps answering readers meanwhile.
const batchSize = 20

// Backfill adds the missing WebP copies.
type Backfill struct {
	Store     *models.Store
	Files     media.Store
	Processor *media.Processor
	Logger    *slog.Logger
}

// Report counts what a run did.
type Report struct {
	// Added counts the pictures that gained their WebP copies.
	Added int
	// Failed counts the pictures left without them (a missing or unreadable
	// file), each logged; the next start tries them again.
	Failed int
}

// Run converts every picture without WebP copies, oldest first, until none
// is left or ctx ends. Each picture's files are written first and its rows
// then recorded through the store's one write path, so its events are
// recorded and cached answers follow. A picture that fails is logged and
// skipped; running again skips the pictures already done.
func (b Backfill) Run(ctx context.Context) (Report, error) {
	var rep Report
	total, err := b.Store.CountMediaWithoutWebP(ctx)
	if err != nil || total == 0 {
		return rep, err
	}
	start := time.Now()
	b.Logger.Info("adding WebP copies to pictures stored without them", "pictures", total)
	var after uint
	for {
		batch, err := b.Store.ListMediaWithoutWebP(ctx, after, batchSize)
		if err != nil {
			return rep, err
		}
		if len(batch) == 0 {
			break
		}
		for _, m := range batch {
			after = m.ID
			if err := b.convert(ctx, m); err != nil {
				if ctx.Err() != nil {
					return rep, ctx.Err()
				}
				rep.Failed++
				b.Logger.Warn("add WebP copies of a picture", "media_id", m.ID, "path", m.Path, "err", err)
				continue
			}
			rep.Added++
		}
		b.Logger.Info("adding WebP copies", "done", rep.Added+rep.Failed, "of", total)
	}
	b.Logger.Info("added WebP copies", "pictures", rep.Added, "failed", rep.Failed, "took", time.Since(start).Round(time.Millisecond))
	return rep, nil
}

// convert makes and records the WebP copies of m.
func (b Backfill) convert(ctx context.Context, m models.Media) error {
	original := media.StoredFile{Name: media.VariantOriginal, Path: m.Path, MIME: m.MimeType, Width: m.Width, Height: m.Height}
	var sizes []media.StoredFile
	for _, v := range m.Variants {
		// Crops come with their WebP copies (see media.Processor.Recrop).
		if v.MimeType == "image/webp" || media.IsCrop(v.Name) {
			continue
		}
		sizes = append(sizes, media.StoredFile{Name: v.Name, Path: v.Path, MIME: v.MimeType, Width: v.Width, Height: v.Height})
	}
	added, err := b.Processor.AddWebP(ctx, b.Files, original, sizes)
	if err != nil {
		return err
	}
	err = b.Store.AddMediaVariants(ctx, m.ID, models.MediaVariantsOf(added))
	if errors.Is(err, models.ErrNotFound) {
		// Deleted meanwhile: its new files are orphans the next start's
		// sweep removes.
		return nil
	}
	return err
}
