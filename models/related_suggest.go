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
// word. "Significant" is measured, not listed: the search index says how
// many translations hold each word (SearchIndex.DocumentCounts), and the
// rarest ones that some other article also has are the ones kept. Common
// words ("and", "ва", "و") never make the cut, in any language, with no stop
// list to maintain. Candidates match in their title or summary and are
// ranked as search ranks (SearchIndex.RankSimilar), so a shared rare word
// in a title counts most.
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
	// own counts the article's own translations holding each word: a word
	// only they hold links to nothing.
	own := map[string]int64{}
	for _, t := range trs {
		seen := map[string]bool{}
		for _, w := range strings.Fields(textnorm.SearchKey(t.Title + " " + t.Summary)) {
			if !seen[w] && utf8.RuneCountInString(w) >= minSuggestionRunes && strings.ContainsFunc(w, unicode.IsLetter) {
				seen[w] = true
				own[w]++
			}
		}
	}
	terms, err := s.rarestTerms(ctx, own)
	if err != nil || len(terms) == 0 {
		return []uint{}, err
	}
	out, err := s.search.RankSimilar(s.reader(ctx), terms, append([]uint{id}, exclude...), limit)
	if err != nil {
		return nil, fmt.Errorf("suggest related: %w", err)
	}
	return out, nil
}

// rarestTerms keeps the words, counted in the article's own translations
// by own, that another article's title or summary holds too and that are
// not too common, rarest first, at most suggestionWords of them.
func (s *Store) rarestTerms(ctx context.Context, own map[string]int64) ([]string, error) {
	if len(own) == 0 {
		return nil, nil
	}
	var total int64
	if err := s.reader(ctx).Model(&ArticleTranslation{}).Count(&total).Error; err != nil {
		return nil, fmt.Errorf("count translations: %w", err)
	}
	maxDocs := min(max(total/suggestionMaxShare, 2), suggestionMaxDocs)
	list := make([]string, 0, len(own))
	for w := range own {
		list = append(list, w)
	}
	docs, missing := s.termCounts.get(list, s.now())
	if len(missing) > 0 {
		counted, err := s.search.DocumentCounts(s.reader(ctx), missing)
		if err != nil {
			return nil, fmt.Errorf("term counts: %w", err)
		}
		s.termCounts.put(missing, counted, s.now())
		for _, w := range missing {
			docs[w] = counted[w]
		}
	}
	kept := slices.DeleteFunc(list, func(w string) bool {
		others := docs[w] - own[w]
		return others < 1 || others > maxDocs
	})
	slices.SortFunc(kept, func(a, b string) int {
		if ra, rb := docs[a]-own[a], docs[b]-own[b]; ra != rb {
			return int(ra - rb)
		}
		return strings.Compare(a, b)
	})
	return kept[:min(len(kept), suggestionWords)], nil
}
