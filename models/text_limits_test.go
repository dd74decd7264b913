package models

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// zwnj is the zero-width non-joiner of Persian words such as "می‌رود": a
// character of the text, so it counts towards a limit like any letter.
const zwnj = "\u200c"

// textOf repeats unit until it has exactly n runes (unit's runes divide n).
func textOf(unit string, n int) string {
	return strings.Repeat(unit, n/len([]rune(unit)))
}

// TestTextLimitsCountRunes saves every limited field at its limit and one
// character over, in Persian with ZWNJs and in Tajik: at the limit it is
// kept, over it the field alone is refused with validation.too_long and the
// limit, and nothing is written.
func TestTextLimitsCountRunes(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	fa := "ی" + zwnj // 2 runes, 5 bytes: a byte count would refuse much sooner
	tg := "ҷӯ"       // 2 runes, 4 bytes
	type save func(text string) error
	article := func(set func(*TranslationInput, string)) save {
		return func(text string) error {
			tr := TranslationInput{Locale: "fa", Status: StatusDraft}
			set(&tr, text)
			_, err := s.SaveArticle(ctx, ArticleInput{Shared: &SharedInput{SectionID: sec.ID}, Translations: []TranslationInput{tr}})
			return err
		}
	}
	media := mustMedia(t, s, "pamir.jpg", nil)
	tests := []struct {
		name, field, unit string
		max               int
		save              save
	}{
		{"title", "translations.fa.title", fa, TitleMaxRunes, article(func(t *TranslationInput, v string) { t.Title = v })},
		{"summary", "translations.fa.summary", tg, SummaryMaxRunes, article(func(t *TranslationInput, v string) { t.Summary = v })},
		{"byline", "translations.fa.byline", tg, BylineMaxRunes, article(func(t *TranslationInput, v string) { t.Byline = v })},
		{"article slug", "translations.fa.slug", fa, SlugMaxRunes, article(func(t *TranslationInput, v string) { t.Slug = v })},
		{"meta title", "translations.fa.seo_title", fa, SEOTitleMaxRunes, article(func(t *TranslationInput, v string) { t.SEO.Title = v })},
		{"meta description", "translations.fa.seo_description", tg, SEODescriptionMaxRunes, article(func(t *TranslationInput, v string) { t.SEO.Description = v })},
		{"alt text", "alt.fa", fa, AltMaxRunes, func(v string) error {
			return s.UpdateMediaTexts(ctx, media.ID, map[string]MediaText{"fa": {Alt: v}})
		}},
		{"caption", "caption.tg", tg, CaptionMaxRunes, func(v string) error {
			return s.UpdateMediaTexts(ctx, media.ID, map[string]MediaText{"tg": {Caption: v}})
		}},
		{"section name", "names.fa", fa, SectionNameMaxRunes, func(v string) error {
			_, err := s.SaveSection(ctx, SectionInput{Slug: "s", Names: map[string]string{"tg": "Бахш", "fa": v}})
			return err
		}},
		{"section slug", "slug", "ab", SlugMaxRunes, func(v string) error {
			_, err := s.SaveSection(ctx, SectionInput{Slug: v, Names: map[string]string{"tg": "Бахш"}})
			return err
		}},
		{"display name", "display_name", tg, DisplayNameMaxRunes, func(v string) error {
			_, err := s.CreateUser(ctx, UserInput{Email: "a" + string(rune('a'+len(v)%26)) + "@example.com", DisplayName: v, Role: RoleEditor, Password: "correct horse battery"})
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.max%len([]rune(tt.unit)) != 0 {
				t.Fatalf("unit %q does not divide %d", tt.unit, tt.max)
			}
			over := textOf(tt.unit, tt.max) + textOf(tt.unit, len([]rune(tt.unit)))
			err := tt.save(over)
			var v *ValidationError
			if !errors.As(err, &v) {
				t.Fatalf("%d runes: error = %v, want a ValidationError", len([]rune(over)), err)
			}
			got := v.Fields[tt.field]
			if got.ID != "validation.too_long" || got.Args["max"] != tt.max {
				t.Fatalf("fields = %v, want %s: validation.too_long max %d", v.Fields, tt.field, tt.max)
			}
			if len(v.Fields) != 1 {
				t.Errorf("fields = %v, want only %s refused", v.Fields, tt.field)
			}
			if err := tt.save(textOf(tt.unit, tt.max)); err != nil {
				t.Fatalf("%d runes (the limit): %v", tt.max, err)
			}
		})
	}
}

// TestTitleOfThreeMillionCharactersIsRefused is the save the issue found
// (a 3,000,000-character title made one list answer 29 MB).
func TestTitleOfThreeMillionCharactersIsRefused(t *testing.T) {
	s, _ := newTestStore(t)
	sec := mustSection(t, s, "news", nil)
	_, err := s.SaveArticle(context.Background(), ArticleInput{Shared: &SharedInput{SectionID: sec.ID},
		Translations: []TranslationInput{{Locale: "tg", Status: StatusDraft, Title: strings.Repeat("ҷ", 3_000_000)}}})
	var v *ValidationError
	if !errors.As(err, &v) || v.Fields["translations.tg.title"].ID != "validation.too_long" {
		t.Fatalf("error = %v, want translations.tg.title too long", err)
	}
	var n int64
	s.read.Model(&ArticleTranslation{}).Count(&n)
	if n != 0 {
		t.Fatalf("%d translations written by a refused save", n)
	}
}

// TestBodyLimits refuses a body over BodyMaxBytes and one whose cleaning
// would lose visible text (an unclosed <style> inside <select> was saved as
// an empty body), and keeps a body that only loses markup.
func TestBodyLimits(t *testing.T) {
	s, _ := newTestStore(t)
	sec := mustSection(t, s, "news", nil)
	tests := []struct {
		name, body, wantID string
	}{
		{"over the byte cap", "<p>" + strings.Repeat("x", BodyMaxBytes) + "</p>", "validation.body_too_large"},
		{"unclosed style in select", "<p>Салом</p><select><style><p>Матни асосии мақола</p>", "validation.body_text_lost"},
		{"only markup is lost", `<p onclick="x()"><span style="color:red">Салом</span></p><script>alert(1)</script>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := s.SaveArticle(context.Background(), ArticleInput{Shared: &SharedInput{SectionID: sec.ID},
				Translations: []TranslationInput{{Locale: "tg", Status: StatusDraft, Title: "x", BodyHTML: tt.body}}})
			if tt.wantID == "" {
				if err != nil {
					t.Fatalf("save: %v", err)
				}
				if tr, _ := a.Translation("tg"); tr.BodyHTML != "<p><span>Салом</span></p>" {
					t.Fatalf("stored body %q", tr.BodyHTML)
				}
				return
			}
			var v *ValidationError
			if !errors.As(err, &v) || v.Fields["translations.tg.body_html"].ID != tt.wantID {
				t.Fatalf("error = %v, want translations.tg.body_html %s", err, tt.wantID)
			}
		})
	}
}

// TestValidationErrorEnglish keeps the English of refusals readable for
// logs and the command line.
func TestValidationErrorEnglish(t *testing.T) {
	v := validation{}
	v.add("translations.fa.title", "validation.too_long", "max", TitleMaxRunes)
	v.add("section_id", "validation.section_missing", "id", 7)
	want := "invalid input: section_id: section 7 does not exist; translations.fa.title: at most 300 characters"
	if got := v.err().Error(); got != want {
		t.Fatalf("Error() = %q, want %q", got, want)
	}
}
