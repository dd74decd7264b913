package wpimport

import (
	"context"
	"html"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/payvand/payvand/internal/wxr"
)

// pictureState is what a run knows of the picture phase.
type pictureState struct {
	// pictures are the export's pictures; pending those the picture phase
	// is to bring, waitAtt and waitRel them by attachment id and by file
	// path below the uploads, until relink.
	pictures []*picture
	pending  []*picture
	waitAtt  map[int]*picture
	waitRel  map[string]*picture
	// waiting are the translation groups saved without a picture still to
	// come: the groups relink reads again. waitCodes are the shortcodes
	// the text pass counted in their posts, by post id; relinked the
	// posts relink prepared again, whose counts replace those.
	waiting   map[string]bool
	waitCodes map[int][]string
	relinked  []int
	// relinking is set during relink's pass.
	relinking bool
}

var (
	// uploadsRef is an address below the uploads anywhere in a post's
	// text: a picture, a link, whatever names a file.
	uploadsRef = regexp.MustCompile(`[^\s"'<>()\[\]]*` + regexp.QuoteMeta(uploadsMarker) + `[^\s"'<>()\[\]]+`)
)

// noteWaiting remembers a group whose posts name a picture the picture
// phase is still to bring (a featured picture, a file in a body, a
// gallery's), so relink reads it again. It errs on the side of noting:
// a group noted in vain costs relink a reading, never a save, since the
// update path saves only what changed.
func (im *importer) noteWaiting(posts []prepared) {
	if im.relinking {
		for _, p := range posts {
			im.relinked = append(im.relinked, p.item.ID)
		}
		return
	}
	if len(im.pending) == 0 || im.opts.DryRun || len(posts) == 0 {
		return
	}
	waits := false
	for _, p := range posts {
		if waits = im.waitsForPicture(p.item); waits {
			break
		}
	}
	if !waits {
		return
	}
	im.waiting[posts[0].entry.group] = true
	for _, p := range posts {
		if len(p.codes) > 0 {
			im.waitCodes[p.item.ID] = p.codes
		}
	}
}

// waitsForPicture says whether a post names a picture still to come.
func (im *importer) waitsForPicture(it *wxr.Item) bool {
	if v, ok := it.MetaValue(metaThumbnail); ok {
		if id, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && im.attachmentToCome(id) {
			return true
		}
	}
	for _, ref := range uploadsRef.FindAllString(it.Content, -1) {
		if im.fileToCome(html.UnescapeString(ref)) {
			return true
		}
	}
	// A gallery shows what the conversion reads from it: its ids, or the
	// pictures attached to the post it is in (or names with id=).
	for _, m := range galleryShortcode.FindAllStringSubmatch(it.Content, -1) {
		if slices.ContainsFunc(im.galleryAttachments(it.ID, shortcodeAttrs(m[1])), im.attachmentToCome) {
			return true
		}
	}
	return false
}

// attachmentToCome says whether the picture phase is still to bring
// attachment id: no reason yet to warn that it is not in the library.
func (im *importer) attachmentToCome(id int) bool {
	_, ok := im.waitAtt[id]
	return ok
}

// fileToCome is attachmentToCome for an address below the uploads.
func (im *importer) fileToCome(raw string) bool { return im.fileWaiting(raw) != nil }

// fileWaiting is the picture still to come an address below the uploads
// names (the file itself or a size WordPress made of it), nil for none.
func (im *importer) fileWaiting(raw string) *picture {
	rel, ok := uploadRel(raw)
	if !ok {
		return nil
	}
	if p, ok := im.waitRel[rel]; ok {
		return p
	}
	return im.waitRel[sizeSuffix.ReplaceAllString(rel, "$1")]
}

// relink runs after the picture phase: the groups that named a picture
// still to come are read again (a third streaming pass that skips every
// other group) and go through the update path, which saves only the
// posts whose fingerprint, pictures included, changed and leaves alone
// those edited in Payvand since (unless --overwrite). The pictures that
// did not come are no longer awaited: the posts are warned of them now.
// Its report is kept apart and merged as articles relinked, so a post is
// not counted twice.
func (im *importer) relink(ctx context.Context, open func() (io.ReadCloser, error)) error {
	want := im.waiting
	im.waitAtt, im.waitRel, im.waiting = nil, nil, nil
	if len(want) == 0 || im.opts.DryRun {
		return nil
	}
	f, err := open()
	if err != nil {
		return err
	}
	defer f.Close()
	run := im.report
	im.report = newReport(run.DryRun)
	im.relinking = true
	defer func() {
		run.mergeRelinked(im.report, im.relinked, im.waitCodes)
		im.report = run
		im.relinking = false
	}()
	return im.importPosts(ctx, f, func(group string) bool { return want[group] })
}

// mergeRelinked adds relink's report to the run's: its updates as
// articles relinked, its notes where the run's lack them, and the
// shortcodes left in the posts it prepared again (posts) in place of
// those the text pass counted in them (codes).
func (r *Report) mergeRelinked(s *Report, posts []int, codes map[int][]string) {
	for _, id := range posts {
		for _, c := range codes[id] {
			r.Shortcodes[c]--
			r.ShortcodePosts[c] = slices.DeleteFunc(r.ShortcodePosts[c], func(p int) bool { return p == id })
		}
	}
	for c, n := range s.Shortcodes {
		r.Shortcodes[c] += n
		r.ShortcodePosts[c] = append(r.ShortcodePosts[c], s.ShortcodePosts[c]...)
	}
	for c, n := range r.Shortcodes {
		slices.Sort(r.ShortcodePosts[c])
		r.ShortcodePosts[c] = slices.Compact(r.ShortcodePosts[c])
		if n <= 0 {
			delete(r.Shortcodes, c)
			delete(r.ShortcodePosts, c)
		}
	}
	r.Articles.Relinked += s.Articles.Updated
	r.Articles.Failed += s.Articles.Failed
	r.NotOverwritten = appendNew(r.NotOverwritten, s.NotOverwritten)
	r.Overwritten = appendNew(r.Overwritten, s.Overwritten)
	r.Warnings = appendNew(r.Warnings, s.Warnings)
	for _, n := range s.SkippedPosts {
		if !slices.Contains(r.SkippedPosts, n) {
			r.SkippedPosts = append(r.SkippedPosts, n)
			r.Skipped[n.Message]++
		}
	}
}

func appendNew(to, from []PostNote) []PostNote {
	for _, n := range from {
		if !slices.Contains(to, n) {
			to = append(to, n)
		}
	}
	return to
}
