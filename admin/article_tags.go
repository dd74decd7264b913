package admin

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/textnorm"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// The tag picker's operations on the shared form (op=NAME:ARG), beside
// the related list's: a search saves nothing; add, remove and create save
// the shared fields at once, as the related list's changes do.
const (
	opTagSearch = "tag-search"
	opTagAdd    = "tag-add"
	opTagRemove = "tag-remove"
	// opTagCreate:LOCALE creates a tag named what was typed in the search
	// box, in that locale, and adds it.
	opTagCreate = "tag-create"
	// tagSearchLimit is how many matching tags the picker offers.
	tagSearchLimit = 8
)

// storedSharedForm is the shared form filled with the article's saved
// fields, related list and tags.
func (a *Admin) storedSharedForm(ctx context.Context, article *models.Article) (sharedForm, error) {
	related, err := a.store.RelatedIDs(ctx, article.ID)
	if err != nil {
		return sharedForm{}, err
	}
	tags, err := a.store.ArticleTags(ctx, article.ID)
	if err != nil {
		return sharedForm{}, err
	}
	ids := make([]uint, len(tags))
	for i, t := range tags {
		ids[i] = t.ID
	}
	f := sharedFormOf(article, related, ids)
	pins, err := a.store.ShownPins(ctx, []uint{article.ID})
	if err != nil {
		return sharedForm{}, err
	}
	if pin, ok := pins[article.ID]; ok {
		f.Pin = pinFormOf(&pin, a.tz)
	}
	return f, nil
}

// applyTagOp changes the ordered tag list by one picker action.
func applyTagOp(list []uint, op string, id uint) []uint {
	i := slices.Index(list, id)
	switch {
	case op == opTagAdd && id != 0 && i < 0:
		return append(list, id)
	case op == opTagRemove && i >= 0:
		return slices.Delete(list, i, i+1)
	}
	return list
}

// createEditorTag creates the tag the editor confirmed, named f.TagQuery
// in loc, and appends it to f.Tags. A refusal re-renders the shared form
// with the message beside the tag picker and returns false.
func (a *Admin) createEditorTag(c *gin.Context, articleID uint, f *sharedForm, loc, query string) bool {
	l := a.localizer(c)
	tag, err := a.store.SaveTag(c.Request.Context(), models.TagInput{Names: map[string]string{loc: f.TagQuery}})
	var invalid *models.ValidationError
	switch {
	case errors.As(err, &invalid):
		errs := map[string]string{}
		for _, msg := range refusals(l, err, "") {
			errs["tags"] = msg
		}
		a.renderShared(c, http.StatusUnprocessableEntity, articleID, *f, errs, query, l.T("common.form_errors"), false)
		return false
	case err != nil:
		a.fail(c, err)
		return false
	}
	f.Tags = append(f.Tags, tag.ID)
	f.TagQuery = ""
	return true
}

// tagPickerProps fills the picker: the chosen tags with their names, and
// while the editor searches, the matching tags not chosen yet and, when no
// tag is named exactly what was typed, the offer to create one.
func (a *Admin) tagPickerProps(ctx context.Context, l i18n.Localizer, f sharedForm, p *views.SharedProps) error {
	locales := a.store.Locales()
	chosen, err := a.store.FindTags(ctx, f.Tags)
	if err != nil {
		return err
	}
	for _, t := range chosen {
		p.Tags = append(p.Tags, tagItem(l, locales, t))
	}
	query := strings.TrimSpace(f.TagQuery)
	p.TagQuery = f.TagQuery
	if query == "" {
		return nil
	}
	found, err := a.store.ListTags(ctx, query, tagSearchLimit+len(f.Tags))
	if err != nil {
		return err
	}
	key, exact := textnorm.SearchKey(query), false
	for _, t := range found {
		for _, n := range t.Names {
			exact = exact || n.SearchKey == key
		}
		if !slices.Contains(f.Tags, t.ID) && len(p.TagCandidates) < tagSearchLimit {
			p.TagCandidates = append(p.TagCandidates, tagItem(l, locales, t.Tag))
		}
	}
	if !exact {
		for _, loc := range locales.All() {
			p.TagCreate = append(p.TagCreate, localeOption(loc))
		}
	}
	return nil
}

func tagItem(l i18n.Localizer, locales locale.Set, t models.Tag) views.TagItem {
	return views.TagItem{ID: t.ID, Slug: t.Slug, Name: tagLabel(l, locales, t)}
}
