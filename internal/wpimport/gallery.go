package wpimport

import (
	"cmp"
	"html"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/payvand/payvand/internal/richtext"
)

// A [gallery] becomes the editor's figures, one per picture, in the
// gallery's order:
//
//	<figure><img src="/media/…" alt="…"><figcaption dir="auto">…</figcaption></figure>
//
// with the src of the picture's copy in the media library, which the write
// path stores by media id like any body picture, and the alt text and
// caption of the attachment in the post's language.

var (
	galleryShortcode = regexp.MustCompile(`\[gallery(\s[^\]]*)?/?\]`)
	// shortcodeAttr is one name=value of a shortcode, the value in double
	// quotes, single quotes or none, as WordPress's shortcode_parse_atts
	// reads them.
	shortcodeAttr = regexp.MustCompile(`([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s'"\]]+))`)
	// pictureExt are the files a gallery shows and the media library takes.
	pictureExt = []string{".jpg", ".jpeg", ".jpe", ".png", ".gif", ".webp"}
)

// galleryPass converts the galleries of one post and remembers what they
// used: the library srcs put in (part of the post's fingerprint, so the
// post is saved again when a picture arrives later) and the attachments
// not in the library.
type galleryPass struct {
	im       *importer
	post     int
	locale   string
	pictures []string
	missing  []int
}

// expand is the figures a gallery's attributes stand for; ok is false,
// and the shortcode stays as text, when none of its pictures is in the
// media library.
func (g *galleryPass) expand(attrs string) (string, bool) {
	ids := g.im.galleryAttachments(g.post, shortcodeAttrs(attrs))
	var b strings.Builder
	for _, id := range ids {
		a := g.im.attachmentByID()[id]
		src := ""
		if a != nil {
			if rel, ok := uploadRel(a.url); ok {
				src = g.im.srcOf[rel]
			}
		}
		if src == "" {
			if !slices.Contains(g.missing, id) {
				g.missing = append(g.missing, id)
			}
			continue
		}
		alt, caption := g.im.attachmentTexts(a, g.locale)
		b.WriteString(`<figure><img src="` + html.EscapeString(src) + `" alt="` + html.EscapeString(alt) + `">`)
		if caption != "" {
			b.WriteString(`<figcaption dir="auto">` + html.EscapeString(caption) + `</figcaption>`)
		}
		b.WriteString("</figure>\n")
		g.pictures = append(g.pictures, src)
	}
	if b.Len() == 0 {
		return "", false
	}
	return strings.TrimSuffix(b.String(), "\n"), true
}

// shortcodeAttrs reads a shortcode's attributes; names lower-cased, as
// WordPress does.
func shortcodeAttrs(s string) map[string]string {
	out := map[string]string{}
	for _, m := range shortcodeAttr.FindAllStringSubmatch(s, -1) {
		out[strings.ToLower(m[1])] = m[2] + m[3] + m[4]
	}
	return out
}

// galleryAttachments are the attachment ids a gallery shows, in its
// order: ids= (or include=) as given; else the pictures attached to the
// post (or to the post id= names), in menu order then id, less exclude=,
// reversed by order="DESC". Other orders (orderby="rand", "title") are
// not WordPress's default and keep the default one.
func (im *importer) galleryAttachments(post int, attrs map[string]string) []int {
	list := cmp.Or(attrs["ids"], attrs["include"])
	if list != "" {
		return idList(list)
	}
	parent := post
	if id, err := strconv.Atoi(strings.TrimSpace(attrs["id"])); err == nil && id > 0 {
		parent = id
	}
	exclude := idList(attrs["exclude"])
	im.attachmentByID()
	var children []*attachment
	for _, a := range im.attachmentsOfPost[parent] {
		if isPictureFile(a.url) && !slices.Contains(exclude, a.id) {
			children = append(children, a)
		}
	}
	slices.SortStableFunc(children, func(x, y *attachment) int {
		return cmp.Or(cmp.Compare(x.order, y.order), cmp.Compare(x.id, y.id))
	})
	ids := make([]int, len(children))
	for i, a := range children {
		ids[i] = a.id
	}
	if strings.EqualFold(strings.TrimSpace(attrs["order"]), "desc") {
		slices.Reverse(ids)
	}
	return ids
}

// idList reads "3, 1,2" as [3 1 2], leaving out what is no id.
func idList(s string) []int {
	var ids []int
	for _, f := range strings.Split(s, ",") {
		if id, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && id > 0 {
			ids = append(ids, id)
		}
	}
	return ids
}

// isPictureFile tells pictures from other uploads (a PDF, a recording) by
// the address's extension: the export does not say a file's type.
func isPictureFile(raw string) bool {
	rel, ok := uploadRel(raw)
	if !ok {
		rel = raw
	}
	return slices.Contains(pictureExt, strings.ToLower(path.Ext(rel)))
}

// attachmentByID indexes the export's attachments by id, once, and by
// address and post with it.
func (im *importer) attachmentByID() map[int]*attachment {
	if im.attachmentIndex == nil {
		im.attachmentIndex = make(map[int]*attachment, len(im.ex.attachments))
		im.attachmentsOfFile = map[string][]*attachment{}
		im.attachmentsOfPost = map[int][]*attachment{}
		for _, a := range im.ex.attachments {
			im.attachmentIndex[a.id] = a
			im.attachmentsOfFile[a.url] = append(im.attachmentsOfFile[a.url], a)
			if a.parent != 0 {
				im.attachmentsOfPost[a.parent] = append(im.attachmentsOfPost[a.parent], a)
			}
		}
	}
	return im.attachmentIndex
}

// attachmentTexts are a picture's alt text and caption in locale: the
// attachment's own when it is in that language, else those of its
// translation (an attachment of the same file in that language, as
// Polylang and WPML make them); none in another language.
func (im *importer) attachmentTexts(a *attachment, locale string) (alt, caption string) {
	im.attachmentByID()
	for _, t := range append([]*attachment{a}, im.attachmentsOfFile[a.url]...) {
		if t.locale == locale {
			return t.alt, richtext.PlainText(t.caption)
		}
	}
	return "", ""
}

// joinInts writes ids as "3, 1, 2".
func joinInts(ids []int) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.Itoa(id)
	}
	return strings.Join(s, ", ")
}
