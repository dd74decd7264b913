package models

import (
	"context"
	"fmt"
)

// RelatedIDs returns the articles linked to id in the order the editor sees
// and edits them: links made on id in their order, then links made on the
// others. Unlike ListPublicRelated it includes drafts and archived articles;
// trashed ones are left out.
func (s *Store) RelatedIDs(ctx context.Context, id uint) ([]uint, error) {
	var outgoing, incoming []uint
	err := s.reader(ctx).Model(&ArticleRelation{}).
		Joins("JOIN articles ON articles.id = article_relations.related_id AND articles.trashed_at IS NULL").
		Where("article_relations.article_id = ?", id).Order("article_relations.position, article_relations.related_id").
		Pluck("article_relations.related_id", &outgoing).Error
	if err != nil {
		return nil, fmt.Errorf("related links: %w", err)
	}
	err = s.reader(ctx).Model(&ArticleRelation{}).
		Joins("JOIN articles ON articles.id = article_relations.article_id AND articles.trashed_at IS NULL").
		Where("article_relations.related_id = ?", id).Order("article_relations.created_at, article_relations.article_id").
		Pluck("article_relations.article_id", &incoming).Error
	if err != nil {
		return nil, fmt.Errorf("related links: %w", err)
	}
	return append(outgoing, incoming...), nil
}

// ArticleTitles returns the titles of the given articles by locale, drafts
// included, for lists inside the editor.
func (s *Store) ArticleTitles(ctx context.Context, ids []uint) (map[uint]map[string]string, error) {
	out := make(map[uint]map[string]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []ArticleTranslation
	err := s.reader(ctx).Select("article_id", "locale", "title").Where("article_id IN ?", ids).Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("article titles: %w", err)
	}
	for _, r := range rows {
		if out[r.ArticleID] == nil {
			out[r.ArticleID] = map[string]string{}
		}
		out[r.ArticleID][r.Locale] = r.Title
	}
	return out, nil
}
