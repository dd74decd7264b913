package api

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/preview"
	"github.com/payvand/payvand/internal/testdb"
	"github.com/payvand/payvand/internal/viewcount"
	"github.com/payvand/payvand/models"
)

// testNow is the fixed clock of the API tests.
var testNow = time.Date(2024, 7, 12, 14, 0, 0, 0, time.UTC)

const testBaseURL = "https://news.example.org"

type testClock struct{ t time.Time }

func (c *testClock) now() time.Time { return c.t }

// testEnv is a router over a fresh database with the fixture below.
type testEnv struct {
	t      testing.TB
	store  *models.Store
	clock  *testClock
	views  *viewcount.Counter
	router *gin.Engine
	// api is the API behind the last router newRouter built.
	api *API
	ids map[string]uint
	// preview signs preview tokens with the database's secret and the
	// test clock, one-hour lifetime.
	preview *preview.Signer
}

// newTestEnv builds the fixture:
//
//	sections: news, culture, heritage (inside culture)
//	both     news      tg+fa public, 10 h ago, with a picture
//	tgOnly   news      tg public 5 h ago, fa a draft
//	tieA     heritage  tg+fa public 3 h ago
//	tieB     culture   tg public 3 h ago (same second as tieA)
//	future   news      tg scheduled 2 h from now
//	archived culture   tg public, archived
//	trashed  news      tg public, in the trash
//	links    both→tieA, tgOnly→both, both→archived
func newTestEnv(t testing.TB) *testEnv {
	t.Helper()
	return newTestEnvOn(t, testdb.URL(t))
}

// newTestEnvOn builds the fixture on the database URL given.
func newTestEnvOn(t testing.TB, database string) *testEnv {
	t.Helper()
	return newTestEnvWith(t, models.Options{Database: database})
}

// newTestEnvWith builds the fixture on a store opened with opts, whose
// locales are tg and fa and whose clock is the test's.
func newTestEnvWith(t testing.TB, opts models.Options) *testEnv {
	t.Helper()
	env := &testEnv{t: t, clock: &testClock{t: testNow}, ids: map[string]uint{}}
	opts.Locales, opts.Now = locale.MustParse("tg,fa"), env.clock.now
	store, err := models.Open(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	env.store = store
	env.views = viewcount.New(store, viewcount.Options{Window: 30 * time.Minute, FlushEvery: time.Hour, Now: env.clock.now})
	t.Cleanup(func() { env.views.Close(context.Background()) })
	secret, err := store.PreviewSecret(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	env.preview = preview.New(secret, time.Hour, env.clock.now)
	env.router = env.newRouter(Options{CacheControl: "public, max-age=60", CacheTTL: time.Minute})
	env.seed()
	return env
}

func (env *testEnv) newRouter(opts Options) *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	opts.Store, opts.Views, opts.PublicURL, opts.Preview = env.store, env.views, testBaseURL, env.preview
	opts.Logger = slog.New(slog.DiscardHandler)
	a := New(opts)
	env.api = a
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.RedirectTrailingSlash = false // as internal/server sets it
	a.Register(r)
	r.NoRoute(a.NoRoute)
	r.NoMethod(a.NoMethod)
	return r
}

func (env *testEnv) seed() {
	t, s, ctx := env.t, env.store, context.Background()
	section := func(slug string, parent *uint) uint {
		sec, err := s.SaveSection(ctx, models.SectionInput{Slug: slug, ParentID: parent, Position: len(env.ids), Names: map[string]string{"tg": "Бахши " + slug, "fa": "بخش " + slug}})
		if err != nil {
			t.Fatal(err)
		}
		env.ids["section:"+slug] = sec.ID
		return sec.ID
	}
	news := section("news", nil)
	culture := section("culture", nil)
	heritage := section("heritage", &culture)
	pic, err := s.SaveMedia(ctx, models.MediaInput{Hash: strings.Repeat("ab", 32), Path: "ab/pic.jpg", MimeType: "image/jpeg", Width: 1200, Height: 800, ByteSize: 1000,
		Variants: []models.MediaVariant{{Name: "thumbnail", Path: "ab/pic-thumb.jpg", Width: 320, Height: 213, MimeType: "image/jpeg"}, {Name: "medium", Path: "ab/pic-medium.jpg", Width: 960, Height: 640, MimeType: "image/jpeg"},
			{Name: "thumbnail.webp", Path: "ab/pic-thumb.webp", Width: 320, Height: 213, MimeType: "image/webp"}, {Name: "medium.webp", Path: "ab/pic-medium.webp", Width: 960, Height: 640, MimeType: "image/webp"},
			{Name: "original.webp", Path: "ab/pic.webp", Width: 1200, Height: 800, MimeType: "image/webp"}},
		Texts: map[string]models.MediaText{"tg": {Alt: "Манзара", Caption: "Акс: Паёмнигор"}, "fa": {Alt: "چشم\u200cانداز", Caption: "عکس: پیام\u200cنگار"}}})
	if err != nil {
		t.Fatal(err)
	}
	env.article("both", models.SharedInput{SectionID: news, FeaturedMediaID: &pic.ID},
		pub("tg", "Ҳамкории ҷавонон ва қадимӣ", -10), pub("fa", "همکاری\u200cهای فرهنگی گسترش می\u200cیابد", -10))
	draft := pub("fa", "پیش\u200cنویس", -5)
	draft.Status = models.StatusDraft
	env.article("tgOnly", models.SharedInput{SectionID: news}, pub("tg", "Танҳо бо тоҷикӣ", -5), draft)
	env.article("tieA", models.SharedInput{SectionID: heritage}, pub("tg", "Мероси якум", -3), pub("fa", "میراث نخست", -3))
	env.article("tieB", models.SharedInput{SectionID: culture}, pub("tg", "Фарҳанги дуюм", -3))
	env.article("future", models.SharedInput{SectionID: news}, pub("tg", "Хабари оянда", 2))
	env.article("archived", models.SharedInput{SectionID: culture, Archived: true}, pub("tg", "Бойгонӣ", -20))
	env.article("trashed", models.SharedInput{SectionID: news}, pub("tg", "Партофташуда", -1))
	if err := s.TrashArticle(ctx, env.ids["trashed"]); err != nil {
		t.Fatal(err)
	}
	env.relate("both", "tieA", "archived")
	env.relate("tgOnly", "both")
}

// pub is a published translation dated hours from testNow (negative: past).
func pub(loc, title string, hours int) models.TranslationInput {
	at := testNow.Add(time.Duration(hours) * time.Hour)
	return models.TranslationInput{Locale: loc, Status: models.StatusPublished, PublishedAt: &at, Title: title,
		Summary: "Хулоса: " + title, Byline: "Паёмнигор", BodyHTML: `<p>` + title + `</p><p><img src="/media/ab/pic-medium.jpg" alt=""></p>`}
}

func (env *testEnv) article(key string, shared models.SharedInput, tr ...models.TranslationInput) {
	a, err := env.store.SaveArticle(context.Background(), models.ArticleInput{Shared: &shared, Translations: tr})
	if err != nil {
		env.t.Fatal(err)
	}
	env.ids[key] = a.ID
}

func (env *testEnv) relate(key string, related ...string) {
	a, err := env.store.FindArticle(context.Background(), env.ids[key])
	if err != nil {
		env.t.Fatal(err)
	}
	ids := []uint{}
	for _, r := range related {
		ids = append(ids, env.ids[r])
	}
	shared := models.SharedInput{Version: a.Version, SectionID: a.SectionID, FeaturedMediaID: a.FeaturedMediaID, Archived: a.Archived, Related: ids}
	if _, err := env.store.SaveArticle(context.Background(), models.ArticleInput{ID: a.ID, Shared: &shared}); err != nil {
		env.t.Fatal(err)
	}
}

// do sends a request through the router.
func (env *testEnv) do(method, target string, header http.Header) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	env.router.ServeHTTP(rec, req)
	return rec
}

// getJSON fetches target, checks the status and decodes the body into v.
func (env *testEnv) getJSON(target string, wantStatus int, v any) *httptest.ResponseRecorder {
	env.t.Helper()
	rec := env.do(http.MethodGet, target, nil)
	if rec.Code != wantStatus {
		env.t.Fatalf("GET %s = %d, want %d; body %s", target, rec.Code, wantStatus, rec.Body.String())
	}
	if v != nil {
		if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
			env.t.Fatalf("GET %s: decode %s: %v", target, rec.Body.String(), err)
		}
	}
	return rec
}

// apiError is the decoded error body.
type apiError struct {
	Error struct {
		Code    string         `json:"code"`
		Message string         `json:"message"`
		Details map[string]any `json:"details"`
	} `json:"error"`
}

// with returns env reporting to t, for use inside subtests.
func (env *testEnv) with(t *testing.T) *testEnv {
	c := *env
	c.t = t
	return &c
}

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }

func decode(t *testing.T, data []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("decode %s: %v", data, err)
	}
}
