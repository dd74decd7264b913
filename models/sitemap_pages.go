package models

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// SitemapListPage is a page that lists articles (a section's or a tag's)
// with the locales where it has public articles.
type SitemapListPage struct {
	Slug string
	// Locales are where the page lists public articles, in configured
	// order; a page with none is left out.
	Locales []SitemapPageLocale
}

// SitemapPageLocale is a list page in one locale. LastMod is when its
// newest public article came out, or the page itself was saved if later.
type SitemapPageLocale struct {
	Locale  string
	LastMod time.Time
}

// ListSitemapSections returns the sections with public articles (their
// subsections' included), in section order. Each (section, locale) costs
// one seek at the end of the section's listing range, so the cost follows
// the number of sections, not of articles.
func (s *Store) ListSitemapSections(ctx context.Context) ([]SitemapListPage, error) {
	sections, err := s.ListSections(ctx)
	if err != nil {
		return nil, err
	}
	now := s.now().Unix()
	var out []SitemapListPage
	for _, sec := range sections {
		page := SitemapListPage{Slug: sec.Slug}
		for _, loc := range s.locales.Codes() {
			newest, err := s.newestInScope(ctx, loc, sec.ID, now)
			if err != nil {
				return nil, err
			}
			if newest.Valid {
				page.Locales = append(page.Locales, SitemapPageLocale{Locale: loc, LastMod: latest(time.Unix(newest.Int64, 0).UTC(), sec.UpdatedAt.UTC())})
			}
		}
		if len(page.Locales) > 0 {
			out = append(out, page)
		}
	}
	return out, nil
}

// newestInScope returns the publication time of the newest article public
// in loc at now in a listing scope (a section with its subsections); not
// valid when there is none.
func (s *Store) newestInScope(ctx context.Context, loc string, scope uint, now int64) (sql.NullInt64, error) {
	var newest sql.NullInt64
	err := s.reader(ctx).Model(&ArticleListing{}).Select("MAX(published_at)").
		Where("locale = ? AND scope_id = ? AND published_at <= ?", loc, scope, now).Scan(&newest).Error
	if err != nil {
		return newest, fmt.Errorf("newest article of section %d: %w", scope, err)
	}
	return newest, nil
}

// ListSitemapTags returns the tags with public articles, by slug, each in
// the locales where it is named and has public articles (a tag without a
// name in a locale does not show there). Each locale is one walk of its
// range of the tag listing key, grouped in key order.
func (s *Store) ListSitemapTags(ctx context.Context) ([]SitemapListPage, error) {
	now := s.now().Unix()
	newest := map[uint]map[string]int64{}
	for _, loc := range s.locales.Codes() {
		var rows []struct {
			TagID  uint
			Newest int64
		}
		err := s.reader(ctx).Model(&ArticleTagListing{}).Select("tag_id, MAX(published_at) AS newest").
			Where("locale = ? AND published_at <= ?", loc, now).Group("tag_id").Scan(&rows).Error
		if err != nil {
			return nil, fmt.Errorf("newest article of each tag: %w", err)
		}
		for _, r := range rows {
			if newest[r.TagID] == nil {
				newest[r.TagID] = map[string]int64{}
			}
			newest[r.TagID][loc] = r.Newest
		}
	}
	if len(newest) == 0 {
		return nil, nil
	}
	var tags []Tag
	if err := s.reader(ctx).Preload("Names", tagNamesOrder).Where("id IN ?", slices.Collect(maps.Keys(newest))).Find(&tags).Error; err != nil {
		return nil, fmt.Errorf("load tags: %w", err)
	}
	slices.SortFunc(tags, func(a, b Tag) int { return strings.Compare(a.Slug, b.Slug) })
	var out []SitemapListPage
	for _, tag := range tags {
		page := SitemapListPage{Slug: tag.Slug}
		for _, loc := range s.locales.Codes() {
			if at, ok := newest[tag.ID][loc]; ok && tag.Name(loc) != "" {
				page.Locales = append(page.Locales, SitemapPageLocale{Locale: loc, LastMod: latest(time.Unix(at, 0).UTC(), tag.UpdatedAt.UTC())})
			}
		}
		if len(page.Locales) > 0 {
			out = append(out, page)
		}
	}
	return out, nil
}
