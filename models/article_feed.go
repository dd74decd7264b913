package models

import "context"

// ListFeedArticles returns the q.Limit newest public articles of q with
// their bodies: the items of a feed. It reads the listing index as
// ListPublicArticles does, so a scheduled article enters at its time.
func (s *Store) ListFeedArticles(ctx context.Context, q ListQuery) ([]PublicArticle, error) {
	q.After = nil
	ids, _, err := s.listPublicIDs(ctx, q)
	if err != nil {
		return nil, err
	}
	return s.loadPublic(ctx, q.Locale, ids, true)
}
