package models

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/payvand/payvand/internal/textnorm"
)

// TranslationState is how far an article is in one locale, as the admin's
// article list shows it.
type TranslationState string

// The states of a locale of an article.
const (
	StateMissing   TranslationState = "missing"
	StateDraft     TranslationState = "draft"
	StatePublished TranslationState = "published"
	// StateScheduled is a published translation whose time has not come.
	StateScheduled TranslationState = "scheduled"
	// StateOutdated filters the list for articles with a translation that
	// is behind another (see translation_tracking.go); it is a filter, not
	// a state of its own: an outdated translation is also one of the above.
	StateOutdated TranslationState = "outdated"
)

// Page sizes of the admin's article list.
const (
	DefaultAdminPerPage = 50
	MaxAdminPerPage     = 200
)

// AdminArticleQuery selects a page of the admin's article list. Zero values
// filter nothing. Trashed articles are always left out: the trash will have
// its own view.
type AdminArticleQuery struct {
	// SectionID keeps the articles of a section and of its subsections.
	SectionID uint
	// Status keeps articles with at least one translation in this state:
	// StatePublished (public now), StateDraft, StateScheduled or
	// StateOutdated.
	Status TranslationState
	// MissingLocale keeps articles with no translation at all in this locale.
	MissingLocale string
	// Search keeps articles with a translation that matches it in the search
	// index (title, summary or body, any locale, drafts included), with the
	// same normalised matching as the public search.
	Search string
	// Page is 1-based; a page past the end is the last page.
	Page int
	// PerPage is DefaultAdminPerPage when 0 and at most MaxAdminPerPage.
	PerPage int
}

// AdminLocaleState is one locale of an article in the admin's list.
type AdminLocaleState struct {
	Locale      string
	State       TranslationState
	Title       string
	PublishedAt *time.Time
	// Outdated says the translation is behind another one.
	Outdated bool
}

// AdminArticleRow is one article in the admin's list.
type AdminArticleRow struct {
	ID        uint
	Section   Section
	UpdatedAt time.Time
	// Locales has one entry per configured locale, in configured order.
	Locales []AdminLocaleState
	// Pin is the article's featured pin while it shows; an ended one is
	// nil, as on the site.
	Pin *ArticlePin
}

// AdminArticlePage is one page of the admin's article list.
type AdminArticlePage struct {
	Rows []AdminArticleRow
	// Total counts every article the filters keep, on all pages.
	Total   int64
	Page    int
	PerPage int
}

// Pages is the number of pages, at least 1.
func (p AdminArticlePage) Pages() int {
	if p.PerPage <= 0 || p.Total == 0 {
		return 1
	}
	return int((p.Total + int64(p.PerPage) - 1) / int64(p.PerPage))
}

// adminOrder is the editors' order: the most recently edited first.
const adminOrder = "updated_at DESC, id DESC"

// ListAdminArticles returns one page of the admin's article list, most
// recently updated first, drafts and scheduled translations included, with
// the state of every configured locale of each article. Besides reading the
// small section tree, it makes three queries whatever the page size: the
// count, the page's articles, and their translations (without bodies).
func (s *Store) ListAdminArticles(ctx context.Context, q AdminArticleQuery) (AdminArticlePage, error) {
	if err := s.validateAdminQuery(q); err != nil {
		return AdminArticlePage{}, err
	}
	q.PerPage = min(max(q.PerPage, 0), MaxAdminPerPage)
	if q.PerPage == 0 {
		q.PerPage = DefaultAdminPerPage
	}
	sections, err := s.ListSections(ctx)
	if err != nil {
		return AdminArticlePage{}, err
	}
	page := AdminArticlePage{PerPage: q.PerPage}
	if err := s.adminFilter(ctx, q, sections).Count(&page.Total).Error; err != nil {
		return AdminArticlePage{}, fmt.Errorf("count admin articles: %w", err)
	}
	page.Page = min(max(q.Page, 1), page.Pages())
	var articles []Article
	err = s.adminFilter(ctx, q, sections).Select("id", "section_id", "updated_at").Order(adminOrder).
		Limit(page.PerPage).Offset((page.Page - 1) * page.PerPage).Find(&articles).Error
	if err != nil {
		return AdminArticlePage{}, fmt.Errorf("list admin articles: %w", err)
	}
	page.Rows, err = s.adminRows(ctx, articles, sections)
	return page, err
}

func (s *Store) validateAdminQuery(q AdminArticleQuery) error {
	v := validation{}
	switch q.Status {
	case "", StatePublished, StateDraft, StateScheduled, StateOutdated:
	default:
		v.add("status", "validation.status_invalid", "status", q.Status)
	}
	if q.MissingLocale != "" && !s.locales.Has(q.MissingLocale) {
		v.add("missing", "validation.unknown_locale", "locale", q.MissingLocale)
	}
	return v.err()
}

// adminFilter is the articles the query keeps, unordered. The translation
// conditions are EXISTS probes answered from indexes alone (see
// migrations/0003_admin_list.sql), so no translation row, with its large
// body, is read.
func (s *Store) adminFilter(ctx context.Context, q AdminArticleQuery, sections []Section) *gorm.DB {
	const tr = "SELECT 1 FROM article_translations t WHERE t.article_id = articles.id"
	db := s.reader(ctx).Model(&Article{}).Where("trashed_at IS NULL")
	if q.SectionID != 0 {
		db = db.Where("section_id IN ?", sectionSubtree(sections, q.SectionID))
	}
	now := s.now().UTC()
	switch q.Status {
	case StatePublished:
		db = db.Where("EXISTS ("+tr+" AND t.status = ? AND t.published_at <= ?)", StatusPublished, now)
	case StateScheduled:
		db = db.Where("EXISTS ("+tr+" AND t.status = ? AND t.published_at > ?)", StatusPublished, now)
	case StateDraft:
		db = db.Where("EXISTS ("+tr+" AND t.status = ?)", StatusDraft)
	case StateOutdated:
		db = db.Where("EXISTS (" + tr + " AND t.outdated)")
	}
	if q.MissingLocale != "" {
		db = db.Where("NOT EXISTS ("+tr+" AND t.locale = ?)", q.MissingLocale)
	}
	if term := strings.TrimSpace(q.Search); term != "" {
		// The search index, drafts included: the same normalised matching
		// as the public search. Input with no searchable word falls back to
		// a literal title match (containsSQL).
		var searched bool
		switch db, searched = s.search.MatchingArticles(db, textnorm.SearchTerms(term)); {
		case searched:
		case !storableText(term):
			// No title holds it, and PostgreSQL refuses it as a parameter.
			db = db.Where("1 = 0")
		default:
			db = db.Where("EXISTS ("+tr+" AND "+containsSQL(db, "t.title")+")", term)
		}
	}
	return db
}

// containsSQL is a condition, with one argument, that column holds the
// argument as it is: code point for code point, case included, the same on
// both engines (instr and strpos compare bytes; LIKE would fold ASCII case
// on SQLite and not on PostgreSQL). It is the fallback for input with no
// searchable word, punctuation such as "?!" or "«", where nothing is left
// to normalise.
func containsSQL(db *gorm.DB, column string) string {
	if isPostgres(db) {
		return "strpos(" + column + ", ?) > 0"
	}
	return "instr(" + column + ", ?) > 0"
}

// sectionSubtree returns id and the ids of all its descendants.
func sectionSubtree(sections []Section, id uint) []uint {
	children := map[uint][]uint{}
	for _, sec := range sections {
		if sec.ParentID != nil {
			children[*sec.ParentID] = append(children[*sec.ParentID], sec.ID)
		}
	}
	out := []uint{id}
	seen := map[uint]bool{id: true}
	for i := 0; i < len(out); i++ {
		for _, c := range children[out[i]] {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	return out
}
