package models

import (
	"cmp"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/internal/richtext"
)

// answerState is what the event rule keeps of one public answer: a hash of
// it, and what an event about it names.
type answerState struct {
	print   [32]byte
	slug    string
	section string
}

// fingerprintChunk bounds the ids of one batch of queries, far below
// SQLite's limit on bound variables.
const fingerprintChunk = 400

// answerStates returns, for each of ids, the state of its answer in every
// locale where it is public and announced at now. The answers are loaded by
// the same functions the read API builds its JSON from (publicLocales,
// loadPublicWith, the related order of ListPublicRelated), through tx so
// they see the transaction's own writes.
func (s *Store) answerStates(tx *gorm.DB, ids []uint, now int64) (map[articleLocale]answerState, error) {
	out := map[articleLocale]answerState{}
	for chunk := range slices.Chunk(ids, fingerprintChunk) {
		if err := s.answerStatesOf(tx, chunk, now, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Store) answerStatesOf(tx *gorm.DB, ids []uint, now int64, out map[articleLocale]answerState) error {
	relatedOf, relatedIDs, err := relatedLists(tx, ids)
	if err != nil {
		return err
	}
	all := slices.Clone(ids)
	for _, id := range relatedIDs {
		if !slices.Contains(all, id) {
			all = append(all, id)
		}
	}
	public, err := s.announcedPublic(tx, all, now)
	if err != nil {
		return err
	}
	var shown []uint // the articles public somewhere: the rest show nowhere
	for _, id := range all {
		if len(public[id]) > 0 {
			shown = append(shown, id)
		}
	}
	if len(shown) == 0 {
		return nil
	}
	rows, err := loadPublicRows(tx, shown, public, true)
	if err != nil {
		return err
	}
	if rows.pins, err = shownPins(tx, shown, now, true); err != nil {
		return err
	}
	if rows.links, err = linkedSlugs(tx, bodiesOf(rows.translations), now, true); err != nil {
		return err
	}
	for _, loc := range s.locales.Codes() {
		byID := map[uint]PublicArticle{}
		for _, p := range s.assemblePublic(rows, loc, shown) {
			byID[p.Article.ID] = p
		}
		for _, id := range ids {
			p, ok := byID[id]
			if !ok {
				continue
			}
			var related []PublicArticle
			for _, r := range relatedOf[id] {
				if rp, ok := byID[r]; ok {
					related = append(related, rp)
				}
			}
			print, err := answerPrint(p, related)
			if err != nil {
				return err
			}
			out[articleLocale{id, loc}] = answerState{print: print, slug: p.Translation.Slug, section: p.Section.Slug}
		}
	}
	return nil
}

// announcedPublic is publicLocales without the translations the change
// feed has not announced yet: a scheduled translation counts as public for
// the rule from the write that announces it, so that write sees it appear.
func (s *Store) announcedPublic(tx *gorm.DB, ids []uint, now int64) (map[uint][]string, error) {
	public, err := s.publicLocales(tx, ids, now)
	if err != nil || len(ids) == 0 {
		return public, err
	}
	var rows []ArticleTranslation
	if err := tx.Select("article_id", "locale").Where("article_id IN ? AND "+flagIs(tx, "announced", false), ids).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("load unannounced translations: %w", err)
	}
	for _, r := range rows {
		public[r.ArticleID] = slices.DeleteFunc(public[r.ArticleID], func(l string) bool { return l == r.Locale })
	}
	return public, nil
}

// relatedLists returns each article's related ids in ListPublicRelated's
// order (links made on it by position, then links made on the others by
// age), and all of them together.
func relatedLists(tx *gorm.DB, ids []uint) (map[uint][]uint, []uint, error) {
	var rels []ArticleRelation
	if err := tx.Where("article_id IN ? OR related_id IN ?", ids, ids).Find(&rels).Error; err != nil {
		return nil, nil, fmt.Errorf("load related links: %w", err)
	}
	out := make(map[uint][]uint, len(ids))
	var all []uint
	for _, id := range ids {
		var outgoing, incoming []ArticleRelation
		for _, r := range rels {
			if r.ArticleID == id {
				outgoing = append(outgoing, r)
			}
			if r.RelatedID == id {
				incoming = append(incoming, r)
			}
		}
		slices.SortFunc(outgoing, func(a, b ArticleRelation) int {
			return cmp.Or(cmp.Compare(a.Position, b.Position), cmp.Compare(a.RelatedID, b.RelatedID))
		})
		slices.SortFunc(incoming, func(a, b ArticleRelation) int {
			return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ArticleID, b.ArticleID))
		})
		for _, r := range outgoing {
			out[id] = append(out[id], r.RelatedID)
		}
		for _, r := range incoming {
			out[id] = append(out[id], r.ArticleID)
		}
		for _, r := range out[id] {
			if !slices.Contains(all, r) {
				all = append(all, r)
			}
		}
	}
	return out, all, nil
}

// summaryPrint holds every field of an article that its public JSON shows
// (internal/publicjson's Summary and Article), except view counts and the
// updated_at bookkeeping a save without a visible change still moves.
type summaryPrint struct {
	ID                       uint
	Locale, Slug, Title      string
	Summary, Byline          string
	PublishedAt              int64
	WordCount                int
	SectionID                uint
	SectionSlug, SectionName string
	Image                    *imagePrint
	Translations             []translationPrint
	Tags                     []tagPrint
	Pin                      *pinPrint
	Outdated                 bool
	BodyHTML                 string
	Links                    []linkPrint
	SEO                      *seoPrint
	Related                  []summaryPrint
}

// seoPrint is what the article answer's seo object shows beyond the
// fields printed already.
type seoPrint struct {
	Fields TranslationSEO
	Image  *imagePrint
}

type imagePrint struct {
	Path, Thumbnail, Medium, Alt, Caption string
	Width, Height                         int
	// Files are the image's variants in the answer, WebP copies included.
	Files []MediaFile
	// Focal and Crops are the focal point and the crops cut around it.
	Focal media.FocalPoint
	Crops []MediaFile
}

// linkPrint is where one internal link of a body points.
type linkPrint struct {
	ID     uint
	Slug   string
	Public bool
}

type tagPrint struct {
	ID         uint
	Slug, Name string
}

// pinPrint is what the featured field shows.
type pinPrint struct {
	Position int
	EndsAt   *int64
}

type translationPrint struct {
	Locale, Slug, Title string
	Outdated            bool
}

// answerPrint hashes the public answer of p with its related articles.
func answerPrint(p PublicArticle, related []PublicArticle) ([32]byte, error) {
	print := summaryOf(p)
	print.Outdated = p.Translation.Outdated
	// The body as answered, with its pictures' files: a picture whose
	// files change changes the answers showing it.
	print.BodyHTML = richtext.RenderPictures(p.Translation.BodyHTML, p.BodyPictures, "")
	// And what its internal links point at: a linked article published,
	// unpublished or given a new slug changes the answers linking to it.
	// Slugs, not URLs, so a writer started without --site-url (a command)
	// still tells a server's caches.
	for _, id := range richtext.ArticleLinkIDs(p.Translation.BodyHTML) {
		slug, public := p.LinkedSlugs[id]
		print.Links = append(print.Links, linkPrint{ID: id, Slug: slug, Public: public})
	}
	print.SEO = &seoPrint{Fields: p.Translation.SEO, Image: imagePrintOf(p.SEOImage, p.Translation.Locale)}
	for _, r := range related {
		print.Related = append(print.Related, summaryOf(r))
	}
	raw, err := json.Marshal(print)
	if err != nil {
		return [32]byte{}, fmt.Errorf("fingerprint article %d: %w", p.Article.ID, err)
	}
	return sha256.Sum256(raw), nil
}

func summaryOf(p PublicArticle) summaryPrint {
	t := p.Translation
	out := summaryPrint{
		ID: p.Article.ID, Locale: t.Locale, Slug: t.Slug, Title: t.Title, Summary: t.Summary, Byline: t.Byline, WordCount: t.WordCount,
		SectionID: p.Section.ID, SectionSlug: p.Section.Slug, SectionName: p.Section.Name(t.Locale),
	}
	if t.PublishedAt != nil {
		out.PublishedAt = t.PublishedAt.Unix()
	}
	out.Image = imagePrintOf(p.Image, t.Locale)
	if p.Pin != nil {
		out.Pin = &pinPrint{Position: p.Pin.Position, EndsAt: p.Pin.EndsAt}
	}
	for _, tag := range p.NamedTags(t.Locale) {
		out.Tags = append(out.Tags, tagPrint{ID: tag.ID, Slug: tag.Slug, Name: tag.Name(t.Locale)})
	}
	for _, o := range p.Others {
		out.Translations = append(out.Translations, translationPrint{Locale: o.Locale, Slug: o.Slug, Title: o.Title, Outdated: o.Outdated})
	}
	return out
}

// imagePrintOf is what an answer shows of picture m in loc; nil for none.
func imagePrintOf(m *Media, loc string) *imagePrint {
	if m == nil {
		return nil
	}
	text := m.Text(loc)
	return &imagePrint{Path: m.Path, Thumbnail: m.Variant(media.VariantThumbnail).Path, Medium: m.Variant(media.VariantMedium).Path,
		Alt: text.Alt, Caption: text.Caption, Width: m.Width, Height: m.Height, Files: m.Files(),
		Focal: m.FocalPoint(), Crops: m.Crops()}
}
