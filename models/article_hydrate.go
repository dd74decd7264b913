package models

import (
	"context"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"github.com/payvand/payvand/internal/richtext"
)

// loadPublic loads the public articles with the given ids in loc, in the
// order given, skipping any that are not public there. Bodies are loaded only
// for the requested locale and only when withBody is set: list pages never
// need them and they are the largest column by far.
func (s *Store) loadPublic(ctx context.Context, loc string, ids []uint, withBody bool) ([]PublicArticle, error) {
	db := s.reader(ctx)
	public, err := s.publicLocales(db, ids, s.now().Unix())
	if err != nil {
		return nil, err
	}
	return s.loadPublicWith(db, loc, ids, public, withBody)
}

// loadPublicWith is loadPublic for callers that already know where each
// article is public.
func (s *Store) loadPublicWith(db *gorm.DB, loc string, ids []uint, public map[uint][]string, withBody bool) ([]PublicArticle, error) {
	visible := make([]uint, 0, len(ids))
	for _, id := range ids {
		if slices.Contains(public[id], loc) {
			visible = append(visible, id)
		}
	}
	if len(visible) == 0 {
		return []PublicArticle{}, nil
	}
	rows, err := loadPublicRows(db, visible, public, withBody)
	if err != nil {
		return nil, err
	}
	if rows.pins, err = shownPins(db, visible, s.now().Unix(), false); err != nil {
		return nil, err
	}
	if withBody {
		if rows.links, err = linkedSlugs(db, bodiesOf(rows.translations), s.now().Unix(), false); err != nil {
			return nil, err
		}
	}
	return s.assemblePublic(rows, loc, visible), nil
}

// publicRows is what public answers are built from: loaded once, they
// give the answers of their articles in every locale (assemblePublic).
type publicRows struct {
	articles map[uint]Article
	// translations are the public ones, by article and locale.
	translations map[uint]map[string]ArticleTranslation
	sections     map[uint]Section
	media        map[uint]Media
	// bodyPictures are the pictures the loaded bodies name.
	bodyPictures richtext.Pictures
	tags         map[uint][]Tag
	// pins are the pins that show, set by the caller, which knows when.
	pins map[uint]ArticlePin
	// links are the public slugs of the articles the loaded bodies link
	// to, by locale (linkedSlugs); set by the caller, which knows when.
	links map[string]map[uint]string
}

// loadPublicRows loads the rows of the given articles' public answers;
// bodies only when withBody is set.
func loadPublicRows(db *gorm.DB, ids []uint, public map[uint][]string, withBody bool) (publicRows, error) {
	var rows publicRows
	var err error
	if rows.articles, err = articlesByID(db, ids); err != nil {
		return rows, err
	}
	if rows.translations, err = publicTranslations(db, ids, public, withBody); err != nil {
		return rows, err
	}
	if rows.sections, rows.media, err = articleNeighbours(db, rows.articles, seoImageIDs(rows.translations)); err != nil {
		return rows, err
	}
	if rows.tags, err = tagsOf(db, ids); err != nil {
		return rows, err
	}
	if withBody {
		rows.bodyPictures, err = loadBodyPictures(db, bodiesOf(rows.translations)...)
	}
	return rows, err
}

// bodiesOf lists the bodies of translations.
func bodiesOf(translations map[uint]map[string]ArticleTranslation) []string {
	var bodies []string
	for _, byLocale := range translations {
		for _, t := range byLocale {
			bodies = append(bodies, t.BodyHTML)
		}
	}
	return bodies
}

// assemblePublic builds the answers in loc of the articles ids, in that
// order, skipping those not public there. Other locales' bodies are left
// out: an answer shows only its own.
func (s *Store) assemblePublic(rows publicRows, loc string, ids []uint) []PublicArticle {
	out := make([]PublicArticle, 0, len(ids))
	for _, id := range ids {
		a, ok := rows.articles[id]
		own, public := rows.translations[id][loc]
		if !ok || !public {
			continue
		}
		item := PublicArticle{Article: a, Translation: own, Section: rows.sections[a.SectionID], BodyPictures: rows.bodyPictures, Tags: rows.tags[id],
			LinkedSlugs: rows.links[loc]}
		for _, code := range s.locales.Codes() {
			if t, ok := rows.translations[id][code]; ok && code != loc {
				t.BodyHTML = ""
				item.Others = append(item.Others, t)
			}
		}
		item.Image = pictureOf(rows.media, a.FeaturedMediaID)
		item.SEOImage = pictureOf(rows.media, own.SEO.ImageID)
		if pin, ok := rows.pins[id]; ok {
			item.Pin = &pin
		}
		out = append(out, item)
	}
	return out
}

func articlesByID(db *gorm.DB, ids []uint) (map[uint]Article, error) {
	var rows []Article
	if err := db.Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("load articles: %w", err)
	}
	out := make(map[uint]Article, len(rows))
	for _, a := range rows {
		out[a.ID] = a
	}
	return out, nil
}

// publicTranslations returns, per article and locale, the translations that
// are public now.
func publicTranslations(db *gorm.DB, ids []uint, public map[uint][]string, withBody bool) (map[uint]map[string]ArticleTranslation, error) {
	var rows []ArticleTranslation
	q := db.Where("article_id IN ? AND status = ?", ids, StatusPublished)
	if !withBody {
		q = q.Omit("body_html")
	}
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("load translations: %w", err)
	}
	out := make(map[uint]map[string]ArticleTranslation, len(ids))
	for _, t := range rows {
		if !slices.Contains(public[t.ArticleID], t.Locale) {
			continue
		}
		if out[t.ArticleID] == nil {
			out[t.ArticleID] = map[string]ArticleTranslation{}
		}
		out[t.ArticleID][t.Locale] = t
	}
	return out, nil
}

// pictureOf returns the loaded picture id names, nil for none.
func pictureOf(media map[uint]Media, id *uint) *Media {
	if id == nil {
		return nil
	}
	if m, ok := media[*id]; ok {
		return &m
	}
	return nil
}

// seoImageIDs lists the social images the translations name.
func seoImageIDs(translations map[uint]map[string]ArticleTranslation) []uint {
	var ids []uint
	for _, byLocale := range translations {
		for _, t := range byLocale {
			if t.SEO.ImageID != nil {
				ids = append(ids, *t.SEO.ImageID)
			}
		}
	}
	return ids
}

// articleNeighbours loads the sections and pictures the articles refer to,
// with the further pictures in mediaIDs (their translations' social images).
func articleNeighbours(db *gorm.DB, articles map[uint]Article, mediaIDs []uint) (map[uint]Section, map[uint]Media, error) {
	var sectionIDs []uint
	for _, a := range articles {
		sectionIDs = append(sectionIDs, a.SectionID)
		if a.FeaturedMediaID != nil {
			mediaIDs = append(mediaIDs, *a.FeaturedMediaID)
		}
	}
	var sections []Section
	if err := db.Preload("Names", sectionNamesOrder).Where("id IN ?", sectionIDs).Find(&sections).Error; err != nil {
		return nil, nil, fmt.Errorf("load sections: %w", err)
	}
	bySection := make(map[uint]Section, len(sections))
	for _, sec := range sections {
		bySection[sec.ID] = sec
	}
	byMedia := map[uint]Media{}
	if len(mediaIDs) > 0 {
		var media []Media
		if err := db.Preload("Texts", mediaTextsOrder).Preload("Variants", mediaVariantsOrder).Where("id IN ?", mediaIDs).Find(&media).Error; err != nil {
			return nil, nil, fmt.Errorf("load media: %w", err)
		}
		for _, m := range media {
			byMedia[m.ID] = m
		}
	}
	return bySection, byMedia, nil
}

// FindArticle loads an article with all its translations, drafts and
// trashed articles included: it is the editor's view, not the public's.
func (s *Store) FindArticle(ctx context.Context, id uint) (*Article, error) {
	var a Article
	err := s.reader(ctx).Preload("Translations", translationsOrder).Where("id = ?", id).Limit(1).Find(&a).Error
	if err != nil {
		return nil, fmt.Errorf("find article %d: %w", id, err)
	}
	if a.ID == 0 {
		return nil, ErrNotFound
	}
	return &a, nil
}

// FindArticles is FindArticle for many articles in one query, for a
// caller that works through them in batches (an import): the articles by
// id, each with its translations; ids that name none are absent.
func (s *Store) FindArticles(ctx context.Context, ids []uint) (map[uint]*Article, error) {
	out := make(map[uint]*Article, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []Article
	if err := s.reader(ctx).Preload("Translations", translationsOrder).Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("find articles: %w", err)
	}
	for i := range rows {
		out[rows[i].ID] = &rows[i]
	}
	return out, nil
}
