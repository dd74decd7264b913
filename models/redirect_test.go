package models

import (
	"context"
	"errors"
	"slices"
	"testing"
)

// The ways one old address is written meet at one key; what is no
// address is refused.
func TestRedirectPath(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"/2024/07/old-slug/", "/2024/07/old-slug"},
		{"/2024/07/old-slug", "/2024/07/old-slug"},
		{"https://old.example.org/2024/07/old-slug/", "/2024/07/old-slug"},
		{"https://old.example.org/2024/07/old-slug/#comments", "/2024/07/old-slug"},
		{"/%d9%86%d9%85%d8%a7%db%8c%d8%b4%da%af%d8%a7%d9%87-%da%a9%d8%aa%d8%a7%d8%a8/", "/نمایشگاه-کتاب"},
		{"/%D9%86%D9%85%D8%A7%DB%8C%D8%B4%DA%AF%D8%A7%D9%87-%DA%A9%D8%AA%D8%A7%D8%A8", "/نمایشگاه-کتاب"},
		{"/نمایشگاه-کتاب/", "/نمایشگاه-کتاب"},
		{"/\u0627\u0653/", "/\u0622"}, // alef + madda above, composed by NFC
		{"/?p=123", "/?p=123"},
		{"https://old.example.org/?p=123", "/?p=123"},
		{"/?p=123&", "/?p=123"},
		{"/?b=2&a=1", "/?a=1&b=2"},
		{"/", "/"},
		{"https://old.example.org", "/"},
		{"/100% sure/", "/100% sure"},
		{"/می‌شود/", "/می\u200cشود"},
	}
	for _, tt := range tests {
		got, err := RedirectPath(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("RedirectPath(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "   ", "/a\x00b", "/\xff", "/" + string(make([]byte, MaxRedirectPath))} {
		var invalid *ValidationError
		if _, err := RedirectPath(bad); !errors.As(err, &invalid) {
			t.Errorf("RedirectPath(%q): %v, want a ValidationError", bad, err)
		}
	}
}

// Old addresses lead to public content only: an article in the address's
// language while it is public there (or its first public language when
// the address has none), a section, a tag. Recording an address again
// moves it; deleting the target takes its addresses along.
func TestRedirectsLeadToPublicContent(t *testing.T) {
	ctx := context.Background()
	s, _ := newTestStore(t)
	news := mustSection(t, s, "news", nil)
	both := mustArticle(t, s, news.ID, published("tg", "Хабари нав", 2), published("fa", "خبر تازه", 2))
	draft := mustArticle(t, s, news.ID, published("tg", "Нашршуда", 2), TranslationInput{Locale: "fa", Status: StatusDraft, Title: "پیش‌نویس"})
	tag, err := s.SaveTag(ctx, TagInput{Slug: "culture", Names: map[string]string{"fa": "فرهنگ"}})
	must(t, err)
	err = s.SaveRedirects(ctx, "https://old.example.org", []RedirectInput{
		{Path: "/2024/07/%d8%ae%d8%a8%d8%b1/", Locale: "fa", ArticleID: both.ID},
		{Path: "https://old.example.org/?p=7", ArticleID: both.ID},
		{Path: "/draft/", Locale: "fa", ArticleID: draft.ID},
		{Path: "/category/news/", SectionID: news.ID},
		{Path: "/tag/culture/", Locale: "fa", TagID: tag.ID},
	})
	must(t, err)
	fa, _ := both.Translation("fa")
	tests := []struct {
		path string
		want RedirectTarget
	}{
		{"/2024/07/خبر", RedirectTarget{Path: "/2024/07/خبر", Kind: RedirectArticle, Locale: "fa", ID: both.ID, Slug: fa.Slug}},
		{"/?p=7", RedirectTarget{Path: "/?p=7", Kind: RedirectArticle, Locale: "tg", ID: both.ID, Slug: mustSlug(t, both, "tg")}},
		{"/category/news", RedirectTarget{Path: "/category/news", Kind: RedirectSection, Locale: "tg", ID: news.ID, Slug: "news"}},
		{"/tag/culture/", RedirectTarget{Path: "/tag/culture", Kind: RedirectTag, Locale: "fa", ID: tag.ID, Slug: "culture"}},
	}
	for _, tt := range tests {
		got, err := s.FindRedirect(ctx, tt.path)
		if err != nil || *got != tt.want {
			t.Errorf("FindRedirect(%q) = %+v, %v; want %+v", tt.path, got, err, tt.want)
		}
	}
	for _, missing := range []string{"/draft", "/never-recorded/"} {
		if _, err := s.FindRedirect(ctx, missing); !errors.Is(err, ErrNotFound) {
			t.Errorf("FindRedirect(%q): %v, want ErrNotFound", missing, err)
		}
	}
	var listed []string
	must(t, s.EachRedirect(ctx, func(r RedirectTarget) error { listed = append(listed, r.Path); return nil }))
	if want := []string{"/2024/07/خبر", "/?p=7", "/category/news", "/tag/culture"}; !slices.Equal(listed, want) {
		t.Errorf("EachRedirect listed %q, want %q", listed, want)
	}

	// Recorded again, the address leads to the new target.
	must(t, s.SaveRedirects(ctx, "https://old.example.org", []RedirectInput{{Path: "/?p=7", Locale: "tg", ArticleID: draft.ID}}))
	if got, err := s.FindRedirect(ctx, "/?p=7"); err != nil || got.ID != draft.ID {
		t.Errorf("after re-recording: %+v, %v", got, err)
	}
	must(t, s.DeleteTag(ctx, tag.ID))
	if _, err := s.FindRedirect(ctx, "/tag/culture"); !errors.Is(err, ErrNotFound) {
		t.Errorf("the deleted tag's address: %v", err)
	}

	var invalid *ValidationError
	err = s.SaveRedirects(ctx, "x", []RedirectInput{{Path: "/ok", ArticleID: both.ID}, {Path: "", ArticleID: both.ID}, {Path: "/two", ArticleID: both.ID, TagID: 1}, {Path: "/de", Locale: "de", ArticleID: both.ID}})
	if !errors.As(err, &invalid) || len(invalid.Fields) != 3 {
		t.Fatalf("bad redirects: %v", err)
	}
	if _, err := s.FindRedirect(ctx, "/ok"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a refused batch recorded part of itself: %v", err)
	}
}

func mustSlug(t *testing.T, a *Article, loc string) string {
	t.Helper()
	tr, ok := a.Translation(loc)
	if !ok {
		t.Fatalf("article %d has no %s translation", a.ID, loc)
	}
	return tr.Slug
}
