package wpimport

import (
	"html"
	"regexp"
	"strconv"
	"strings"
)

var (
	imgSrc = regexp.MustCompile(`(<img\s[^>]*?\bsrc=")([^"]*)(")`)
	// linkHref is a link's address: a link to a file, or "link to media
	// file" around a picture.
	linkHref = regexp.MustCompile(`(<a\s[^>]*?\bhref=")([^"]*)(")`)
	// attachmentPageLink is a link to a picture's attachment page, as the
	// classic editor's "link to attachment page" writes it: its rel names
	// the attachment.
	attachmentPageLink = regexp.MustCompile(`<a\s[^>]*\brel="[^"]*\bwp-att-(\d+)\b[^"]*"[^>]*>`)
	// sizeSuffix is WordPress's resized copy's mark: photo-300x200.jpg.
	sizeSuffix = regexp.MustCompile(`-\d+x\d+(\.[A-Za-z0-9]+)$`)
)

// rewriteUploads points the body's pictures from the uploads folder
// (the file itself or a size WordPress made of it) at the media library's
// copy, which the write path then stores by media id, and links to them
// at the library's original file, the one a reader opening a picture
// expects. It returns the addresses it put in, in order, and the links
// to uploads it left pointing at the old site (a PDF, a picture not in
// the library).
func (im *importer) rewriteUploads(body string) (string, []string, []string) {
	if !strings.Contains(body, uploadsMarker) && !strings.Contains(body, "wp-att-") {
		return body, nil, nil
	}
	var done, left []string
	// The attachment page goes with the old site: the picture's file is
	// what it showed.
	body = attachmentPageLink.ReplaceAllStringFunc(body, func(tag string) string {
		id, _ := strconv.Atoi(attachmentPageLink.FindStringSubmatch(tag)[1])
		a := im.attachmentByID()[id]
		if a == nil {
			return tag
		}
		rel, ok := uploadRel(a.url)
		addr := im.hrefOf[rel]
		if !ok || addr == "" {
			return tag
		}
		loc := linkHref.FindStringSubmatchIndex(tag)
		if loc == nil {
			return tag
		}
		done = append(done, addr)
		return tag[:loc[4]] + addr + tag[loc[5]:]
	})
	rewrite := func(re *regexp.Regexp, to map[string]string, isLink bool) {
		body = re.ReplaceAllStringFunc(body, func(m string) string {
			parts := re.FindStringSubmatch(m)
			raw := html.UnescapeString(parts[2])
			rel, ok := uploadRel(raw)
			if !ok {
				return m
			}
			addr, ok := to[rel]
			if !ok {
				addr, ok = to[sizeSuffix.ReplaceAllString(rel, "$1")]
			}
			if !ok {
				if isLink {
					left = append(left, raw)
				}
				return m
			}
			done = append(done, addr)
			return parts[1] + addr + parts[3]
		})
	}
	rewrite(imgSrc, im.srcOf, false)
	rewrite(linkHref, im.hrefOf, true)
	return body, done, left
}

// reportLinksLeft warns of the links to uploads that still point at the
// old site: a file that is no picture (the library takes only pictures)
// always, a picture only in a run that imports them.
func (im *importer) reportLinksLeft(post int, links []string) {
	for _, l := range links {
		switch {
		case !isPictureFile(l):
			im.report.warn(post, "links to %s, a file the media library does not take: the link still points at the old site", l)
		case im.opts.wantsMedia() && !im.opts.DryRun && !im.fileToCome(l):
			im.report.warn(post, "links to %s, a picture not in the media library: the link still points at the old site", l)
		}
	}
}
