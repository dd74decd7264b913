package models

import (
	"context"
	"fmt"
	"time"
)

// FindPreviewArticle returns an article in loc as the public would see it
// once published: its translation there whatever its status (draft or
// scheduled), with the other locales where it is public now. It is for
// previews, which must show a draft in the site's real design. A draft
// never published has no publication time yet; it shows as if published
// now, so a frontend formats a date as it would for the real thing. An
// unknown or trashed article, or one without a translation in loc, is
// ErrNotFound.
func (s *Store) FindPreviewArticle(ctx context.Context, loc string, id uint) (*PublicArticle, error) {
	var article Article
	err := s.reader(ctx).Where("id = ? AND trashed_at IS NULL", id).Take(&article).Error
	if err != nil {
		return nil, notFoundOr(err, "find preview article")
	}
	var own ArticleTranslation
	err = s.reader(ctx).Where("article_id = ? AND locale = ?", id, loc).Take(&own).Error
	if err != nil {
		return nil, notFoundOr(err, "find preview translation")
	}
	if own.PublishedAt == nil {
		now := s.now().UTC().Truncate(time.Second)
		own.PublishedAt = &now
	}
	public, err := s.publicLocales(s.reader(ctx), []uint{id}, s.now().Unix())
	if err != nil {
		return nil, err
	}
	others, err := publicTranslations(s.reader(ctx), []uint{id}, public, false)
	if err != nil {
		return nil, err
	}
	var seoImage []uint
	if own.SEO.ImageID != nil {
		seoImage = append(seoImage, *own.SEO.ImageID)
	}
	sections, media, err := articleNeighbours(s.reader(ctx), map[uint]Article{id: article}, seoImage)
	if err != nil {
		return nil, fmt.Errorf("preview article %d: %w", id, err)
	}
	pictures, err := loadBodyPictures(s.reader(ctx), own.BodyHTML)
	if err != nil {
		return nil, fmt.Errorf("preview article %d: %w", id, err)
	}
	links, err := linkedSlugs(s.reader(ctx), []string{own.BodyHTML}, s.now().Unix(), false)
	if err != nil {
		return nil, fmt.Errorf("preview article %d: %w", id, err)
	}
	item := PublicArticle{Article: article, Translation: own, Section: sections[article.SectionID], BodyPictures: pictures, LinkedSlugs: links[loc]}
	for _, code := range s.locales.Codes() {
		if t, ok := others[id][code]; ok && code != loc {
			item.Others = append(item.Others, t)
		}
	}
	item.Image = pictureOf(media, article.FeaturedMediaID)
	item.SEOImage = pictureOf(media, own.SEO.ImageID)
	pins, err := shownPins(s.reader(ctx), []uint{id}, s.now().Unix(), false)
	if err != nil {
		return nil, err
	}
	if pin, ok := pins[id]; ok {
		item.Pin = &pin
	}
	return &item, nil
}
