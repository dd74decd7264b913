package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/payvand/payvand/models"
)

// ytPlaceholder is an embed placeholder as the editor posts it and the
// store keeps it (the sanitiser adds rel to every link).
const ytPlaceholder = `<figure data-embed="youtube" data-id="dQw4w9WgXcQ" data-url="https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=5s">` +
	`<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=5s" rel="nofollow noreferrer">https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=5s</a></figure>`

// An embed placeholder and a table are answered byte for byte as stored,
// so a frontend finds data-embed, data-id and data-url as the editor wrote
// them; an iframe posted by hand is stored and answered as the placeholder
// of its video, never as an iframe.
func TestArticleBodyAnswersEmbedsAndTablesAsStored(t *testing.T) {
	env := newTestEnv(t)
	const table = "<table><tbody><tr><th><p dir=\"auto\">سال\u200cها</p></th><th><p dir=\"auto\">B</p></th></tr><tr><td><p dir=\"auto\">1</p></td><td><p dir=\"auto\">2</p></td></tr></tbody></table>"
	tests := []struct{ name, body, want string }{
		{"placeholder", `<p dir="auto">Пеш</p>` + ytPlaceholder, `<p dir="auto">Пеш</p>` + ytPlaceholder},
		{"table", table, table},
		{"posted iframe", `<p>Видео</p><iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" allowfullscreen></iframe>`,
			`<p>Видео</p><figure data-embed="youtube" data-id="dQw4w9WgXcQ" data-url="https://www.youtube.com/watch?v=dQw4w9WgXcQ">` +
				`<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="nofollow noreferrer">https://www.youtube.com/watch?v=dQw4w9WgXcQ</a></figure>`},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := pub("tg", "Видео "+strconv.Itoa(i), -1)
			in.BodyHTML = tt.body
			a, err := env.store.SaveArticle(context.Background(), models.ArticleInput{Shared: &models.SharedInput{SectionID: env.ids["section:news"]}, Translations: []models.TranslationInput{in}})
			if err != nil {
				t.Fatal(err)
			}
			var got articleResp
			env.with(t).getJSON("/api/v1/tg/articles/"+strconv.FormatUint(uint64(a.ID), 10), http.StatusOK, &got)
			if got.Data.BodyHTML != tt.want {
				t.Errorf("body_html\n got %s\nwant %s", got.Data.BodyHTML, tt.want)
			}
			if strings.Contains(got.Data.BodyHTML, "<iframe") {
				t.Errorf("an iframe reached the API: %s", got.Data.BodyHTML)
			}
		})
	}
}

// Feeds carry the placeholder's plain link, which is what a feed reader
// shows of an embed.
func TestFeedShowsAnEmbedAsItsLink(t *testing.T) {
	env := newTestEnv(t)
	env.saveTranslation("both", "fa", func(in *models.TranslationInput) {
		in.BodyHTML = `<p dir="auto">ویدیو</p>` + ytPlaceholder
	})
	withSiteURL(t, env)
	rss := env.feedRSS(t, "/feeds/fa/rss.xml")
	atom := env.feedAtom(t, "/feeds/fa/atom.xml")
	const link = `<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=5s" rel="nofollow noreferrer">https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=5s</a>`
	found := false
	for _, it := range rss.Channel.Items {
		if strings.Contains(it.Content, "ویدیو") {
			found = true
			if !strings.Contains(it.Content, link) || strings.Contains(it.Content, "<iframe") {
				t.Errorf("RSS content = %s, want the plain link %s", it.Content, link)
			}
		}
	}
	for _, e := range atom.Entries {
		if strings.Contains(e.Content.Value, "ویدیو") && !strings.Contains(e.Content.Value, link) {
			t.Errorf("Atom content = %s, want the plain link", e.Content.Value)
		}
	}
	if !found {
		t.Fatal("the article with the embed is not in the feed")
	}
}
