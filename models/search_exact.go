package models

import (
	"context"
	"fmt"
	"slices"

	"github.com/payvand/payvand/internal/textnorm"
)

// exactRerankWindow is how many of the best matches public search reorders
// so that letter-for-letter matches come before Russian-keyboard ones (see
// textnorm.ExactWords). The index ranks the folded key alone; reordering the
// first results in Go is what a reader sees without the index keeping each
// word twice. Pages deeper than the window keep the index's order, and a
// page is always cut from the same reordered window, so paging neither
// repeats nor skips a match.
const exactRerankWindow = 100

// rankPublicExactFirst is RankPublic with the matches of the first
// exactRerankWindow that hold the query's words as typed moved ahead of
// those that match only through the Tajik fold, in the index's order
// otherwise. Date order and queries with no foldable letter go to the index
// as they are.
func (s *Store) rankPublicExactFirst(ctx context.Context, q RankQuery, exact []string) ([]uint, error) {
	db := s.reader(ctx)
	if len(exact) == 0 || q.ByDate || q.Offset >= exactRerankWindow {
		return s.search.RankPublic(db, q)
	}
	end := q.Offset + q.Limit
	top := q
	top.Offset, top.Limit = 0, max(end, exactRerankWindow)
	ids, err := s.search.RankPublic(db, top)
	if err != nil {
		return nil, err
	}
	head := ids[:min(len(ids), exactRerankWindow)]
	scores, err := s.exactScores(ctx, q.Locale, head, textnorm.NewExactCounter(exact))
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(head, func(a, b uint) int { return scores[b] - scores[a] })
	return ids[min(q.Offset, len(ids)):min(end, len(ids))], nil
}

// exactScores counts, for each article, how many of the exact words its
// translation in locale (its best translation, for locale "") holds as written in its title, summary or body.
// The body is read as stored HTML: turning each into plain text first
// costs some thirty times the counting (measured on a 5 KB body), a
// hundred times over for each search. Tag names and entities hold no Cyrillic; an
// attribute can (a picture's alt text), which at worst counts a word the
// reader does not see as exact.
func (s *Store) exactScores(ctx context.Context, locale string, ids []uint, exact *textnorm.ExactCounter) (map[uint]int, error) {
	scores := make(map[uint]int, len(ids))
	if len(ids) == 0 {
		return scores, nil
	}
	var rows []struct {
		ArticleID uint
		Title     string
		Summary   string
		BodyHTML  string
	}
	db := s.reader(ctx).Table("article_translations").Select("article_id", "title", "summary", "body_html").Where("article_id IN ?", ids)
	if locale != "" {
		db = db.Where("locale = ?", locale)
	}
	if err := db.Scan(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		scores[r.ArticleID] = max(scores[r.ArticleID], exact.Count(r.Title+"\n"+r.Summary+"\n"+r.BodyHTML))
	}
	return scores, nil
}

// ExactFirst reorders ids, articles an editors' search for query found,
// so that those with a translation holding the query's words letter for
// letter come before those found only through the Russian-keyboard fold,
// in the given order otherwise. The pickers show a handful of the most
// recently edited matches; this puts the one spelled as typed on top.
func (s *Store) ExactFirst(ctx context.Context, ids []uint, query string) ([]uint, error) {
	exact := textnorm.ExactWords(query)
	if len(exact) == 0 || len(ids) < 2 {
		return ids, nil
	}
	scores, err := s.exactScores(ctx, "", ids, textnorm.NewExactCounter(exact))
	if err != nil {
		return nil, fmt.Errorf("rank exact spellings: %w", err)
	}
	out := slices.Clone(ids)
	slices.SortStableFunc(out, func(a, b uint) int { return scores[b] - scores[a] })
	return out, nil
}
