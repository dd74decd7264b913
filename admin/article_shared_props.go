package admin

import (
	"context"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/views"
)

// relatedSearchLimit is how many matches the related-article search shows,
// and relatedSuggestions how many suggestions the related list offers.
const (
	relatedSearchLimit = 8
	relatedSuggestions = 5
)

// sharedProps builds the shared fieldset: the section choices, the featured
// picture's thumbnail, the tag picker and the related list with titles.
func (a *Admin) sharedProps(c *gin.Context, id uint, f sharedForm, errs map[string]string, query string) (views.SharedProps, error) {
	ctx, l := c.Request.Context(), a.localizer(c)
	sections, err := a.store.ListSections(ctx)
	if err != nil {
		return views.SharedProps{}, err
	}
	p := views.SharedProps{
		ArticleID: id, Version: f.Version, Sections: sectionOptions(sections, a.namingLocales(l)), SectionID: f.SectionID,
		Archived: f.Archived, FeaturedMediaID: f.FeaturedMediaID, Errors: errs, Query: query, Pin: f.Pin.props(),
		FeaturedThumb: a.featuredThumb(ctx, f.FeaturedMediaID),
	}
	if p.Errors == nil {
		p.Errors = map[string]string{}
	}
	if p.Related, err = a.relatedItems(ctx, l, f.Related); err != nil {
		return views.SharedProps{}, err
	}
	if err := a.tagPickerProps(ctx, l, f, &p); err != nil {
		return views.SharedProps{}, err
	}
	if id == 0 {
		return p, nil
	}
	// While the editor searches, the results stand in for suggestions.
	if q := strings.TrimSpace(query); q != "" {
		p.Candidates, err = a.relatedCandidates(ctx, l, id, f.Related, q)
	} else {
		p.Suggestions, err = a.relatedSuggestions(ctx, l, id, f.Related)
	}
	if err != nil {
		return views.SharedProps{}, err
	}
	return p, nil
}

// featuredThumb is the address of the featured picture's thumbnail, ""
// when there is none (or it cannot be found: the form still shows its id).
func (a *Admin) featuredThumb(ctx context.Context, id uint) string {
	if id == 0 {
		return ""
	}
	m, err := a.store.FindMedia(ctx, id)
	if err != nil {
		return ""
	}
	return "/media/" + m.Variant("thumbnail").Path
}

// relatedSuggestions are the articles the related list offers for article
// id, beside those already in it.
func (a *Admin) relatedSuggestions(ctx context.Context, l i18n.Localizer, id uint, related []uint) ([]views.RelatedItem, error) {
	ids, err := a.store.SuggestRelated(ctx, id, related, relatedSuggestions)
	if err != nil {
		return nil, err
	}
	return a.relatedItems(ctx, l, ids)
}

// relatedCandidates are the articles the related search finds for query,
// leaving out article id itself and those already related.
func (a *Admin) relatedCandidates(ctx context.Context, l i18n.Localizer, id uint, related []uint, query string) ([]views.RelatedItem, error) {
	found, err := a.pickerMatches(ctx, query)
	if err != nil {
		return nil, err
	}
	var ids []uint
	for _, row := range found {
		if row.ID != id && !slices.Contains(related, row.ID) && len(ids) < relatedSearchLimit {
			ids = append(ids, row.ID)
		}
	}
	return a.relatedItems(ctx, l, ids)
}

// relatedItems titles articles for the editor's lists and pickers, each
// in the interface's language where it has that translation, another
// locale's title beside it (see articleTitles).
func (a *Admin) relatedItems(ctx context.Context, l i18n.Localizer, ids []uint) ([]views.RelatedItem, error) {
	titles, err := a.store.ArticleTitles(ctx, ids)
	if err != nil {
		return nil, err
	}
	items := make([]views.RelatedItem, 0, len(ids))
	for _, id := range ids {
		title, other := articleTitles(l, a.store.Locales(), id, titles[id])
		items = append(items, views.RelatedItem{ID: id, Title: title.Text, Lang: title.Lang, Dir: title.Dir, Other: other})
	}
	return items, nil
}
