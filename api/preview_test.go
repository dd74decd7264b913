package api

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/models"
)

// tampered changes one character of a token's article-id part, keeping it
// well-formed base64: a forged token, not a garbled one.
func tampered(token string) string {
	b := []byte(token)
	if b[9] == 'A' {
		b[9] = 'B'
	} else {
		b[9] = 'A'
	}
	return string(b)
}

func TestPreviewTokens(t *testing.T) {
	env := newTestEnv(t)
	draftID, bothID := env.ids["tgOnly"], env.ids["both"]
	path := func(loc string, id uint, token string) string {
		return "/api/v1/" + loc + "/articles/" + strconv.FormatUint(uint64(id), 10) + "?preview=" + url.QueryEscape(token)
	}
	token := env.preview.Issue(draftID)
	missing := env.do(http.MethodGet, "/api/v1/fa/articles/999999", nil).Body.Bytes()

	t.Run("a valid token shows the draft, byte-exact and not to be stored", func(t *testing.T) {
		rec := env.with(t).getJSON(path("fa", draftID, token), http.StatusOK, nil)
		if got := rec.Header().Get("Cache-Control"); got != "no-store" {
			t.Errorf("Cache-Control = %q, want no-store", got)
		}
		if rec.Header().Get("ETag") == "" {
			t.Error("no ETag")
		}
		body := rec.Body.String()
		// Text leaves exactly as stored: the ZWNJ is the character itself,
		// not an escape, and markup is not escaped either.
		for _, want := range []string{
			`"title":"پیش` + "\u200c" + `نویس"`,
			`"body_html":"<p>پیش` + "\u200c" + `نویس</p><p><img src=\"` + testBaseURL + `/media/ab/pic-medium.jpg\" srcset=\"` + testBaseURL + `/media/ab/pic-thumb.jpg 320w, ` +
				testBaseURL + `/media/ab/pic-medium.jpg 960w, ` + testBaseURL + `/media/ab/pic.jpg 1200w\" width=\"960\" height=\"640\" data-media-id=\"1\" alt=\"\"></p>"`,
			`"published_at":"2024-07-12T09:00:00Z"`,
			`"translations":[{"locale":"tg"`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("body lacks %s:\n%s", want, body)
			}
		}
		var art articleResp
		decode(t, rec.Body.Bytes(), &art)
		if art.Data.ID != draftID || art.Data.Locale != "fa" || art.Data.Dir != "rtl" {
			t.Errorf("preview of %d %s %s", art.Data.ID, art.Data.Locale, art.Data.Dir)
		}
	})
	t.Run("the public still does not see the draft", func(t *testing.T) {
		var e apiError
		env.with(t).getJSON("/api/v1/fa/articles/"+strconv.FormatUint(uint64(draftID), 10), http.StatusNotFound, &e)
		if e.Error.Code != "not_translated" {
			t.Errorf("public answer code %q", e.Error.Code)
		}
	})

	refusals := []struct {
		name   string
		target string
		later  time.Duration
	}{
		{name: "tampered token", target: path("fa", draftID, tampered(token))},
		{name: "garbage token", target: path("fa", draftID, "not-a-token")},
		{name: "empty token", target: path("fa", draftID, "")},
		{name: "token of another article", target: path("fa", bothID, token)},
		{name: "expired token", target: path("fa", draftID, token), later: time.Hour},
		{name: "no translation in the locale", target: path("fa", env.ids["tieB"], env.preview.Issue(env.ids["tieB"]))},
		{name: "trashed article", target: path("tg", env.ids["trashed"], env.preview.Issue(env.ids["trashed"]))},
		{name: "slug of another article", target: "/api/v1/tg/articles/slug/" + url.PathEscape(slugOf(t, env, bothID, "tg")) + "?preview=" + token},
	}
	for _, tt := range refusals {
		t.Run(tt.name+" is a 404 like a missing article", func(t *testing.T) {
			env.clock.t = testNow.Add(tt.later)
			defer func() { env.clock.t = testNow }()
			rec := env.with(t).getJSON(tt.target, http.StatusNotFound, nil)
			if !bytes.Equal(rec.Body.Bytes(), missing) {
				t.Errorf("body %s, want the missing article's %s", rec.Body.Bytes(), missing)
			}
			if got := rec.Header().Get("Cache-Control"); got != "no-store" {
				t.Errorf("Cache-Control = %q, want no-store", got)
			}
		})
	}

	t.Run("the slug route previews too", func(t *testing.T) {
		var art articleResp
		env.with(t).getJSON("/api/v1/fa/articles/slug/"+url.PathEscape(slugOf(t, env, draftID, "fa"))+"?preview="+token, http.StatusOK, &art)
		if art.Data.ID != draftID || art.Data.Title != "پیش\u200cنویس" {
			t.Errorf("slug preview = %d %q", art.Data.ID, art.Data.Title)
		}
	})

	t.Run("never cached: the same address shows the next draft at once", func(t *testing.T) {
		target := path("fa", draftID, token)
		env.with(t).getJSON(target, http.StatusOK, nil)
		a, err := env.store.FindArticle(context.Background(), draftID)
		if err != nil {
			t.Fatal(err)
		}
		fa, _ := a.Translation("fa")
		if _, err := env.store.SaveArticle(context.Background(), models.ArticleInput{ID: draftID, Translations: []models.TranslationInput{{
			Locale: "fa", Version: fa.Version, Status: models.StatusDraft, Title: "نسخهٔ تازه", BodyHTML: "<p>متن تازه می\u200cآید</p>",
		}}}); err != nil {
			t.Fatal(err)
		}
		var art articleResp
		env.with(t).getJSON(target, http.StatusOK, &art)
		if art.Data.Title != "نسخهٔ تازه" || art.Data.BodyHTML != "<p>متن تازه می\u200cآید</p>" {
			t.Errorf("after the edit the preview shows %q %q", art.Data.Title, art.Data.BodyHTML)
		}
	})

	t.Run("without a signer every token is refused", func(t *testing.T) {
		router := gin.New()
		New(Options{Store: env.store, PublicURL: testBaseURL, CacheTTL: time.Minute}).Register(router)
		rec := newRecorder()
		req, _ := http.NewRequest(http.MethodGet, path("fa", draftID, token), nil)
		router.ServeHTTP(rec, req)
		if rec.Code != http.StatusNotFound {
			t.Errorf("status %d, want 404", rec.Code)
		}
	})
}

func slugOf(t *testing.T, env *testEnv, id uint, loc string) string {
	t.Helper()
	a, err := env.store.FindArticle(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	tr, ok := a.Translation(loc)
	if !ok {
		t.Fatalf("article %d has no %s translation", id, loc)
	}
	return tr.Slug
}
