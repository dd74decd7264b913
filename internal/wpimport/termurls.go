package wpimport

import (
	"context"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"

	"github.com/payvand/payvand/internal/wxr"
	"github.com/payvand/payvand/models"
)

// recordTermURLs records the old addresses of every category that became
// a section and every tag that became a tag (termPaths) as redirects to
// it, in the term's language (Polylang's term_language; none on a site
// without a language plugin). Like recordOldURLs it runs on every run and
// upserts; a dry run records none. Should the batch be refused, each term
// is tried alone so only the refused ones are lost, each a warning.
func (im *importer) recordTermURLs(ctx context.Context) {
	if im.opts.DryRun {
		return
	}
	var terms [][]models.RedirectInput
	for _, c := range im.ex.categories {
		id := im.sectionOf[c.Slug]
		if id == 0 {
			continue
		}
		var in []models.RedirectInput
		for _, p := range categoryPaths(im.ex.catBySlug, c) {
			in = append(in, models.RedirectInput{Path: p, Locale: im.termLocale(c.TermID), SectionID: id})
		}
		terms = append(terms, in)
	}
	for _, slug := range slices.Sorted(maps.Keys(im.tagOf)) {
		id := im.tagOf[slug]
		if id == 0 {
			continue
		}
		loc := ""
		if t := im.ex.tags[slug]; t != nil {
			loc = im.termLocale(t.TermID)
		}
		var in []models.RedirectInput
		for _, p := range tagPaths(slug) {
			in = append(in, models.RedirectInput{Path: p, Locale: loc, TagID: id})
		}
		terms = append(terms, in)
	}
	if len(terms) == 0 || im.store.SaveRedirects(ctx, im.source, slices.Concat(terms...)) == nil {
		return
	}
	for _, in := range terms {
		if err := im.store.SaveRedirects(ctx, im.source, in); err != nil {
			im.report.warn(0, "the old addresses of %s were not recorded: %v", in[0].Path, err)
		}
	}
}

// termLocale is the locale a term is in: its Polylang language mapped to
// a configured locale, or none (a site without a language plugin, or a
// language Payvand is not configured for: the address then answers in
// whichever language the target has).
func (im *importer) termLocale(termID int) string {
	lang, ok := im.ex.termLang[termID]
	if !ok {
		return ""
	}
	if loc, configured := im.mapLocale(lang); configured {
		return loc
	}
	return ""
}

// categoryPaths are the addresses a category answered at: WordPress's
// default hierarchical permalink, /category/<parent>/<child>/ made of the
// parents' nicenames (percent-decoded), and /?cat=<term id>.
func categoryPaths(bySlug map[string]*wxr.Category, c *wxr.Category) []string {
	segs := []string{wxr.DecodeSlug(c.Slug)}
	seen := map[string]bool{c.Slug: true}
	for p := bySlug[c.Parent]; p != nil && !seen[p.Slug]; p = bySlug[p.Parent] {
		seen[p.Slug] = true // a parent loop in a broken export ends here
		segs = append(segs, wxr.DecodeSlug(p.Slug))
	}
	slices.Reverse(segs)
	return []string{"/category/" + strings.Join(segs, "/") + "/", fmt.Sprintf("/?cat=%d", c.TermID)}
}

// tagPaths are the addresses a tag answered at: /tag/<nicename>/ and
// /?tag=<nicename>.
func tagPaths(nicename string) []string {
	name := wxr.DecodeSlug(nicename)
	return []string{"/tag/" + name + "/", "/?tag=" + url.QueryEscape(name)}
}
