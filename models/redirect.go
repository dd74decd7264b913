package models

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Redirect is an old address of content brought in from another system (a
// WordPress permalink, /?p=123, a category's page) and what it is in
// Payvand now: exactly one of ArticleID, SectionID and TagID is set.
type Redirect struct {
	ID uint
	// Path is the address's key as RedirectPath makes it.
	Path      string
	Locale    string
	ArticleID *uint
	SectionID *uint
	TagID     *uint
	// Source names where the address came from (an export's site URL).
	Source    string
	CreatedAt time.Time
}

// MaxRedirectPath bounds an old address, in bytes.
const MaxRedirectPath = 2000

// RedirectPath is the key an old address is stored and looked up by, so
// the ways one address is written meet: a full URL's scheme and host are
// dropped, the path is percent-decoded (Persian slugs arrive as %d8%…) and
// NFC-normalised, a trailing slash is dropped, and the query's parameters
// are decoded and sorted (/?p=12 and /?p=12&, /?b=2&a=1 and /?a=1&b=2
// meet). A fragment never reaches a server and is dropped. Input that is
// empty, too long or not text is a *ValidationError.
func RedirectPath(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" || len(raw) > MaxRedirectPath || !storableText(raw) {
		return "", refuse("path", "validation.redirect_path")
	}
	u, err := url.Parse(raw)
	if err != nil {
		// Not a URL (a stray % in a hand-typed path): take it as a path.
		u = &url.URL{Path: raw}
		if before, query, ok := strings.Cut(raw, "?"); ok {
			u.Path, u.RawQuery = before, query
		}
	}
	path := u.Path
	if decoded, err := url.PathUnescape(u.EscapedPath()); err == nil {
		path = decoded
	}
	path = "/" + strings.Trim(norm.NFC.String(path), "/")
	query, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		query = url.Values{}
	}
	var params []string
	for key, values := range query {
		for _, v := range values {
			params = append(params, norm.NFC.String(key)+"="+norm.NFC.String(v))
		}
	}
	slices.Sort(params)
	key := path
	if len(params) > 0 {
		key += "?" + strings.Join(params, "&")
	}
	if !utf8.ValidString(key) || !storableText(key) {
		return "", refuse("path", "validation.redirect_path")
	}
	return key, nil
}

// RedirectInput is one old address to record.
type RedirectInput struct {
	// Path is the address as the old site wrote it.
	Path string
	// Locale is the language the old address was in; empty when the old
	// site had one language, answered in the first one the target is
	// public in.
	Locale    string
	ArticleID uint
	SectionID uint
	TagID     uint
}

// SaveRedirects records old addresses from source, in one transaction:
// an address recorded before now points at its new target. Addresses
// whose keys meet are one address: the last one given wins.
func (s *Store) SaveRedirects(ctx context.Context, source string, in []RedirectInput) error {
	rows, err := s.redirectRows(source, in)
	if err != nil {
		return err
	}
	return s.writeTx(ctx, func(tx *gorm.DB) error { return upsertRedirects(tx, rows) })
}

// redirectRows checks old addresses and makes their rows, one per path
// (the last one given wins), or refuses them all.
func (s *Store) redirectRows(source string, in []RedirectInput) ([]Redirect, error) {
	rows := make([]Redirect, 0, len(in))
	v := validation{}
	for i, r := range in {
		row, err := s.redirectRow(source, r)
		if err != nil {
			var invalid *ValidationError
			if errors.As(err, &invalid) {
				for _, f := range invalid.Fields {
					v.add(fmt.Sprintf("redirects.%d", i), f.ID, f.ArgPairs()...)
				}
				continue
			}
			return nil, err
		}
		rows = append(rows, row)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	return lastPerPath(rows), nil
}

// lastPerPath keeps one row per path, the last one given, where the first
// stood: one upsert may not touch a row twice.
func lastPerPath(rows []Redirect) []Redirect {
	out := make([]Redirect, 0, len(rows))
	byPath := make(map[string]int, len(rows))
	for _, row := range rows {
		if at, ok := byPath[row.Path]; ok {
			out[at] = row
			continue
		}
		byPath[row.Path] = len(out)
		out = append(out, row)
	}
	return out
}

// upsertRedirects writes checked rows, an address recorded before taking
// its new target.
func upsertRedirects(tx *gorm.DB, rows []Redirect) error {
	for batch := range slices.Chunk(rows, 200) {
		err := tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "path"}},
			DoUpdates: clause.AssignmentColumns([]string{"locale", "article_id", "section_id", "tag_id", "source"}),
		}).Create(&batch).Error
		if err != nil {
			return fmt.Errorf("save redirects: %w", err)
		}
	}
	return nil
}

func (s *Store) redirectRow(source string, r RedirectInput) (Redirect, error) {
	path, err := RedirectPath(r.Path)
	if err != nil {
		return Redirect{}, err
	}
	if r.Locale != "" && !s.locales.Has(r.Locale) {
		return Redirect{}, refuse("locale", "validation.unknown_locale", "locale", r.Locale)
	}
	row := Redirect{Path: path, Locale: r.Locale, Source: source, CreatedAt: s.now().UTC()}
	targets := 0
	for _, t := range []struct {
		id   uint
		into **uint
	}{{r.ArticleID, &row.ArticleID}, {r.SectionID, &row.SectionID}, {r.TagID, &row.TagID}} {
		if t.id != 0 {
			id := t.id
			*t.into = &id
			targets++
		}
	}
	if targets != 1 {
		return Redirect{}, refuse("target", "validation.redirect_target")
	}
	return row, nil
}

// RedirectKind is what an old address leads to now.
type RedirectKind string

// The kinds of redirect target.
const (
	RedirectArticle RedirectKind = "article"
	RedirectSection RedirectKind = "section"
	RedirectTag     RedirectKind = "tag"
)

// RedirectTarget is an old address resolved to public content: an article
// public in Locale, or a section or tag, each with the slug a site
// address is made of.
type RedirectTarget struct {
	Path   string
	Kind   RedirectKind
	Locale string
	// ID is the article's, section's or tag's id.
	ID   uint
	Slug string
}

// FindRedirect resolves an old address (see RedirectPath for how it is
// matched). An address never recorded, or whose article is not public
// (in its language, or in any when it has none), is ErrNotFound.
func (s *Store) FindRedirect(ctx context.Context, raw string) (*RedirectTarget, error) {
	path, err := RedirectPath(raw)
	if err != nil {
		return nil, err
	}
	var rows []Redirect
	if err := s.reader(ctx).Where("path = ?", path).Limit(1).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("find redirect: %w", err)
	}
	targets, err := s.resolveRedirects(ctx, rows)
	if err != nil {
		return nil, err
	}
	if len(targets) == 0 {
		return nil, ErrNotFound
	}
	return &targets[0], nil
}

// EachRedirect calls fn with every old address that leads to public
// content now, in path order, a batch at a time so a large archive's map
// is never held whole.
func (s *Store) EachRedirect(ctx context.Context, fn func(RedirectTarget) error) error {
	after := ""
	for {
		var rows []Redirect
		err := s.reader(ctx).Where("path > ?", after).Order("path").Limit(500).Find(&rows).Error
		if err != nil {
			return fmt.Errorf("list redirects: %w", err)
		}
		if len(rows) == 0 {
			return nil
		}
		targets, err := s.resolveRedirects(ctx, rows)
		if err != nil {
			return err
		}
		for _, t := range targets {
			if err := fn(t); err != nil {
				return err
			}
		}
		after = rows[len(rows)-1].Path
	}
}

// resolveRedirects turns rows into public targets, in the rows' order,
// leaving out those that lead to nothing public.
func (s *Store) resolveRedirects(ctx context.Context, rows []Redirect) ([]RedirectTarget, error) {
	var articleIDs, sectionIDs, tagIDs []uint
	for _, r := range rows {
		switch {
		case r.ArticleID != nil:
			articleIDs = append(articleIDs, *r.ArticleID)
		case r.SectionID != nil:
			sectionIDs = append(sectionIDs, *r.SectionID)
		case r.TagID != nil:
			tagIDs = append(tagIDs, *r.TagID)
		}
	}
	db := s.reader(ctx)
	public, err := s.publicLocales(db, articleIDs, s.now().Unix())
	if err != nil {
		return nil, err
	}
	slugs, err := translationSlugs(db, articleIDs)
	if err != nil {
		return nil, err
	}
	sectionSlugs, tagSlugs := map[uint]string{}, map[uint]string{}
	if len(sectionIDs) > 0 {
		sections, err := s.ListSections(ctx) // a small table, read whole
		if err != nil {
			return nil, err
		}
		for _, sec := range sections {
			sectionSlugs[sec.ID] = sec.Slug
		}
	}
	tags, err := s.FindTags(ctx, tagIDs)
	if err != nil {
		return nil, err
	}
	for _, t := range tags {
		tagSlugs[t.ID] = t.Slug
	}
	out := make([]RedirectTarget, 0, len(rows))
	for _, r := range rows {
		t := RedirectTarget{Path: r.Path, Locale: r.Locale}
		switch {
		case r.ArticleID != nil:
			t.Kind, t.ID = RedirectArticle, *r.ArticleID
			locales := public[t.ID]
			if t.Locale == "" && len(locales) > 0 {
				t.Locale = locales[0]
			}
			if !slices.Contains(locales, t.Locale) {
				continue
			}
			t.Slug = slugs[t.ID][t.Locale]
		case r.SectionID != nil:
			t.Kind, t.ID, t.Slug = RedirectSection, *r.SectionID, sectionSlugs[*r.SectionID]
		case r.TagID != nil:
			t.Kind, t.ID, t.Slug = RedirectTag, *r.TagID, tagSlugs[*r.TagID]
		}
		if t.Locale == "" {
			t.Locale = s.locales.Default().Code
		}
		out = append(out, t)
	}
	return out, nil
}

// translationSlugs maps article ids to their translations' slugs by locale.
func translationSlugs(db *gorm.DB, ids []uint) (map[uint]map[string]string, error) {
	out := map[uint]map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []ArticleTranslation
	if err := db.Select("article_id", "locale", "slug").Where("article_id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("translation slugs: %w", err)
	}
	for _, r := range rows {
		if out[r.ArticleID] == nil {
			out[r.ArticleID] = map[string]string{}
		}
		out[r.ArticleID][r.Locale] = r.Slug
	}
	return out, nil
}
