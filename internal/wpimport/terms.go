package wpimport

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/payvand/payvand/internal/textnorm"
	"github.com/payvand/payvand/internal/wxr"
	"github.com/payvand/payvand/models"
)

// importSections makes a section of every category (translations of one
// category become one section, named per locale), parents first, unless
// --section-map sends the category into an existing section or an earlier
// run made it already.
func (im *importer) importSections(ctx context.Context) error {
	for wpSlug, secSlug := range im.opts.SectionMap {
		sec, err := im.store.FindSectionBySlug(ctx, secSlug)
		if errors.Is(err, models.ErrNotFound) {
			return fmt.Errorf("--section-map: there is no section %q", secSlug)
		}
		if err != nil {
			return err
		}
		im.sectionOf[wpSlug] = sec.ID
	}
	ids := make([]int64, 0, len(im.ex.categories))
	for _, c := range im.ex.categories {
		ids = append(ids, int64(c.TermID))
	}
	known, err := im.store.FindImported(ctx, im.source, models.ImportCategory, ids)
	if err != nil {
		return err
	}
	visiting := map[string]bool{}
	var visit func(c *wxr.Category) error
	visit = func(c *wxr.Category) error {
		if _, done := im.sectionOf[c.Slug]; done || visiting[c.Slug] {
			return nil
		}
		visiting[c.Slug] = true
		if p, ok := im.ex.catBySlug[c.Parent]; ok && c.Parent != "" {
			if err := visit(p); err != nil {
				return err
			}
		}
		return im.section(ctx, c, known)
	}
	for _, c := range im.ex.categories {
		if err := visit(c); err != nil {
			return err
		}
	}
	return nil
}

// members are a category and its translations.
func (im *importer) members(c *wxr.Category) []*wxr.Category {
	group := im.ex.termGroup[c.TermID]
	if group == "" {
		return []*wxr.Category{c}
	}
	var out []*wxr.Category
	for _, o := range im.ex.categories {
		if im.ex.termGroup[o.TermID] == group {
			out = append(out, o)
		}
	}
	return out
}

// section finds or makes the section of category c and its translations.
func (im *importer) section(ctx context.Context, c *wxr.Category, known map[int64]models.ImportedItem) error {
	members := im.members(c)
	for _, m := range members {
		if k, ok := known[int64(m.TermID)]; ok {
			for _, o := range members {
				im.sectionOf[o.Slug] = k.TargetID
			}
			return nil
		}
	}
	def := im.store.Locales().Default().Code
	names := map[string]string{}
	for _, m := range members {
		loc := im.defaultLocale
		if lang, ok := im.ex.termLang[m.TermID]; ok {
			l, configured := im.mapLocale(lang)
			if !configured {
				continue
			}
			loc = l
		}
		if _, dup := names[loc]; !dup {
			names[loc] = m.Name
		}
	}
	if names[def] == "" {
		for _, m := range members {
			names[def] = m.Name
			break
		}
		im.report.warn(0, "category %q has no name in %s; it is named %q there until an editor translates it", wxr.DecodeSlug(c.Slug), def, names[def])
	}
	slug := ""
	for _, m := range members {
		if s := wxr.DecodeSlug(m.Slug); textnorm.IsValidSlug(s, textnorm.SlugLatin) {
			slug = s
			break
		}
	}
	if slug == "" {
		slug = textnorm.Slug(names[def], textnorm.SlugLatin)
	}
	if slug == "" {
		slug = fmt.Sprintf("section-%d", c.TermID)
	}
	var parent *uint
	if c.Parent != "" {
		if id, ok := im.sectionOf[c.Parent]; ok && id != 0 {
			parent = &id
		}
	}
	var id uint
	existing, err := im.store.FindSectionBySlug(ctx, slug)
	switch {
	case err == nil:
		// A section of that slug exists: an earlier run cut off before
		// remembering it, or the site's own. Either way it is the place.
		id = existing.ID
	case !errors.Is(err, models.ErrNotFound):
		return err
	case im.opts.DryRun:
		im.report.SectionsMade++
	default:
		sec, err := im.store.SaveSection(ctx, models.SectionInput{Slug: slug, ParentID: parent, Names: names})
		if err != nil {
			im.report.warn(0, "category %q could not become a section (%v); its posts go to the fallback section", wxr.DecodeSlug(c.Slug), err)
			return nil
		}
		im.report.SectionsMade++
		id = sec.ID
	}
	var records []models.ImportedItem
	for _, m := range members {
		im.sectionOf[m.Slug] = id
		records = append(records, models.ImportedItem{Source: im.source, Kind: models.ImportCategory, WPID: int64(m.TermID), TargetID: id})
	}
	if im.opts.DryRun || id == 0 {
		return nil
	}
	return im.store.RecordImported(ctx, records...)
}

// fallbackSection is where posts without a usable category go: the
// export's "uncategorized", else the site's first section, else a new
// "imported" one.
func (im *importer) fallbackSection(ctx context.Context) (uint, error) {
	if im.fallback != 0 {
		return im.fallback, nil
	}
	if id, ok := im.sectionOf["uncategorized"]; ok && id != 0 {
		im.fallback = id
		return id, nil
	}
	secs, err := im.store.ListSections(ctx)
	if err != nil {
		return 0, err
	}
	if len(secs) > 0 {
		im.fallback = secs[0].ID
		return im.fallback, nil
	}
	if im.opts.DryRun {
		return 0, nil
	}
	def := im.store.Locales().Default().Code
	sec, err := im.store.SaveSection(ctx, models.SectionInput{Slug: "imported", Names: map[string]string{def: "Imported"}})
	if err != nil {
		return 0, err
	}
	im.report.SectionsMade++
	im.fallback = sec.ID
	return sec.ID, nil
}

// shared is a group's shared fields: the first post's primary category
// (Yoast's, else its first) as section, every post's tags.
func (im *importer) shared(ctx context.Context, posts []prepared) (*models.SharedInput, error) {
	first := posts[0].item
	sh := &models.SharedInput{Tags: []uint{}}
	var catSlug string
	if v, ok := first.MetaValue(metaYoastPrimary); ok {
		var id int
		if _, err := fmt.Sscan(v, &id); err == nil {
			if c, ok := im.ex.catByID[id]; ok {
				catSlug = c.Slug
			}
		}
	}
	if catSlug == "" {
		if cats := first.TermsOf("category"); len(cats) > 0 {
			catSlug = cats[0].Slug
		}
	}
	if id, ok := im.sectionOf[catSlug]; ok && id != 0 {
		sh.SectionID = id
	} else {
		id, err := im.fallbackSection(ctx)
		if err != nil {
			return nil, err
		}
		sh.SectionID = id
	}
	seen := map[uint]bool{}
	for _, p := range posts {
		for _, t := range p.item.TermsOf("post_tag") {
			id, err := im.tag(ctx, t, p.input.Locale, p.item.ID)
			if err != nil {
				return nil, err
			}
			if id != 0 && !seen[id] {
				seen[id] = true
				sh.Tags = append(sh.Tags, id)
			}
		}
	}
	return sh, nil
}

// tag finds or makes the tag of a post's tag term, named in the post's
// locale; translations of one tag (Polylang's term_translations) share it.
func (im *importer) tag(ctx context.Context, t wxr.ItemTerm, loc string, postID int) (uint, error) {
	if id, ok := im.tagOf[t.Slug]; ok {
		return id, nil
	}
	wpTag := im.ex.tags[t.Slug]
	var ids []int64
	if wpTag != nil {
		ids = append(ids, int64(wpTag.TermID))
		if group := im.ex.termGroup[wpTag.TermID]; group != "" {
			for id, g := range im.ex.termGroup {
				if g == group && id != wpTag.TermID {
					ids = append(ids, int64(id))
				}
			}
		}
	}
	known, err := im.store.FindImported(ctx, im.source, models.ImportTag, ids)
	if err != nil {
		return 0, err
	}
	var id uint
	for _, k := range known {
		id = k.TargetID
		break
	}
	name := t.Name
	if wpTag != nil && wpTag.Name != "" {
		name = wpTag.Name
	}
	slug := im.latinTagSlug(t.Slug, ids)
	if id == 0 {
		if id, err = im.existingTag(ctx, slug, name, loc); err != nil {
			return 0, err
		}
	}
	if im.opts.DryRun {
		if id == 0 {
			im.report.TagsMade++
		}
		im.tagOf[t.Slug] = id
		return id, nil
	}
	if id == 0 {
		tag, err := im.store.SaveTag(ctx, models.TagInput{Slug: slug, Names: map[string]string{loc: name}})
		if err != nil {
			im.report.warn(postID, "tag %q left out: %v", name, err)
			im.tagOf[t.Slug] = 0
			return 0, nil
		}
		im.report.TagsMade++
		id = tag.ID
	} else if tag, err := im.store.FindTag(ctx, id); err == nil && tag.Name(loc) == "" {
		// A translation of a tag imported before: its name in this locale.
		if _, err := im.store.SaveTag(ctx, models.TagInput{ID: id, Version: tag.Version, Names: map[string]string{loc: name}}); err != nil {
			im.report.warn(postID, "tag %q: name in %s not saved: %v", name, loc, err)
		}
	}
	im.tagOf[t.Slug] = id
	if wpTag == nil {
		return id, nil
	}
	return id, im.store.RecordImported(ctx, models.ImportedItem{Source: im.source, Kind: models.ImportTag, WPID: int64(wpTag.TermID), TargetID: id})
}

// latinTagSlug is the slug a tag keeps: its own percent-decoded when it
// is a Latin slug, else the first Latin one among its translations (ids,
// Polylang's term_translations), as a translated category's section
// takes; "" when none is, and the store makes one from the name.
func (im *importer) latinTagSlug(own string, ids []int64) string {
	if s := wxr.DecodeSlug(own); textnorm.IsValidSlug(s, textnorm.SlugLatin) {
		return s
	}
	// By term id: the export's oldest translation first, whatever the
	// order the group's map gave.
	for _, id := range slices.Sorted(slices.Values(ids)) {
		for _, tag := range im.ex.tags {
			if int64(tag.TermID) != id {
				continue
			}
			if s := wxr.DecodeSlug(tag.Slug); textnorm.IsValidSlug(s, textnorm.SlugLatin) {
				return s
			}
		}
	}
	return ""
}

// existingTag finds the tag a term is already in Payvand as without an
// import record: the site's own of its Latin slug, or, for a Persian slug,
// the one made from its name by a run cut off before recording it — the
// slug the name makes and the same name, so two different tags whose names
// make one slug are not merged. 0 when there is none.
func (im *importer) existingTag(ctx context.Context, slug, name, loc string) (uint, error) {
	lookup := slug
	if lookup == "" {
		lookup = textnorm.Slug(name, textnorm.SlugLatin)
	}
	if lookup == "" {
		return 0, nil
	}
	existing, err := im.store.FindTagBySlug(ctx, lookup)
	if errors.Is(err, models.ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	if slug == "" && existing.Name(loc) != name {
		return 0, nil
	}
	return existing.ID, nil
}
