package wpimport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/payvand/payvand/internal/wxr"
)

// Metadata keys the importer reads. WPML's are the ones its "WPML Export
// and Import" add-on writes on every exported post.
const (
	metaYoastPrimary  = "_yoast_wpseo_primary_category"
	metaWPMLLanguage  = "_wpml_import_language_code"
	metaWPMLGroup     = "_wpml_import_translation_group"
	metaWPMLSourceLng = "_wpml_import_source_language_code"
)

// postEntry is what the first pass keeps of an importable post: enough
// to know its translation group without its text.
type postEntry struct {
	id     int
	locale string
	group  string
	// original is true for the post the others translate (WPML's empty
	// source language; Polylang has no such mark).
	original bool
}

// export is the first pass's reading of an export: everything but the
// posts' text, which the second pass streams.
type export struct {
	site       wxr.Site
	authors    map[string]string // login → display name
	categories []*wxr.Category
	catBySlug  map[string]*wxr.Category
	catByID    map[int]*wxr.Category
	tags       map[string]*wxr.Tag
	// termLang and termGroup are Polylang's languages and translation
	// groups of categories and tags (term_translations), by term id.
	termLang  map[int]string
	termGroup map[int]string
	// posts are the importable posts by id, groups their groups' sizes.
	posts  map[int]*postEntry
	groups map[string]int
	total  int
	// offset is the site's offset from UTC as its dated posts show it.
	offset    *time.Location
	skippedAt map[int]string
	// attachments are the attachments to import (with --uploads).
	attachments []*attachment
}

// scan reads the whole export once: it checks the XML (a malformed file
// is refused before anything is written), and collects the terms, the
// authors and the posts' groups.
func (im *importer) scan(ctx context.Context, r io.Reader) (*export, error) {
	ex := &export{
		authors: map[string]string{}, catBySlug: map[string]*wxr.Category{}, catByID: map[int]*wxr.Category{},
		tags: map[string]*wxr.Tag{}, termLang: map[int]string{}, termGroup: map[int]string{},
		posts: map[int]*postEntry{}, groups: map[string]int{}, skippedAt: map[int]string{},
	}
	rd := wxr.NewReader(r)
	groupLocales := map[string]map[string]int{}
	for n := 0; ; n++ {
		if n%1000 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		rec, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch v := rec.(type) {
		case *wxr.Author:
			ex.authors[v.Login] = v.DisplayName
		case *wxr.Category:
			ex.categories = append(ex.categories, v)
			ex.catBySlug[v.Slug] = v
			ex.catByID[v.TermID] = v
		case *wxr.Tag:
			ex.tags[v.Slug] = v
		case *wxr.Term:
			if v.Taxonomy == "term_translations" {
				m, err := wxr.ParseTranslations(v.Description)
				if err != nil {
					im.report.warn(0, "term translations %s unreadable: %v", v.Slug, err)
					continue
				}
				for lang, id := range m {
					ex.termLang[id] = lang
					ex.termGroup[id] = v.Slug
				}
			}
		case *wxr.Item:
			if ex.offset == nil {
				ex.offset = siteOffset(v)
			}
			if v.Type == "attachment" {
				im.noteAttachment(ex, v)
			}
			e := im.classify(v)
			if e == nil {
				continue
			}
			if groupLocales[e.group] == nil {
				groupLocales[e.group] = map[string]int{}
			}
			if other, dup := groupLocales[e.group][e.locale]; dup {
				im.report.skip(v.ID, "another post of its translation group is in the same language")
				im.report.warn(v.ID, "post %d is also in %s in the same translation group; this one is left out", other, e.locale)
				continue
			}
			groupLocales[e.group][e.locale] = v.ID
			ex.posts[v.ID] = e
			ex.groups[e.group]++
			ex.total++
		}
	}
	ex.site = rd.Site()
	if ex.site.BaseSiteURL == "" {
		ex.site.BaseSiteURL = ex.site.Link
	}
	return ex, nil
}

// classify decides whether an item is imported, counting it as skipped
// with its reason when not.
func (im *importer) classify(it *wxr.Item) *postEntry {
	switch it.Type {
	case "post":
	case "attachment":
		return nil // noteAttachment's
	default:
		im.report.skip(0, "post type "+it.Type)
		return nil
	}
	switch it.Status {
	case "publish", "future", "draft", "pending":
	default:
		im.report.skip(it.ID, "status "+it.Status)
		return nil
	}
	e := &postEntry{id: it.ID}
	lang := itemLanguage(it)
	e.group, e.original = translationGroup(it)
	if e.group == "" {
		e.group = fmt.Sprintf("post:%d", it.ID)
	}
	if lang == "" {
		e.locale = im.defaultLocale
	} else if loc, ok := im.mapLocale(lang); ok {
		e.locale = loc
	} else {
		im.report.skip(it.ID, "language "+lang+" is not configured in Payvand")
		return nil
	}
	return e
}

// translationGroup is an item's translation group, Polylang's
// post_translations term or WPML's group, empty for none; original is
// false for a WPML translation of another item (Polylang has no such
// mark). Posts and attachments carry them alike.
func translationGroup(it *wxr.Item) (group string, original bool) {
	if g := it.TermsOf("post_translations"); len(g) > 0 {
		return "pll:" + g[0].Slug, true
	}
	if v, ok := it.MetaValue(metaWPMLGroup); ok && v != "" {
		src, _ := it.MetaValue(metaWPMLSourceLng)
		return "wpml:" + v, src == ""
	}
	return "", true
}

// mapLocale maps a WordPress language code to a configured locale: by
// --locale-map, the defaults, or the code itself (fa_IR and fa-IR as fa).
func (im *importer) mapLocale(code string) (string, bool) {
	code = strings.ToLower(code)
	candidates := []string{code}
	if base, _, ok := strings.Cut(strings.ReplaceAll(code, "_", "-"), "-"); ok && base != "" {
		candidates = append(candidates, base)
	}
	for _, c := range candidates {
		if loc, ok := im.opts.LocaleMap[c]; ok {
			return loc, im.store.Locales().Has(loc)
		}
		if loc, ok := DefaultLocaleMap[c]; ok && im.store.Locales().Has(loc) {
			return loc, true
		}
		if im.store.Locales().Has(c) {
			return c, true
		}
	}
	return "", false
}

// siteOffset is the site's offset from UTC when an item carries both its
// local and its UTC date, nil otherwise. WordPress exports no time zone;
// its posts' two dates are the closest to one.
func siteOffset(it *wxr.Item) *time.Location {
	const layout = "2006-01-02 15:04:05"
	local, err1 := time.Parse(layout, it.PostDate)
	utc, err2 := time.Parse(layout, it.PostDateGMT)
	if err1 != nil || err2 != nil || it.PostDateGMT == "0000-00-00 00:00:00" {
		return nil
	}
	secs := int(local.Sub(utc).Seconds())
	return time.FixedZone(fmt.Sprintf("UTC%+03d:%02d", secs/3600, abs(secs%3600)/60), secs)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
