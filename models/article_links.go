package models

import (
	"fmt"
	"slices"

	"gorm.io/gorm"

	"github.com/payvand/payvand/internal/richtext"
	"github.com/payvand/payvand/internal/siteurl"
)

// Bodies link to other articles by id (<a data-article-id="12">, see
// internal/richtext/article_links.go): answers point each link at the
// linked article's page in their own locale when it is public there, and
// show its text otherwise. article_links records who links to whom, so a
// change of the linked article reaches the answers that show the link
// (the event rule watches the linking articles, see linkingArticles).

// ArticleLink is one internal link: the body of ArticleID's translation in
// Locale links to TargetID.
type ArticleLink struct {
	ArticleID uint   `gorm:"primaryKey"`
	Locale    string `gorm:"primaryKey"`
	TargetID  uint   `gorm:"primaryKey"`
}

// storeArticleLinks records the internal links of a translation's stored
// body in place of those it had.
func storeArticleLinks(tx *gorm.DB, articleID uint, locale, body string) error {
	if err := tx.Where("article_id = ? AND locale = ?", articleID, locale).Delete(&ArticleLink{}).Error; err != nil {
		return fmt.Errorf("clear links of article %d: %w", articleID, err)
	}
	ids := richtext.ArticleLinkIDs(body)
	if len(ids) == 0 {
		return nil
	}
	rows := make([]ArticleLink, len(ids))
	for i, id := range ids {
		rows[i] = ArticleLink{ArticleID: articleID, Locale: locale, TargetID: id}
	}
	if err := tx.Create(&rows).Error; err != nil {
		return fmt.Errorf("store links of article %d: %w", articleID, err)
	}
	return nil
}

// linkingArticles returns the articles whose bodies link to any of ids,
// other than ids themselves: their answers show those articles' URLs.
func linkingArticles(tx *gorm.DB, ids []uint) ([]uint, error) {
	var out []uint
	err := tx.Model(&ArticleLink{}).Distinct("article_id").Where("target_id IN ?", ids).Order("article_id").Pluck("article_id", &out).Error
	if err != nil {
		return nil, fmt.Errorf("list articles linking to %v: %w", ids, err)
	}
	return slices.DeleteFunc(out, func(id uint) bool { return slices.Contains(ids, id) }), nil
}

// linkedSlugs returns, per locale, the slug of each article the bodies
// link to that is public there at now: what the links of an answer in
// that locale point at. With announced set, a translation the change feed
// has not announced yet counts as not public, as the event rule sees it
// (answerStates), so the write that announces it changes the linking
// answers too.
func linkedSlugs(db *gorm.DB, bodies []string, now int64, announced bool) (map[string]map[uint]string, error) {
	var ids []uint
	for _, b := range bodies {
		for _, id := range richtext.ArticleLinkIDs(b) {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	out := map[string]map[uint]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		ArticleID uint
		Locale    string
		Slug      string
	}
	q := db.Table("article_translations AS t").Select("t.article_id, t.locale, t.slug").
		Joins("JOIN article_listings l ON l.article_id = t.article_id AND l.locale = t.locale AND l.scope_id = 0").
		Where("t.article_id IN ? AND t.status = ? AND l.published_at <= ?", ids, StatusPublished, now)
	if announced {
		q = q.Where(flagIs(db, "t.announced", true))
	}
	if err := q.Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("load linked articles: %w", err)
	}
	for _, r := range rows {
		if out[r.Locale] == nil {
			out[r.Locale] = map[uint]string{}
		}
		out[r.Locale][r.ArticleID] = r.Slug
	}
	return out, nil
}

// RenderLinks returns html, p's body as answered so far, with each
// internal link pointing at the linked article's page on the site in p's
// locale, or shown as its text when that article is not public there or
// there is no site (a nil site: no --site-url).
func (p PublicArticle) RenderLinks(html string, site *siteurl.Builder) string {
	return richtext.RenderArticleLinks(html, func(id uint) string {
		slug, ok := p.LinkedSlugs[id]
		if !ok {
			return ""
		}
		if u := site.Article(p.Translation.Locale, slug, id); u != nil {
			return *u
		}
		return ""
	})
}
