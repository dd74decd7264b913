package models

import (
	"context"
	"fmt"
	"time"
)

// adminRows loads the translations of the page's articles in one query,
// without bodies, and states every configured locale of each.
func (s *Store) adminRows(ctx context.Context, articles []Article, sections []Section) ([]AdminArticleRow, error) {
	rows := make([]AdminArticleRow, 0, len(articles))
	if len(articles) == 0 {
		return rows, nil
	}
	ids := make([]uint, len(articles))
	for i, a := range articles {
		ids[i] = a.ID
	}
	var trs []ArticleTranslation
	err := s.reader(ctx).Select("article_id", "locale", "status", "published_at", "title", "outdated").
		Where("article_id IN ?", ids).Find(&trs).Error
	if err != nil {
		return nil, fmt.Errorf("load admin translations: %w", err)
	}
	byArticle := make(map[uint][]ArticleTranslation, len(articles))
	for _, t := range trs {
		byArticle[t.ArticleID] = append(byArticle[t.ArticleID], t)
	}
	pins, err := shownPins(s.reader(ctx), ids, s.now().Unix(), false)
	if err != nil {
		return nil, err
	}
	bySection := make(map[uint]Section, len(sections))
	for _, sec := range sections {
		bySection[sec.ID] = sec
	}
	now := s.now()
	for _, a := range articles {
		row := AdminArticleRow{ID: a.ID, Section: bySection[a.SectionID], UpdatedAt: a.UpdatedAt}
		if pin, ok := pins[a.ID]; ok {
			row.Pin = &pin
		}
		for _, code := range s.locales.Codes() {
			row.Locales = append(row.Locales, localeState(code, byArticle[a.ID], now))
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func localeState(code string, trs []ArticleTranslation, now time.Time) AdminLocaleState {
	for _, t := range trs {
		if t.Locale != code {
			continue
		}
		st := AdminLocaleState{Locale: code, State: StateDraft, Title: t.Title, PublishedAt: t.PublishedAt, Outdated: t.Outdated}
		if t.Status == StatusPublished {
			st.State = StatePublished
			if t.PublishedAt != nil && t.PublishedAt.After(now) {
				st.State = StateScheduled
			}
		}
		return st
	}
	return AdminLocaleState{Locale: code, State: StateMissing}
}
