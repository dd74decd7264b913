package models

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/payvand/payvand/internal/textnorm"
)

// Related suggestions: articles that share an article's significant words.
//
// The words come from the title and summary of every translation of the
// article, normalised as the search index normalises them, so a Persian
// word typed with or without ZWNJ, or with an Arabic-keyboard ی, is one
// word. "Significant" is measured, not listed: the index's vocabulary
// (article_search_terms) says how many translations hold each word, and the
// rarest ones that some other article also has are the ones kept. Common
// words ("and", "ва", "و") never make the cut, in any language, with no stop
// list to maintain. Candidates match in their title or summary and are
// ranked by the same BM25 as search, so a shared rare word in a title
// counts most.
const (
	// suggestionWords is how many of the article's rarest words are looked for.
	suggestionWords = 8
	// minSuggestionRunes drops very short words: particles and prepositions.
	minSuggestionRunes = 3
	// A word in more than 1/suggestionMaxShare of all translations says
	// little about any of them; nor, on a large site, does one in more than
	// suggestionMaxDocs, and the cap bounds how many matches a suggestion
	// may have to rank.
	suggestionMaxShare = 5
	suggestionMaxDocs  = 5000
)

// SuggestRelated returns up to limit articles, best first, that share
// significant words with article id, leaving out the article itself, those
// in exclude (already linked) and trashed ones. Drafts are suggested too:
// a link to a draft shows publicly once it is published.
func (s *Store) SuggestRelated(ctx context.Context, id uint, exclude []uint, limit int) ([]uint, error) {
	var trs []ArticleTranslation
	if err := s.reader(ctx).Select("title", "summary").Where("article_id = ?", id).Find(&trs).Error; err != nil {
		return nil, fmt.Errorf("load article words: %w", err)
	}
	words := map[string]bool{}
	for _, t := range trs {
		for _, w := range strings.Fields(textnorm.SearchKey(t.Title + " " + t.Summary)) {
			if utf8.RuneCountInString(w) >= minSuggestionRunes && strings.ContainsFunc(w, unicode.IsLetter) {
				words[w] = true
			}
		}
	}
	terms, err := s.rarestTerms(ctx, words)
	if err != nil || len(terms) == 0 {
		return []uint{}, err
	}
	alts := make([]string, 0, 2*len(terms))
	for _, w := range terms {
		// Terms come from SearchKey: lower-case letters, marks and digits,
		// so never an operator. FTS4 takes a column filter on a bare term
		// only, not on a quoted phrase.
		alts = append(alts, "title:"+w, "summary:"+w)
	}
	skip := append([]uint{id}, exclude...)
	var out []uint
	// matchinfo only works on the row the match produced, never inside an
	// aggregate: score the rows first (MATERIALIZED keeps SQLite from
	// folding the two steps back into one), then keep each article's best.
	err = s.reader(ctx).Raw(`WITH scored AS MATERIALIZED (
			SELECT t.article_id AS article_id, payvand_bm25(matchinfo(article_search, 'pcnalx')) AS score
			FROM article_search
			CROSS JOIN article_translations t ON t.id = article_search.docid
			WHERE article_search MATCH ? AND t.article_id NOT IN ?)
		SELECT scored.article_id FROM scored
		JOIN articles a ON a.id = scored.article_id AND a.trashed_at IS NULL
		GROUP BY scored.article_id
		ORDER BY MAX(scored.score) DESC, scored.article_id DESC
		LIMIT ?`, strings.Join(alts, " OR "), skip, limit).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("suggest related: %w", err)
	}
	return out, nil
}

// rarestTerms keeps the words that at least one other translation holds and
// that are not too common, rarest first, at most suggestionWords of them.
func (s *Store) rarestTerms(ctx context.Context, words map[string]bool) ([]string, error) {
	if len(words) == 0 {
		return nil, nil
	}
	var total int64
	if err := s.reader(ctx).Model(&ArticleTranslation{}).Count(&total).Error; err != nil {
		return nil, fmt.Errorf("count translations: %w", err)
	}
	maxDocs := min(max(total/suggestionMaxShare, 2), suggestionMaxDocs)
	type termCount struct {
		Term      string
		Documents int64
	}
	list := make([]string, 0, len(words))
	for w := range words {
		list = append(list, w)
	}
	var counts []termCount
	// col '*' is the word's count over all columns; each = lookup is a
	// seek in the index's term b-tree.
	err := s.reader(ctx).Raw(`SELECT term, documents FROM article_search_terms WHERE col = '*' AND term IN ?`, list).
		Scan(&counts).Error
	if err != nil {
		return nil, fmt.Errorf("term counts: %w", err)
	}
	// The article's own translations hold each word once or more; a word
	// held by no other translation cannot link to anything.
	counts = slices.DeleteFunc(counts, func(c termCount) bool { return c.Documents < 2 || c.Documents > maxDocs })
	slices.SortFunc(counts, func(a, b termCount) int {
		if a.Documents != b.Documents {
			return int(a.Documents - b.Documents)
		}
		return strings.Compare(a.Term, b.Term)
	})
	out := make([]string, 0, suggestionWords)
	for _, c := range counts[:min(len(counts), suggestionWords)] {
		out = append(out, c.Term)
	}
	return out, nil
}
