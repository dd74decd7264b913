package wpimport

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/models"
)

// picture is one media item to be: an attachment with its translations
// (the same picture with texts in other languages, one media item with
// alt text and caption per locale), or, outside a translation group, the
// attachments that name the same file.
type picture struct {
	// members are the attachments, the original first: WPML's source,
	// then the default locale's.
	members []*attachment
}

// texts are the picture's alt texts and captions by locale, the first
// member's where two share a locale.
func (p *picture) texts() map[string]models.MediaText {
	texts := map[string]models.MediaText{}
	for _, a := range p.members {
		if _, ok := texts[a.locale]; ok || a.locale == "" || (a.alt == "" && a.caption == "") {
			continue
		}
		texts[a.locale] = models.MediaText{Alt: a.alt, Caption: a.caption}
	}
	return texts
}

// groupPictures joins attachments into pictures, in the export's order.
func groupPictures(list []*attachment, defaultLocale string) []*picture {
	var out []*picture
	byKey := map[string]*picture{}
	for _, a := range list {
		key := a.group
		if key == "" {
			if rel, ok := uploadRel(a.url); ok {
				key = "file:" + rel
			} else {
				key = "id:" + strconv.Itoa(a.id)
			}
		}
		p := byKey[key]
		if p == nil {
			p = &picture{}
			byKey[key] = p
			out = append(out, p)
		}
		p.members = append(p.members, a)
	}
	rank := func(a *attachment) int {
		switch {
		case !a.original:
			return 2
		case a.locale == defaultLocale || a.group == "" || strings.HasPrefix(a.group, "wpml:"):
			return 0
		}
		return 1
	}
	for _, p := range out {
		slices.SortStableFunc(p.members, func(a, b *attachment) int { return cmp.Compare(rank(a), rank(b)) })
	}
	return out
}

// loadPictures runs before the posts: it finds the pictures earlier runs
// imported (the posts are saved with them) and lists the rest for the
// picture phase, which runs after the posts. An attachment added to a
// picture's translation group since is joined to its media item at once:
// its texts need no decoding.
func (im *importer) loadPictures(ctx context.Context) error {
	im.mediaOf = map[int]uint{}
	im.srcOf = map[string]string{}
	im.hrefOf = map[string]string{}
	im.waitAtt = map[int]*picture{}
	im.waitRel = map[string]*picture{}
	im.waiting = map[string]bool{}
	im.waitCodes = map[int][]string{}
	im.relinked = nil
	im.pictures = groupPictures(im.ex.attachments, im.defaultLocale)
	im.pending = nil
	if len(im.pictures) == 0 {
		return nil
	}
	ids := make([]int64, len(im.ex.attachments))
	for i, a := range im.ex.attachments {
		ids[i] = int64(a.id)
	}
	known := map[int64]models.ImportedItem{}
	for chunk := range slices.Chunk(ids, 500) {
		found, err := im.store.FindImported(ctx, im.source, models.ImportAttachment, chunk)
		if err != nil {
			return err
		}
		for k, v := range found {
			known[k] = v
		}
	}
	var mediaIDs []uint
	for _, k := range known {
		mediaIDs = append(mediaIDs, k.TargetID)
	}
	stored, err := im.store.FindMediaByIDs(ctx, mediaIDs)
	if err != nil {
		return err
	}
	// mediaFor is the media item a remembered attachment became, nil for
	// one never imported or deleted in Payvand since (imported again).
	mediaFor := func(a *attachment) *models.Media {
		if k, ok := known[int64(a.id)]; ok {
			return stored[k.TargetID]
		}
		return nil
	}
	for _, p := range im.pictures {
		var target *models.Media
		for _, a := range p.members {
			if target = mediaFor(a); target != nil {
				break
			}
		}
		if target == nil {
			im.pending = append(im.pending, p)
			for _, a := range p.members {
				im.waitAtt[a.id] = p
				if rel, ok := uploadRel(a.url); ok {
					im.waitRel[rel] = p
				}
			}
			continue
		}
		var joined []*attachment
		for _, a := range p.members {
			if m := mediaFor(a); m != nil {
				im.found(a, m)
				im.report.Media.Unchanged++
			} else {
				joined = append(joined, a)
			}
		}
		if err := im.join(ctx, target, joined); err != nil {
			return err
		}
	}
	return nil
}

// join adds attachments to the media item m their translation group
// already became: their texts where m has none in their locale (an
// editor's in Payvand are kept), and the records.
func (im *importer) join(ctx context.Context, m *models.Media, list []*attachment) error {
	if len(list) == 0 {
		return nil
	}
	texts := (&picture{members: list}).texts()
	for loc := range texts {
		if t := m.Text(loc); t.Alt != "" || t.Caption != "" {
			delete(texts, loc)
		}
	}
	err := im.writeJoin(ctx, m.ID, texts, list)
	if err != nil && ctx.Err() != nil {
		return ctx.Err()
	}
	for _, a := range list {
		if err != nil {
			im.report.Media.Failed++
			im.report.warn(a.id, "attachment %s not joined to picture %d: %v", a.url, m.ID, err)
			continue
		}
		im.found(a, m)
		im.report.Media.Imported++
	}
	return nil
}

func (im *importer) writeJoin(ctx context.Context, id uint, texts map[string]models.MediaText, list []*attachment) error {
	if im.opts.DryRun {
		return nil
	}
	if len(texts) > 0 {
		if err := im.store.UpdateMediaTexts(ctx, id, texts); err != nil {
			return err
		}
	}
	return im.recordPicture(ctx, id, list)
}

// recordPicture remembers that the attachments became media item id.
func (im *importer) recordPicture(ctx context.Context, id uint, list []*attachment) error {
	items := make([]models.ImportedItem, len(list))
	for i, a := range list {
		items[i] = models.ImportedItem{Source: im.source, Kind: models.ImportAttachment, WPID: int64(a.id), TargetID: id, Locale: a.locale}
	}
	return im.store.RecordImported(ctx, items...)
}

// processed is what a worker made of one picture: the files stored, or
// why not.
type processed struct {
	p   *picture
	res *media.Result // nil on a dry run
	// missing says, per member, why its file was not found, when none was.
	missing []string
	// downloaded is set when the bytes came from the old site.
	downloaded bool
	err        error
}

// importPictures is the picture phase: the pictures not imported yet are
// decoded, resized and encoded by a few workers at once (one per CPU:
// each holds one decoded picture, up to media.Config.MaxPixels × 4
// bytes, so memory stays bounded), and each is recorded the moment it is
// done, through the store's write path one at a time, so a run cut off
// and started again goes on with the pictures not yet done.
func (im *importer) importPictures(ctx context.Context) error {
	if len(im.pictures) == 0 {
		return nil
	}
	total := len(im.pictures)
	done := total - len(im.pending)
	im.mediaProgress(done, total)
	if len(im.pending) == 0 {
		return nil
	}
	proc := im.opts.Processor
	if proc == nil {
		proc = media.NewProcessor(media.Config{})
	}
	workers := im.opts.PictureWorkers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, len(im.pending))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan *picture)
	results := make(chan processed, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for p := range jobs {
				results <- im.processPicture(ctx, proc, p)
			}
		})
	}
	go func() {
		defer close(jobs)
		for _, p := range im.pending {
			select {
			case jobs <- p:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	var stop error
	for r := range results {
		if stop != nil {
			continue // draining, so the workers can end
		}
		if stop = ctx.Err(); stop == nil {
			stop = im.savePicture(ctx, r)
		}
		if stop != nil {
			cancel()
			continue
		}
		done++
		im.mediaProgress(done, total)
	}
	return stop
}

func (im *importer) mediaProgress(done, total int) {
	if im.opts.MediaProgress != nil {
		im.opts.MediaProgress(done, total)
	}
}

// processPicture stores one picture's files: the first member's whose
// file can be had (translations usually share one). It runs in the
// workers, so it reads the importer and writes nothing of it. A panic
// while it decodes or stores (a file no decoder foresaw) fails this
// picture alone: in a worker's goroutine it would end the whole process,
// the server with it when the admin's Import page runs the import.
func (im *importer) processPicture(ctx context.Context, proc *media.Processor, p *picture) (out processed) {
	defer func() {
		if r := recover(); r != nil {
			out = processed{p: p, err: fmt.Errorf("processing panicked: %v", r)}
		}
	}()
	var missing []string
	for _, a := range p.members {
		res, downloaded, err := im.processAttachment(ctx, proc, a)
		if miss := (*missingFile)(nil); errors.As(err, &miss) {
			missing = append(missing, miss.why)
			continue
		}
		return processed{p: p, res: res, downloaded: downloaded, err: err}
	}
	return processed{p: p, missing: missing}
}

// processAttachment stores the files of an attachment's picture; on a dry
// run it only finds where they are (nothing is opened, nor downloaded:
// the counts say what would be). A file that cannot be had, before or
// while it is read, is a *missingFile error.
func (im *importer) processAttachment(ctx context.Context, proc *media.Processor, a *attachment) (res *media.Result, downloaded bool, err error) {
	if im.opts.DryRun {
		src, err := im.locateAttachment(a)
		return nil, src.fetch != nil, err
	}
	if im.opts.Media == nil {
		return nil, false, errors.New("no media store")
	}
	r, name, err := im.openAttachment(ctx, a)
	if err != nil {
		return nil, false, err
	}
	defer r.Close()
	res, err = proc.Process(ctx, r, name)
	if err == nil {
		err = res.Save(ctx, im.opts.Media)
	}
	return res, isDownload(r), err
}

// savePicture records what a worker made of a picture; only a cancelled
// run is an error, a missing or refused picture is reported.
func (im *importer) savePicture(ctx context.Context, r processed) error {
	members := r.p.members
	if len(r.missing) > 0 {
		for i, a := range members {
			im.missing(a, r.missing[i])
		}
		return nil
	}
	var m *models.Media
	if r.err == nil && !im.opts.DryRun {
		m, r.err = im.saveMedia(ctx, r.p, r.res)
	}
	if r.err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		im.report.Media.Failed += len(members)
		im.report.warn(members[0].id, "attachment %s not imported: %v", members[0].url, r.err)
		return nil
	}
	im.report.Media.Imported += len(members)
	if r.downloaded {
		im.report.Media.Downloaded += len(members)
	}
	if m == nil {
		return nil // dry run
	}
	for _, a := range members {
		im.found(a, m)
	}
	return nil
}

// saveMedia records a processed picture as one media item with its
// members' texts, and the members as imported into it.
func (im *importer) saveMedia(ctx context.Context, p *picture, res *media.Result) (*models.Media, error) {
	texts := p.texts()
	m, err := im.store.SaveMedia(ctx, models.NewMediaInput(res, texts, nil))
	if err != nil && len(texts) > 0 && ctx.Err() == nil {
		// Texts the library refuses (too long) must not cost the picture.
		im.report.warn(p.members[0].id, "attachment texts not kept: %v", err)
		m, err = im.store.SaveMedia(ctx, models.NewMediaInput(res, nil, nil))
	}
	if err != nil {
		return nil, err
	}
	return m, im.recordPicture(ctx, m.ID, p.members)
}
