package wpimport

import (
	"context"

	"github.com/payvand/payvand/models"
)

// saveBatchGroups is how many translation groups one write transaction
// saves: a commit per article made PostgreSQL miss the ten
// minutes for 100,000 posts. 50 was as fast as 100 or 200 (see
// docs/BENCHMARKS.md) and keeps a batch's savepoints, one per article,
// under the 64 subtransactions PostgreSQL keeps track of cheaply.
var saveBatchGroups = 50

// queuedGroup is a translation group made ready to save, waiting for its
// batch.
type queuedGroup struct {
	posts  []prepared
	shared *models.SharedInput
}

// batchSave is one article of the batch being saved, with what the
// report needs of it.
type batchSave struct {
	// group is the whole translation group.
	group []prepared
	// posts are the posts the save writes: the whole group for a new
	// article, the changed ones for an update; none when nothing changed.
	posts   []prepared
	created bool
	save    models.ImportSave
}

// queue adds a group to the batch and saves the batch when it is full.
func (im *importer) queue(ctx context.Context, posts []prepared, shared *models.SharedInput) error {
	im.queued = append(im.queued, queuedGroup{posts: posts, shared: shared})
	if len(im.queued) < saveBatchGroups {
		return nil
	}
	return im.flush(ctx)
}

// flushAll saves every group still queued.
func (im *importer) flushAll(ctx context.Context) error {
	for len(im.queued) > 0 {
		if err := im.flush(ctx); err != nil {
			return err
		}
	}
	return nil
}

// flush saves the queued groups in one write transaction (one savepoint
// per article, see models.SaveImportBatch). What the decisions need —
// which posts were imported before, the articles they became — is read
// for the whole batch at once. A group whose article another group of
// the batch already saves waits for the next batch, so it sees that save.
func (im *importer) flush(ctx context.Context) error {
	groups := im.queued
	im.queued = nil
	var ids []int64
	for _, g := range groups {
		for _, p := range g.posts {
			ids = append(ids, int64(p.item.ID))
		}
	}
	known, err := im.store.FindImported(ctx, im.source, models.ImportPost, ids)
	if err != nil {
		return err
	}
	var targets []uint
	for _, g := range groups {
		if id, _ := groupTarget(g.posts, known); id != 0 {
			targets = append(targets, id)
		}
	}
	articles, err := im.store.FindArticles(ctx, targets)
	if err != nil {
		return err
	}
	var batch []batchSave
	inBatch := map[uint]bool{}
	posts := 0
	for _, g := range groups {
		articleID, sharedVersion := groupTarget(g.posts, known)
		if articleID == 0 && im.relinking {
			continue // its save failed in the text pass, reported there
		}
		if articleID != 0 && inBatch[articleID] {
			im.queued = append(im.queued, g)
			continue
		}
		inBatch[articleID] = articleID != 0
		posts += len(g.posts)
		im.warnSplitGroup(g.posts, known, articleID)
		var save *batchSave
		if articleID == 0 {
			save = im.create(g.posts, g.shared)
		} else {
			save = im.update(g.posts, g.shared, articles[articleID], articleID, known, sharedVersion)
		}
		if save != nil && im.relinking {
			// The text pass recorded the old addresses: relink writes only
			// the posts its pictures changed.
			save.save.Redirects = nil
			if save.save.Article == nil {
				save = nil
			}
		}
		if save != nil {
			batch = append(batch, *save)
		}
	}
	err = im.saveBatch(ctx, batch)
	im.progress(posts)
	if err != nil {
		return err
	}
	saves := 0
	for _, b := range batch {
		if b.save.Article != nil {
			saves++
		}
	}
	return im.refreshStatsAsTablesGrow(ctx, saves)
}

// refreshStatsAsTablesGrow refreshes the database's planner statistics
// (models.RefreshPlannerStats) when the posts pass begins and each time
// the articles it saved double, from a thousand on: a few times per run,
// while the tables are still growing the most.
func (im *importer) refreshStatsAsTablesGrow(ctx context.Context, saved int) error {
	if im.opts.DryRun {
		return nil
	}
	im.saved += saved
	if im.saved < im.nextStatsAt {
		return nil
	}
	im.nextStatsAt = max(1000, 2*im.saved)
	err := im.store.RefreshPlannerStats(ctx)
	if err != nil && ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil {
		im.report.warn(0, "%v", err)
	}
	return nil
}

// groupTarget is the article a group's posts were imported into before
// (0 when none was), and the shared-fields version that import wrote.
func groupTarget(posts []prepared, known map[int64]models.ImportedItem) (articleID uint, sharedVersion int) {
	for _, p := range posts {
		if k, ok := known[int64(p.item.ID)]; ok {
			if articleID == 0 {
				articleID = k.TargetID
			}
			sharedVersion = max(sharedVersion, k.SharedVersion)
		}
	}
	return articleID, sharedVersion
}

// warnSplitGroup reports posts imported into another article than their
// group's.
func (im *importer) warnSplitGroup(posts []prepared, known map[int64]models.ImportedItem, articleID uint) {
	for _, p := range posts {
		if k, ok := known[int64(p.item.ID)]; ok && k.TargetID != articleID {
			im.report.warn(p.item.ID, "was imported into article %d, its group into article %d; the group's is kept", k.TargetID, articleID)
		}
	}
}

// saveBatch writes the batch, or pretends to on a dry run, and reports
// each article's outcome. Only a cancelled run returns an error: the
// run goes on after anything else, an article refused, or a whole batch
// the database would not take (each of its articles reported failed).
func (im *importer) saveBatch(ctx context.Context, batch []batchSave) error {
	results := make([]models.ImportResult, len(batch))
	if !im.opts.DryRun && len(batch) > 0 {
		saves := make([]models.ImportSave, len(batch))
		for i, b := range batch {
			saves[i] = b.save
		}
		var err error
		if results, err = im.store.SaveImportBatch(ctx, im.source, saves); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			results = make([]models.ImportResult, len(batch))
			for i := range results {
				results[i].Err = err
			}
		}
	}
	for i, b := range batch {
		im.reportSave(b, results[i])
	}
	return nil
}

// reportSave counts one article's outcome.
func (im *importer) reportSave(b batchSave, r models.ImportResult) {
	if r.RedirectErr != nil {
		im.report.warn(b.group[0].item.ID, "its old addresses were not recorded: %v", r.RedirectErr)
	}
	if b.save.Article == nil {
		return // nothing to save: counted when decided
	}
	if r.Err != nil {
		for _, p := range b.posts {
			im.report.skip(p.item.ID, "refused by Payvand: "+r.Err.Error())
		}
		im.report.Articles.Failed++
		return
	}
	for _, p := range b.posts {
		im.report.imported(p.input.Locale, p.status)
	}
	switch {
	case b.created && len(b.posts) > 1:
		im.report.Articles.Created++
		im.report.Joined++
	case b.created:
		im.report.Articles.Created++
	default:
		im.report.Articles.Updated++
	}
}

// importRecords makes the records of posts saved into a: sharedVersion
// is the shared-fields version the import last wrote; a save without
// shared fields keeps it, since the article's own may be an editor's
// change the next run must still leave alone.
func (im *importer) importRecords(posts []prepared, withShared bool, sharedVersion int) func(*models.Article) []models.ImportedItem {
	return func(a *models.Article) []models.ImportedItem {
		items := make([]models.ImportedItem, 0, len(posts))
		recorded := sharedVersion
		if withShared {
			recorded = a.Version
		}
		for _, p := range posts {
			tr, _ := a.Translation(p.input.Locale)
			items = append(items, models.ImportedItem{
				Source: im.source, Kind: models.ImportPost, WPID: int64(p.item.ID), TargetID: a.ID,
				Locale: p.input.Locale, SourceHash: p.hash, TargetVersion: tr.Version, SharedVersion: recorded,
			})
		}
		return items
	}
}
