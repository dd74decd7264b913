package wpimport

import (
	"html"
	"regexp"
)

var (
	imgSrc = regexp.MustCompile(`(<img\s[^>]*?\bsrc=")([^"]*)(")`)
	// sizeSuffix is WordPress's resized copy's mark: photo-300x200.jpg.
	sizeSuffix = regexp.MustCompile(`-\d+x\d+(\.[A-Za-z0-9]+)$`)
)

// rewriteUploads points the body's pictures from the uploads folder
// (the file itself or a size WordPress made of it) at the media library's
// copy, which the write path then stores by media id. It returns the srcs
// it put in, in order.
func (im *importer) rewriteUploads(body string) (string, []string) {
	if len(im.srcOf) == 0 {
		return body, nil
	}
	var done []string
	body = imgSrc.ReplaceAllStringFunc(body, func(m string) string {
		parts := imgSrc.FindStringSubmatch(m)
		rel, ok := uploadRel(html.UnescapeString(parts[2]))
		if !ok {
			return m
		}
		src, ok := im.srcOf[rel]
		if !ok {
			src, ok = im.srcOf[sizeSuffix.ReplaceAllString(rel, "$1")]
		}
		if !ok {
			return m
		}
		done = append(done, src)
		return parts[1] + src + parts[3]
	})
	return body, done
}
