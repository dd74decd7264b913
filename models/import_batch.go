package models

import (
	"cmp"
	"context"
	"fmt"

	"gorm.io/gorm"
)

// ImportSave is one article of an import batch (SaveImportBatch).
type ImportSave struct {
	// Article is the save; nil saves nothing and records Redirects alone
	// (an article the import left as it was).
	Article *ArticleInput
	// Record makes the import records of the article as saved (its
	// translations' new versions); they commit with it or not at all.
	Record func(*Article) []ImportedItem
	// Redirects are old addresses to record, also when the save is
	// refused; one that names no target leads to the article saved, and
	// goes with it.
	Redirects []RedirectInput
}

// ImportResult is what became of one ImportSave.
type ImportResult struct {
	// Article is the article as saved, with its translations; nil when
	// nothing was saved.
	Article *Article
	// Err is why the article was refused: neither it nor its records
	// were written.
	Err error
	// RedirectErr is why its old addresses were not recorded; the
	// article is saved all the same.
	RedirectErr error
}

// SaveImportBatch saves several imported articles in one write
// transaction, each in a savepoint of its own: a refused article rolls
// back itself and its import records and leaves the others to commit,
// so each stays atomic while the batch pays for one commit. The old
// addresses of the articles saved are recorded in the same transaction.
// Events follow the event rule as for single saves.
//
// The results stand beside batch. The error is for the whole batch (a
// storage failure, a cancelled context): then nothing was written.
func (s *Store) SaveImportBatch(ctx context.Context, source string, batch []ImportSave) ([]ImportResult, error) {
	inputs := make([]ArticleInput, len(batch))
	invalid := make([]error, len(batch))
	for i, b := range batch {
		if b.Article != nil {
			inputs[i], invalid[i] = s.checkArticleInput(*b.Article)
		}
	}
	redirects, redirectErrs := s.importRedirectRows(source, batch)
	var results []ImportResult
	err := s.writeTx(ctx, func(tx *gorm.DB) error {
		// PostgreSQL may run this again (see transaction): every attempt
		// starts from the checked inputs.
		results = make([]ImportResult, len(batch))
		rows := make([]Redirect, 0, len(batch))
		recorded := make([]int, 0, len(batch)) // whose addresses rows holds
		for i, b := range batch {
			results[i].Err, results[i].RedirectErr = invalid[i], redirectErrs[i]
			if b.Article != nil && invalid[i] == nil {
				var saved *Article
				refused, err := s.inSavepoint(ctx, tx, fmt.Sprintf("import_%d", i), func() (err error) {
					saved, err = s.saveImportedTx(tx, inputs[i], b.Record)
					return err
				})
				if err != nil {
					return err
				}
				results[i].Article, results[i].Err = saved, refused
			}
			n := len(rows)
			for _, r := range redirects[i] {
				if r.ArticleID == nil && r.SectionID == nil && r.TagID == nil {
					if results[i].Article == nil {
						continue // its article was refused
					}
					id := results[i].Article.ID
					r.ArticleID = &id
				}
				rows = append(rows, r)
			}
			if len(rows) > n {
				recorded = append(recorded, i)
			}
		}
		if len(rows) == 0 {
			return nil
		}
		refused, err := s.inSavepoint(ctx, tx, "import_redirects", func() error { return upsertRedirects(tx, lastPerPath(rows)) })
		for _, i := range recorded {
			results[i].RedirectErr = cmp.Or(results[i].RedirectErr, refused)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return results, nil
}

// importRedirectRows checks each article's old addresses on its own: a
// bad address costs its article's addresses, never the article.
func (s *Store) importRedirectRows(source string, batch []ImportSave) ([][]Redirect, []error) {
	rows := make([][]Redirect, len(batch))
	errs := make([]error, len(batch))
	for i, b := range batch {
		in := make([]RedirectInput, len(b.Redirects))
		for j, r := range b.Redirects {
			if r.ArticleID == 0 && r.SectionID == 0 && r.TagID == 0 {
				if b.Article == nil {
					errs[i] = refuse("target", "validation.redirect_target")
					break
				}
				r.ArticleID = ^uint(0) // the article saved: cleared below
			}
			in[j] = r
		}
		if errs[i] != nil {
			continue
		}
		if rows[i], errs[i] = s.redirectRows(source, in); errs[i] != nil {
			continue
		}
		for j := range rows[i] {
			if id := rows[i][j].ArticleID; id != nil && *id == ^uint(0) {
				rows[i][j].ArticleID = nil
			}
		}
	}
	return rows, errs
}

// inSavepoint runs fn inside savepoint name. A refusal (see refusal) is
// rolled back to the savepoint and returned as refused: the transaction
// goes on without fn's writes. Any other failure is err, the whole
// transaction's.
func (s *Store) inSavepoint(ctx context.Context, tx *gorm.DB, name string, fn func() error) (refused, err error) {
	if err := tx.SavePoint(name).Error; err != nil {
		return nil, fmt.Errorf("savepoint: %w", err)
	}
	err = fn()
	if err == nil || !refusal(ctx, err) {
		return nil, err
	}
	if rbErr := tx.RollbackTo(name).Error; rbErr != nil {
		return nil, fmt.Errorf("roll back to savepoint: %w (after: %v)", rbErr, err)
	}
	return err, nil
}

// saveImportedTx saves an article and the records record makes of it.
func (s *Store) saveImportedTx(tx *gorm.DB, in ArticleInput, record func(*Article) []ImportedItem) (*Article, error) {
	id, err := s.saveArticleTx(tx, in)
	if err != nil {
		return nil, err
	}
	var saved Article
	if err := tx.Preload("Translations", translationsOrder).Take(&saved, id).Error; err != nil {
		return nil, fmt.Errorf("reload imported article: %w", err)
	}
	if record != nil {
		if err := s.upsertImported(tx, record(&saved)); err != nil {
			return nil, err
		}
	}
	return &saved, nil
}

// refusal says whether an article's failed save is its own business (a
// refusal: invalid, in conflict, against a constraint) rather than the
// batch's: a cancelled context, or an abort PostgreSQL asks to rerun
// the whole transaction for.
func refusal(ctx context.Context, err error) bool {
	return ctx.Err() == nil && !retryable(err) && ClassifyWriteError(err) == ""
}
