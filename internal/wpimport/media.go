package wpimport

import (
	"net/url"
	"path/filepath"
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
	// group is its translation group (Polylang's or WPML's, as posts
	// have them), original false for a WPML translation: the attachments
	// of a group become one picture with texts per locale.
	group    string
	original bool
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

// noteAttachment keeps an attachment for the picture phase (loadPictures,
// importPictures), or counts it as skipped when the run imports none.
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
	a := &attachment{
		id: it.ID, url: it.AttachmentURL, locale: loc,
		alt: strings.TrimSpace(alt), caption: strings.TrimSpace(it.Excerpt),
		parent: it.Parent, order: it.MenuOrder,
	}
	a.group, a.original = translationGroup(it)
	ex.attachments = append(ex.attachments, a)
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

func (im *importer) missing(a *attachment, why string) {
	im.report.Media.Missing++
	im.report.MissingMedia = append(im.report.MissingMedia, PostNote{PostID: a.id, Message: a.url + ": " + why})
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
		if _, coming := im.waitAtt[wpID]; !coming && im.opts.wantsMedia() && !im.opts.DryRun {
			// One still to come in the picture phase is set then, or
			// reported there as missing or failed.
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
