package models

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

// TestTajikFoldMigrationRebuildsKeys takes a database back to before
// 0023_search_tajik_fold, its search index, media keys and tag keys
// written the old way (Tajik letters kept, as SearchKey made them then),
// and opens it again on each engine: the step folds every key, so the
// Russian-keyboard spelling finds what the Tajik one does, and the Tajik
// spelling still finds it.
func TestTajikFoldMigrationRebuildsKeys(t *testing.T) {
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			url := e.url(t)
			s, _ := newTestStoreOn(t, url)
			ctx := context.Background()
			sec := mustSection(t, s, "culture", nil)
			a := mustArticle(t, s, sec.ID, withBody(published("tg", "Рӯзи фарҳанг", 2), "<p>Ҷашни фарҳанг</p>"))
			m := mustMedia(t, s, "pamir.jpg", map[string]MediaText{"tg": {Alt: "Кӯҳҳои Помир"}})
			tag := mustTag(t, s, map[string]string{"tg": "Фарҳанг"})

			// The keys as the previous SearchKey wrote them.
			old := map[string]string{"title": "рӯзи фарҳанг", "summary": "", "body": "ҷашни фарҳанг"}
			if isPostgres(s.write) {
				must(t, s.write.Exec(`UPDATE article_search SET document =
					setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'C')`, old["title"], old["body"]).Error)
			} else {
				must(t, s.write.Exec(`UPDATE article_search SET title = ?, summary = ?, body = ?`, old["title"], old["summary"], old["body"]).Error)
			}
			must(t, s.write.Exec(`UPDATE media SET search_key = ? WHERE id = ?`, "pamir jpg\nкӯҳҳои помир", m.ID).Error)
			must(t, s.write.Exec(`UPDATE tag_names SET search_key = ? WHERE tag_id = ?`, "фарҳанг", tag.ID).Error)
			must(t, s.write.Exec(`DELETE FROM schema_migrations WHERE id = '0023_search_tajik_fold'`).Error)
			found := func(s *Store) string {
				media, err := s.ListMedia(ctx, MediaQuery{Search: "куххои"})
				must(t, err)
				tags, err := s.ListTags(ctx, "фарханг", 10)
				must(t, err)
				return fmt.Sprintf("articles %v, media %d, tags %d", searchIDs(t, s, "tg", "фарханг"), media.Total, len(tags))
			}
			if got := found(s); got != "articles [], media 0, tags 0" {
				t.Fatalf("with the old keys the Russian-keyboard spelling finds %s; the test cannot tell a rebuild from none", got)
			}
			must(t, s.Close())

			s, _ = newTestStoreOn(t, url)
			if got, want := found(s), fmt.Sprintf("articles [%d], media 1, tags 1", a.ID); got != want {
				t.Errorf("after the migration: %s, want %s", got, want)
			}
			for _, q := range []string{"фарҳанг", "ҷашни", "чашни фарханг"} {
				if got := searchIDs(t, s, "tg", q); !slices.Equal(got, []uint{a.ID}) {
					t.Errorf("search %q after the migration: %v, want [%d]", q, got, a.ID)
				}
			}
		})
	}
}

// TestExactSpellingFirstBeyondOnePage checks the reordering's paging: with
// more Russian-keyboard matches than a page, newer than every exact one,
// the exact matches still fill the first page, and walking the pages gives
// every match once.
func TestExactSpellingFirstBeyondOnePage(t *testing.T) {
	onEachEngine(t, func(t *testing.T, s *Store, _ *clock) {
		sec := mustSection(t, s, "news", nil)
		var exact, folded []uint
		for i := range 6 {
			folded = append(folded, mustArticle(t, s, sec.ID, published("tg", fmt.Sprintf("Фарханг %d", i), 1+i)).ID)
		}
		for i := range 3 {
			exact = append(exact, mustArticle(t, s, sec.ID, published("tg", fmt.Sprintf("Фарҳанг %d", i), 20+i)).ID)
		}
		var got []uint
		q := SearchQuery{Locale: "tg", Text: "фарҳанг", Limit: 2}
		for range 10 {
			hits, next, err := s.SearchPublic(context.Background(), q)
			must(t, err)
			for _, h := range hits {
				got = append(got, h.Article.Article.ID)
			}
			if next == nil {
				break
			}
			q.After = next
		}
		if want := slices.Concat(exact, folded); !slices.Equal(got, want) {
			t.Errorf("pages of 2 gave %v, want the exact %v then the folded %v, newest first", got, exact, folded)
		}
	})
}
