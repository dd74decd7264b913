package models

import (
	"context"
	"errors"
	"fmt"

	"github.com/payvand/payvand/internal/textnorm"
)

// ErrEmptySearch means a search query has no word to look for, only spaces
// or punctuation.
var ErrEmptySearch = errors.New("the search has no words")

// MaxSearchOffset is how deep search results can be paged. Ranked results
// are paged by offset, as a relevance score makes no stable keyset; the
// bound keeps deep pages from costing ever more.
const MaxSearchOffset = 1000

// SearchQuery selects a page of public search results in one locale.
type SearchQuery struct {
	Locale string
	// Text is what the reader typed; it is normalised like the index.
	Text string
	// SectionID limits results to a section and its subsections; 0 is all.
	SectionID uint
	// ByDate orders results newest first instead of best match first.
	ByDate bool
	Limit  int
	// After continues the results after the previous page.
	After *SearchCursor
}

// SearchCursor is a position in ranked search results: how many results
// earlier pages held.
type SearchCursor struct {
	Offset int
}

// SearchHit is one public article that matches a search, with an HTML
// snippet of its text around the match (escaped, matches in <mark>).
type SearchHit struct {
	Article PublicArticle
	Snippet string
}

// SearchPublic returns one page of public articles matching q.Text, best
// match first (then newest first), and the cursor of the next page (nil on
// the last page). Among the first results, those holding the words letter
// for letter come before those found through the Russian-keyboard fold
// (rankPublicExactFirst). Drafts are indexed but never returned: a translation is
// found only while it is in the public listing index and its time has come.
func (s *Store) SearchPublic(ctx context.Context, q SearchQuery) ([]SearchHit, *SearchCursor, error) {
	// SearchTerms keeps only words of letters and digits: no terms, no word.
	terms := textnorm.SearchTerms(q.Text)
	if len(terms) == 0 {
		return nil, nil, ErrEmptySearch
	}
	if q.Limit <= 0 {
		q.Limit = 20
	}
	offset := 0
	if q.After != nil {
		offset = q.After.Offset
	}
	if offset < 0 || offset > MaxSearchOffset {
		return []SearchHit{}, nil, nil
	}
	ids, err := s.rankPublicExactFirst(ctx, RankQuery{
		Terms: terms, Locale: q.Locale, ScopeID: q.SectionID, ByDate: q.ByDate, Now: s.now(), Limit: q.Limit + 1, Offset: offset,
	}, textnorm.ExactWords(q.Text))
	if err != nil {
		return nil, nil, fmt.Errorf("search articles: %w", err)
	}
	var next *SearchCursor
	if len(ids) > q.Limit {
		ids = ids[:q.Limit]
		if offset+q.Limit <= MaxSearchOffset {
			next = &SearchCursor{Offset: offset + q.Limit}
		}
	}
	articles, err := s.loadPublic(ctx, q.Locale, ids, true)
	if err != nil {
		return nil, nil, err
	}
	m := newSnippetMatcher(terms)
	hits := make([]SearchHit, len(articles))
	for i, a := range articles {
		t := a.Translation
		hits[i] = SearchHit{Article: a, Snippet: m.snippet(searchPlainText(t.BodyHTML), t.Summary, t.Title)}
	}
	return hits, next, nil
}

// CountPublicSearch returns how many public articles match q.Text in its
// locale and section, whatever the page: the full-text match count, each
// match checked against the listing index by key as SearchPublic does.
func (s *Store) CountPublicSearch(ctx context.Context, q SearchQuery) (int64, error) {
	terms := textnorm.SearchTerms(q.Text)
	if len(terms) == 0 {
		return 0, ErrEmptySearch
	}
	n, err := s.search.CountPublic(s.reader(ctx), RankQuery{Terms: terms, Locale: q.Locale, ScopeID: q.SectionID, Now: s.now()})
	if err != nil {
		return 0, fmt.Errorf("count search results: %w", err)
	}
	return n, nil
}
