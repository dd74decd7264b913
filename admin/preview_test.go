package admin

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/payvand/payvand/internal/preview"
	"github.com/payvand/payvand/internal/publicjson"
)

func TestPreviewToken(t *testing.T) {
	f := newToolsFixture(t)
	c := f.env.signedIn("editor@example.com")
	secret, err := f.env.store.PreviewSecret(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	verifier := preview.New(secret, preview.DefaultLifetime, nil)

	resp := hx(c, f.path+"/preview-token")
	if resp.StatusCode != http.StatusOK || strings.Contains(resp.Body, "<html") {
		t.Fatalf("token fragment %d:\n%.500s", resp.StatusCode, resp.Body)
	}
	doc := parseHTML(t, resp.Body)
	token := doc.Find(`[data-testid="preview-token-value"]`).AttrOr("value", "")
	if id, ok := verifier.Verify(token); !ok || id != f.article.ID {
		t.Fatalf("token %q opens %d, %v", token, id, ok)
	}
	for _, loc := range []string{"tg", "fa"} {
		want := "/api/v1/" + loc + "/articles/" + strings.TrimPrefix(f.path, "/admin/articles/") + "?preview=" + url.QueryEscape(token)
		if got := doc.Find(`[data-testid="preview-url-` + loc + `"] code`).Text(); got != want {
			t.Errorf("%s address %q, want %q", loc, got, want)
		}
	}
	if doc.Find(`[data-testid="preview-expires"]`).AttrOr("datetime", "") == "" {
		t.Error("no expiry shown")
	}
	// Without JavaScript the form gets a whole page with the same panel.
	page := c.post(f.path+"/preview-token", nil)
	if page.StatusCode != http.StatusOK || !strings.Contains(page.Body, "<html") || !strings.Contains(page.Body, `data-testid="preview-token-value"`) {
		t.Fatalf("token page %d", page.StatusCode)
	}
}

func TestPreviewJSONShowsTheDraftAsTheAPIWould(t *testing.T) {
	f := newToolsFixture(t)
	c := f.env.signedIn("editor@example.com")
	resp := c.get(f.path + "/preview?locale=fa")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Cache-Control") != "no-store" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("preview %d %q %q", resp.StatusCode, resp.Header.Get("Cache-Control"), resp.Header.Get("Content-Type"))
	}
	// The draft's text, byte-exact, with its ZWNJs and unescaped markup.
	if !strings.Contains(resp.Body, `"title":"`+toolsFaTitle+`"`) || !strings.Contains(resp.Body, `"body_html":"<p>متن پیش`+"\u200c"+`نویس می`+"\u200c"+`شود.</p>"`) {
		t.Fatalf("body:\n%s", resp.Body)
	}
	var body struct {
		Data publicjson.Article `json:"data"`
	}
	if err := json.Unmarshal([]byte(resp.Body), &body); err != nil {
		t.Fatal(err)
	}
	if body.Data.ID != f.article.ID || body.Data.Dir != "rtl" || body.Data.PublishedAt == "" || len(body.Data.Translations) != 1 || body.Data.Translations[0].Locale != "tg" {
		t.Errorf("preview = %+v", body.Data)
	}
	if resp := c.get(f.path + "/preview?locale=de"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown locale: %d", resp.StatusCode)
	}
	if err := f.env.store.TrashArticle(context.Background(), f.article.ID); err != nil {
		t.Fatal(err)
	}
	if resp := c.get(f.path + "/preview?locale=fa"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("trashed article: %d", resp.StatusCode)
	}
}
