package admin

import (
	"context"

	"github.com/payvand/payvand/models"
)

// pickerMatches is what the article pickers (related articles, internal
// links) offer for a search: a page of the editors' list filtered by query,
// most recently edited first, with the articles spelled as typed moved
// ahead of those found only through the Russian-keyboard fold (a typed
// «фарханг» also finds «фарҳанг»). The page is the window the spelling
// reorders; the pickers show the first few of it.
func (a *Admin) pickerMatches(ctx context.Context, query string) ([]models.AdminArticleRow, error) {
	found, err := a.store.ListAdminArticles(ctx, models.AdminArticleQuery{Search: query})
	if err != nil {
		return nil, err
	}
	ids := make([]uint, len(found.Rows))
	byID := make(map[uint]models.AdminArticleRow, len(found.Rows))
	for i, row := range found.Rows {
		ids[i], byID[row.ID] = row.ID, row
	}
	if ids, err = a.store.ExactFirst(ctx, ids, query); err != nil {
		return nil, err
	}
	rows := make([]models.AdminArticleRow, len(ids))
	for i, id := range ids {
		rows[i] = byID[id]
	}
	return rows, nil
}
