package models

import (
	"context"
	"embed"
	"errors"
	"fmt"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"github.com/payvand/payvand/internal/readingtime"
)

//go:embed migrations/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

// migrations lists every schema step in order. A step never changes after
// release; a new need is a new step.
var migrations = []*gormigrate.Migration{
	sqlStep("0001_initial"),
	sqlStep("0002_accounts"),
	sqlStep("0003_admin_list"),
	sqlStep("0004_editor"),
	searchStep("0005_search"),
	sqlStep("0006_translation_tracking"),
	sqlStep("0007_search_terms"),
	sqlStep("0008_search_listing_probe"),
	sqlStep("0009_signin_counters"),
	sqlStep("0010_events"),
	sqlStep("0011_webhooks"),
	sqlStep("0012_announced"),
	sqlStep("0013_daily_views_by_locale"),
	wordCountStep("0014_word_count"),
	sqlStep("0015_tags"),
	sqlStep("0016_featured"),
	sqlStep("0017_seo"),
	bodyPicturesStep("0019_body_pictures"),
	sqlStep("0020_sitemap_translations"),
	mediaSearchStep("0021_media_search_key"),
	sqlStep("0022_search_article"),
	refoldStep("0023_search_tajik_fold"),
	sqlStep("0024_media_focal_point"),
	sqlStep("0026_article_links"),
	sqlStep("0028_redirects"),
	sqlStep("0029_import_items"),
	sqlStep("0030_import_runs"),
}

// sqlStep runs the SQL file migrations/<id>.sql. On PostgreSQL it runs
// migrations/postgres/<id>.sql instead when there is one: the same schema
// in PostgreSQL's types (BIGSERIAL, TIMESTAMPTZ, BOOLEAN). Steps whose SQL
// both engines read alike have no PostgreSQL file.
func sqlStep(id string) *gormigrate.Migration {
	return &gormigrate.Migration{
		ID: id,
		Migrate: func(tx *gorm.DB) error {
			script, err := migrationFiles.ReadFile("migrations/" + id + ".sql")
			if isPostgres(tx) {
				if own, perr := migrationFiles.ReadFile("migrations/postgres/" + id + ".sql"); perr == nil {
					script, err = own, nil
				}
			}
			if err != nil {
				return err
			}
			return tx.Exec(string(script)).Error
		},
	}
}

// searchStep creates the search index with its SQL file, then fills it from
// the articles already saved: the index holds Go-normalised text, which SQL
// alone cannot compute.
func searchStep(id string) *gormigrate.Migration {
	step := sqlStep(id)
	create := step.Migrate
	step.Migrate = func(tx *gorm.DB) error {
		if err := create(tx); err != nil {
			return err
		}
		return reindexAllArticles(tx)
	}
	return step
}

// reindexAllArticles fills the search index from every article saved,
// drafts and trashed ones included, as their saves would have.
func reindexAllArticles(tx *gorm.DB) error {
	var ids []uint
	if err := tx.Table("articles").Order("id").Pluck("id", &ids).Error; err != nil {
		return err
	}
	var index SearchIndex = fts4Index{}
	if isPostgres(tx) {
		index = pgSearchIndex{}
	}
	for _, id := range ids {
		if err := index.Reindex(tx, id); err != nil {
			return err
		}
	}
	return nil
}

// refoldStep empties the search index with its SQL file, then stores every
// key textnorm.SearchKey makes again: the index of every article, the
// media library's keys and the tags' keys. It is the step to add whenever
// SearchKey starts folding differently, since a key folded the old way no
// longer meets a query folded the new way.
func refoldStep(id string) *gormigrate.Migration {
	step := sqlStep(id)
	create := step.Migrate
	step.Migrate = func(tx *gorm.DB) error {
		if err := create(tx); err != nil {
			return err
		}
		if err := reindexAllArticles(tx); err != nil {
			return err
		}
		if err := fillMediaSearchKeys(tx); err != nil {
			return err
		}
		return fillTagSearchKeys(tx)
	}
	return step
}

// wordCountStep adds the word count column with its SQL file, then counts
// the words of every body already saved: the count follows Unicode word
// boundaries, which SQL alone cannot.
func wordCountStep(id string) *gormigrate.Migration {
	step := sqlStep(id)
	create := step.Migrate
	step.Migrate = func(tx *gorm.DB) error {
		if err := create(tx); err != nil {
			return err
		}
		var rows []struct {
			ID       uint
			BodyHTML string
		}
		return tx.Table("article_translations").Select("id", "body_html").
			FindInBatches(&rows, 500, func(batch *gorm.DB, _ int) error {
				for _, r := range rows {
					err := tx.Table("article_translations").Where("id = ?", r.ID).
						Update("word_count", readingtime.BodyWords(r.BodyHTML)).Error
					if err != nil {
						return err
					}
				}
				return nil
			}).Error
	}
	return step
}

// mediaSearchStep adds the media library's search key with its SQL file,
// then folds the name and texts of every picture already saved: the
// folding is textnorm's, which SQL alone cannot do.
func mediaSearchStep(id string) *gormigrate.Migration {
	step := sqlStep(id)
	create := step.Migrate
	step.Migrate = func(tx *gorm.DB) error {
		if err := create(tx); err != nil {
			return err
		}
		return fillMediaSearchKeys(tx)
	}
	return step
}

// bodyPicturesStep adds the path indexes with its SQL file, then stores
// the pictures of every saved body, current translations and revisions
// alike, by media id: an <img src="/media/…"> naming a file of the media
// library becomes <img data-media-id="…">, as a save does now; pictures
// pointing elsewhere stay as they are.
func bodyPicturesStep(id string) *gormigrate.Migration {
	step := sqlStep(id)
	create := step.Migrate
	step.Migrate = func(tx *gorm.DB) error {
		if err := create(tx); err != nil {
			return err
		}
		for _, table := range []string{"article_translations", "article_revisions"} {
			if err := referenceBodyPictures(tx, table); err != nil {
				return err
			}
		}
		return nil
	}
	return step
}

// referenceBodyPictures rewrites the bodies of table whose pictures point
// at /media/… files. Sanitised bodies quote attributes with double quotes,
// so the LIKE finds every candidate.
func referenceBodyPictures(tx *gorm.DB, table string) error {
	var rows []struct {
		ID       uint
		BodyHTML string
	}
	return tx.Table(table).Select("id", "body_html").Where(`body_html LIKE '%src="/media/%'`).
		FindInBatches(&rows, 500, func(batch *gorm.DB, _ int) error {
			for _, r := range rows {
				body, err := referencePictures(tx, r.BodyHTML)
				if err != nil {
					return err
				}
				if body == r.BodyHTML {
					continue
				}
				if err := tx.Table(table).Where("id = ?", r.ID).Update("body_html", body).Error; err != nil {
					return fmt.Errorf("store pictures of %s %d by id: %w", table, r.ID, err)
				}
			}
			return nil
		}).Error
}

// ErrSchemaTooNew means the database was migrated by a newer Payvand: running
// an older binary on it could damage data it does not know about.
var ErrSchemaTooNew = errors.New("the database was created by a newer version of Payvand")

func migrate(ctx context.Context, db *gorm.DB) error {
	m := gormigrate.New(db.WithContext(ctx), &gormigrate.Options{
		TableName:                 "schema_migrations",
		IDColumnName:              "id",
		IDColumnSize:              255,
		UseTransaction:            true,
		ValidateUnknownMigrations: true,
	}, migrations)
	if err := m.Migrate(); err != nil {
		if errors.Is(err, gormigrate.ErrUnknownPastMigration) {
			return ErrSchemaTooNew
		}
		return fmt.Errorf("migrate database: %w", err)
	}
	return nil
}
