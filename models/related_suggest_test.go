package models

import (
	"context"
	"slices"
	"testing"
)

func TestSuggestRelated(t *testing.T) {
	onEachEngine(t, func(t *testing.T, s *Store, _ *clock) {
		ctx := context.Background()
		sec := mustSection(t, s, "news", nil)
		article := func(tg, fa, faSummary string) uint {
			t.Helper()
			var trs []TranslationInput
			if tg != "" {
				trs = append(trs, published("tg", tg, 1))
			}
			if fa != "" {
				in := published("fa", fa, 1)
				in.Summary = faSummary
				trs = append(trs, in)
			}
			return mustArticle(t, s, sec.ID, trs...).ID
		}
		// Filler, so that "ва"/"و"/"дар" are common and the subject words rare.
		for range 6 {
			article("Хабарҳои рӯз ва шаҳр дар кишвар", "اخبار روز و شهر در کشور", "")
		}
		subject := article("Намоишгоҳи китоб дар Душанбе", "نمایشگاه کتاب در دوشنبه", "ناشران کتاب‌های تازه را نشان می‌دهند")
		bothWords := article("Китоб дар намоишгоҳи Хуҷанд", "", "")
		persianOnly := article("", "ناشران جوان در کشور", "")
		zwnjOnly := article("", "فهرست کتابهای کودکان", "")
		oneWord := article("Китоб ва мактаб", "", "")
		linked := article("Намоишгоҳи китоби кӯдакон", "", "")
		unrelated := article("Обу ҳаво дар кишвар", "هوای کشور", "")
		trashed := article("Намоишгоҳи китоби кӯҳна", "", "")
		must(t, s.TrashArticle(ctx, trashed))

		got, err := s.SuggestRelated(ctx, subject, []uint{linked}, 5)
		must(t, err)
		// ZWNJ: «کتاب‌های» in the subject's summary is the index's «کتابهای»,
		// the only word zwnjOnly shares, written joined.
		for _, want := range []uint{bothWords, persianOnly, zwnjOnly, oneWord} {
			if !slices.Contains(got, want) {
				t.Errorf("suggestions %v lack article %d", got, want)
			}
		}
		for _, never := range []uint{subject, linked, trashed, unrelated} {
			if slices.Contains(got, never) {
				t.Errorf("suggestions %v include article %d (self, linked, trashed or sharing only common words)", got, never)
			}
		}
		if len(got) == 0 || got[0] != bothWords {
			t.Errorf("suggestions %v: want %d (two shared words in its title) first", got, bothWords)
		}
		if i, j := slices.Index(got, bothWords), slices.Index(got, oneWord); i > j {
			t.Errorf("an article sharing two words should rank above one sharing one: %v", got)
		}

		if few, _ := s.SuggestRelated(ctx, subject, nil, 1); len(few) != 1 {
			t.Errorf("limit 1 gave %v", few)
		}
		alone := article("Ягона", "", "")
		if none, err := s.SuggestRelated(ctx, alone, nil, 5); err != nil || len(none) != 0 {
			t.Errorf("an article with no shared words: %v, %v", none, err)
		}
	})
}

// TestSuggestRelatedIgnoresWordsOnlyTheArticleHas: a Tajik and Russian
// article shares many names between its own two translations; those link to
// nothing, and the one word another article also has still finds it.
func TestSuggestRelatedIgnoresWordsOnlyTheArticleHas(t *testing.T) {
	onEachEngine(t, func(t *testing.T, s *Store, _ *clock) {
		ctx := context.Background()
		sec := mustSection(t, s, "news", nil)
		names := "Хоруғ Ишкошим Ванҷ Рӯшон Шуғнон Мурғоб Дарвоз Кулоб Норак"
		subject := mustArticle(t, s, sec.ID, published("tg", names, 1), published("ru", names, 1)).ID
		other := mustArticle(t, s, sec.ID, published("tg", "Обанбори Норак", 1)).ID
		got, err := s.SuggestRelated(ctx, subject, nil, 5)
		must(t, err)
		if !slices.Equal(got, []uint{other}) {
			t.Fatalf("suggestions %v, want [%d] through «Норак»", got, other)
		}
	})
}
