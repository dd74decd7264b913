package api

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/testdb"
	"github.com/payvand/payvand/models"
)

// Two instances on one PostgreSQL database: a publication on A empties
// B's cached answers, long before their TTL, because A's commit notifies
// B (models.Store.EventsCommitted, KnownEventPosition).
func TestAnotherInstancesPublicationReachesThisInstancesCache(t *testing.T) {
	dsn := testdb.Postgres(t)
	ctx := context.Background()
	open := func() (*models.Store, *API, *gin.Engine) {
		s, err := models.Open(ctx, models.Options{Database: dsn, Locales: locale.MustParse("tg,fa")})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		gin.SetMode(gin.ReleaseMode)
		a := New(Options{Store: s, PublicURL: testBaseURL, CacheTTL: time.Hour, Logger: slog.New(slog.DiscardHandler)})
		r := gin.New()
		a.Register(r)
		return s, a, r
	}
	storeA, _, _ := open()
	_, apiB, routerB := open()
	get := func() string {
		w := httptest.NewRecorder()
		routerB.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/v1/tg/articles", nil))
		if w.Code != http.StatusOK {
			t.Fatalf("B's list: %d %s", w.Code, w.Body)
		}
		return w.Body.String()
	}
	sec, err := storeA.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Хабарҳо"}})
	if err != nil {
		t.Fatal(err)
	}
	publish := func(title string) {
		at := time.Now().Add(-time.Minute)
		_, err := storeA.SaveArticle(ctx, models.ArticleInput{Shared: &models.SharedInput{SectionID: sec.ID}, Translations: []models.TranslationInput{
			{Locale: "tg", Status: models.StatusPublished, PublishedAt: &at, Title: title, BodyHTML: "<p>" + title + "</p>"}}})
		if err != nil {
			t.Fatal(err)
		}
	}
	publish("Аввалин")
	// B may not have heard of the first publication yet: wait until its
	// answer shows it, then make sure the next request is a cache hit.
	waitForAnswer(t, get, "Аввалин")
	hits := apiB.cache.hits.Load()
	if !strings.Contains(get(), "Аввалин") || apiB.cache.hits.Load() != hits+1 {
		t.Fatal("B's list was not answered from its cache")
	}
	publish("Дуюмин")
	waitForAnswer(t, get, "Дуюмин")
}

// waitForAnswer asks until the answer contains want, with a generous
// deadline: the test is about whether B's cache follows, not how fast.
func waitForAnswer(t *testing.T, get func() string, want string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(get(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("B's answer never showed %q", want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
