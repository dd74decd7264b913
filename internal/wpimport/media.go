package wpimport

import (
	"context"
	"errors"
	"io"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/internal/wxr"
	"github.com/payvand/payvand/models"
)

// Metadata keys of attachments and their posts.
const (
	metaAttachmentAlt = "_wp_attachment_image_alt"
	metaThumbnail     = "_thumbnail_id"
	uploadsMarker     = "/wp-content/uploads/"
)

// attachment is what the first pass keeps of an attachment.
type attachment struct {
	id      int
	url     string
	locale  string
	alt     string
	caption string
	// parent and order place the attachment in its post's [gallery].
	parent, order int
}

// MediaCounts are the attachments an import touched.
type MediaCounts struct {
	Imported  int `json:"imported"`
	Unchanged int `json:"unchanged"`
	Missing   int `json:"missing"`
	// Downloaded counts those of Imported that came from the old site
	// (--fetch-media) rather than the uploads folder.
	Downloaded int `json:"downloaded"`
	Failed     int `json:"failed"`
}

// noteAttachment keeps an attachment for importAttachments, or counts it
// as skipped when the run was given no uploads folder.
func (im *importer) noteAttachment(ex *export, it *wxr.Item) {
	if !im.opts.wantsMedia() {
		im.report.skip(0, "attachments (give --uploads DIR or --fetch-media to import them)")
		return
	}
	lang := itemLanguage(it)
	loc := im.defaultLocale
	if lang != "" {
		mapped, ok := im.mapLocale(lang)
		if !ok {
			// Its picture is still wanted; its texts have no locale here.
			im.report.warn(it.ID, "attachment in language %s, not configured in Payvand: imported without its texts", lang)
			loc = ""
		} else {
			loc = mapped
		}
	}
	alt, _ := it.MetaValue(metaAttachmentAlt)
	ex.attachments = append(ex.attachments, &attachment{
		id: it.ID, url: it.AttachmentURL, locale: loc,
		alt: strings.TrimSpace(alt), caption: strings.TrimSpace(it.Excerpt),
		parent: it.Parent, order: it.MenuOrder,
	})
}

// uploadPath is where an attachment's file is in the uploads folder: its
// URL's path below /wp-content/uploads/, decoded. ok is false for a URL
// outside the uploads or one that would leave the folder.
func uploadPath(dir, raw string) (string, bool) {
	rel, ok := uploadRel(raw)
	if !ok {
		return "", false
	}
	rel = filepath.FromSlash(rel)
	if !filepath.IsLocal(rel) {
		return "", false
	}
	return filepath.Join(dir, rel), true
}

// uploadRel is an address's decoded path below /wp-content/uploads/.
func uploadRel(raw string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", false
	}
	_, rel, found := strings.Cut(u.Path, uploadsMarker)
	return rel, found && rel != ""
}

// importAttachments brings each attachment's file from the uploads folder
// or the old site into the media library once (a re-run finds it
// remembered), before the posts, which name them as featured pictures. A
// missing or refused file is reported and the run goes on.
func (im *importer) importAttachments(ctx context.Context) error {
	im.mediaOf = map[int]uint{}
	im.srcOf = map[string]string{}
	im.hrefOf = map[string]string{}
	list := im.ex.attachments
	if len(list) == 0 {
		return nil
	}
	ids := make([]int64, len(list))
	for i, a := range list {
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
	proc := im.opts.Processor
	if proc == nil {
		proc = media.NewProcessor(media.Config{})
	}
	for i, a := range list {
		if err := ctx.Err(); err != nil {
			return err
		}
		if im.opts.MediaProgress != nil {
			im.opts.MediaProgress(i, len(list))
		}
		if k, ok := known[int64(a.id)]; ok {
			if m, err := im.store.FindMedia(ctx, k.TargetID); err == nil {
				im.found(a, m)
				im.report.Media.Unchanged++
				continue
			}
			// Deleted in Payvand since: imported again.
		}
		if im.opts.DryRun {
			// Nothing is opened, nor downloaded: the counts say what would be.
			src, err := im.locateAttachment(a)
			if miss := (*missingFile)(nil); errors.As(err, &miss) {
				im.missing(a, miss.why)
				continue
			}
			im.report.Media.Imported++
			if src.fetch != nil {
				im.report.Media.Downloaded++
			}
			continue
		}
		r, name, err := im.openAttachment(ctx, a)
		var m *models.Media
		fetched := isDownload(r)
		if err == nil {
			m, err = im.importFile(ctx, proc, a, r, name)
			r.Close()
		}
		if miss := (*missingFile)(nil); errors.As(err, &miss) {
			im.missing(a, miss.why)
			continue
		}
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			im.report.Media.Failed++
			im.report.warn(a.id, "attachment %s not imported: %v", a.url, err)
			continue
		}
		if fetched {
			im.report.Media.Downloaded++
		}
		im.found(a, m)
		im.report.Media.Imported++
	}
	if im.opts.MediaProgress != nil {
		im.opts.MediaProgress(len(list), len(list))
	}
	return nil
}

func (im *importer) missing(a *attachment, why string) {
	im.report.Media.Missing++
	im.report.MissingMedia = append(im.report.MissingMedia, PostNote{PostID: a.id, Message: a.url + ": " + why})
}

// importFile runs one file's bytes through the upload pipeline (type from the
// bytes, size limits, metadata stripped, sizes made) and records it.
func (im *importer) importFile(ctx context.Context, proc *media.Processor, a *attachment, r io.Reader, name string) (*models.Media, error) {
	if im.opts.Media == nil {
		return nil, errors.New("no media store")
	}
	res, err := proc.Process(ctx, r, name)
	if err != nil {
		return nil, err
	}
	if err := res.Save(ctx, im.opts.Media); err != nil {
		return nil, err
	}
	texts := map[string]models.MediaText{}
	if a.locale != "" && (a.alt != "" || a.caption != "") {
		texts[a.locale] = models.MediaText{Alt: a.alt, Caption: a.caption}
	}
	m, err := im.store.SaveMedia(ctx, models.NewMediaInput(res, texts, nil))
	if err != nil && len(texts) > 0 {
		// Texts the library refuses (too long) must not cost the picture.
		im.report.warn(a.id, "attachment texts not kept: %v", err)
		m, err = im.store.SaveMedia(ctx, models.NewMediaInput(res, nil, nil))
	}
	if err != nil {
		return nil, err
	}
	err = im.store.RecordImported(ctx, models.ImportedItem{
		Source: im.source, Kind: models.ImportAttachment, WPID: int64(a.id), TargetID: m.ID, Locale: a.locale,
	})
	return m, err
}

// found remembers the picture attachment a became, for featured pictures
// and for bodies.
func (im *importer) found(a *attachment, m *models.Media) {
	im.mediaOf[a.id] = m.ID
	if rel, ok := uploadRel(a.url); ok {
		im.srcOf[rel] = media.PublicPath(m.Variant(media.VariantMedium).Path)
		im.hrefOf[rel] = media.PublicPath(m.Path)
	}
}

// featured is the media id of the group's featured picture: the first
// post's _thumbnail_id that became a picture. A thumbnail whose file was
// missing is a warning.
func (im *importer) featured(posts []prepared) *uint {
	for _, p := range posts {
		v, ok := p.item.MetaValue(metaThumbnail)
		if !ok {
			continue
		}
		wpID, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || wpID == 0 {
			continue
		}
		if id, ok := im.mediaOf[wpID]; ok {
			return &id
		}
		if im.opts.wantsMedia() && !im.opts.DryRun {
			im.report.warn(p.item.ID, "featured picture (attachment %d) not imported", wpID)
		}
	}
	return nil
}

// itemLanguage is an item's WordPress language: Polylang's language term,
// else WPML's export metadata; empty for none.
func itemLanguage(it *wxr.Item) string {
	if l := it.TermsOf("language"); len(l) > 0 && l[0].Slug != "" {
		return l[0].Slug
	}
	v, _ := it.MetaValue(metaWPMLLanguage)
	return v
}
