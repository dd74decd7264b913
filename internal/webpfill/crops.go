package webpfill

import (
	"context"
	"errors"
	"time"

	"github.com/payvand/payvand/models"
)

// RunCrops cuts the square and wide crops of every picture stored before
// crops existed, around its focal point, oldest first, until none is left
// or ctx ends. Each goes through the store's write path
// (SetMediaFocalPoint), so its events are recorded and cached answers
// follow. A picture that fails is logged and skipped until the next start.
func (b Backfill) RunCrops(ctx context.Context) (Report, error) {
	var rep Report
	start := time.Now()
	var after uint
	for {
		batch, err := b.Store.ListMediaWithoutCrops(ctx, after, batchSize)
		if err != nil || len(batch) == 0 {
			if rep.Added+rep.Failed > 0 {
				b.Logger.Info("cut crops", "pictures", rep.Added, "failed", rep.Failed, "took", time.Since(start).Round(time.Millisecond))
			}
			return rep, err
		}
		for _, m := range batch {
			after = m.ID
			if err := b.crop(ctx, m); err != nil {
				if ctx.Err() != nil {
					return rep, ctx.Err()
				}
				rep.Failed++
				b.Logger.Warn("cut the crops of a picture", "media_id", m.ID, "path", m.Path, "err", err)
				continue
			}
			rep.Added++
		}
	}
}

// crop makes and records the crops of m around its focal point.
func (b Backfill) crop(ctx context.Context, m models.Media) error {
	crops, err := b.Processor.Recrop(ctx, b.Files, m.Path, m.Hash, m.FocalPoint())
	if err != nil {
		return err
	}
	_, err = b.Store.SetMediaFocalPoint(ctx, m.ID, m.Hash, m.FocalPoint(), models.MediaVariantsOf(crops))
	if errors.Is(err, models.ErrNotFound) || errors.Is(err, models.ErrConflict) {
		return nil // deleted or replaced meanwhile: the next start's sweep removes the files
	}
	return err
}
