package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/payvand/payvand/models"
)

// openAPIBase is where the document's relative server URL puts the API in
// these tests; requests are sent to this host so the router can match them.
const openAPIBase = "http://example.org/api/v1"

// undocumentableStatuses are documented answers no request can provoke:
// these handlers never touch the database, so they cannot fail.
var undocumentableStatuses = map[string]bool{
	"GET /locales 500":      true,
	"GET /openapi.json 500": true,
	"GET /site 500":         true,
}

// contractCase is one real request and the answer the server must give.
type contractCase struct {
	name   string
	method string
	target string // below /api/v1, with the query
	header http.Header
	status int
	code   string // error code of a 4xx or 5xx
	// invalidRequest says the document itself forbids the request (the
	// server rejects it too): ValidateRequest must fail on it.
	invalidRequest bool
	// canceled sends the request with a canceled context, so every
	// database call fails: the way to reach the documented 500s.
	canceled bool
}

// contractChecker sends requests through a router and checks request and
// answer against the OpenAPI document, recording what was exercised.
type contractChecker struct {
	doc       *openapi3.T
	router    routers.Router
	opts      *openapi3filter.Options
	exercised map[string]map[int]bool // "METHOD /path" → statuses seen
}

func loadOpenAPIDocument(t testing.TB) *openapi3.T {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(OpenAPIDocument)
	if err != nil {
		t.Fatalf("load openapi.json: %v", err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		t.Fatalf("openapi.json is not a valid OpenAPI document: %v", err)
	}
	if !doc.IsOpenAPI31OrLater() {
		t.Fatalf("openapi.json declares %q, want 3.1", doc.OpenAPI)
	}
	if len(doc.Servers) != 1 || doc.Servers[0].URL != "/api/v1" {
		t.Fatalf("servers = %+v, want the relative /api/v1", doc.Servers)
	}
	return doc
}

func newContractChecker(t *testing.T) *contractChecker {
	doc := loadOpenAPIDocument(t)
	doc.Servers = openapi3.Servers{{URL: openAPIBase}}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return &contractChecker{
		doc:    doc,
		router: router,
		opts: &openapi3filter.Options{
			IncludeResponseStatus: true, // an undocumented status fails
			MultiError:            true,
			SkipSettingDefaults:   true,
		},
		exercised: map[string]map[int]bool{},
	}
}

// check sends tc through env's router, validates request and answer
// against the document and returns the recorder.
func (cc *contractChecker) check(t *testing.T, env *testEnv, tc contractCase) *httptest.ResponseRecorder {
	t.Helper()
	ctx := context.Background()
	req, err := http.NewRequest(tc.method, openAPIBase+tc.target, nil)
	if err != nil {
		t.Fatalf("build request: %v", err)
	}
	for k, v := range tc.header {
		req.Header[k] = v
	}
	served := req.Clone(ctx)
	if tc.canceled {
		c, cancel := context.WithCancel(ctx)
		cancel()
		served = served.WithContext(c)
	}
	rec := httptest.NewRecorder()
	env.router.ServeHTTP(rec, served)
	if rec.Code != tc.status {
		t.Fatalf("%s %s = %d, want %d; body %.500s", tc.method, tc.target, rec.Code, tc.status, rec.Body.String())
	}

	route, params, err := cc.router.FindRoute(req)
	if err != nil {
		t.Fatalf("%s %s is not in the document: %v", tc.method, tc.target, err)
	}
	reqIn := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route, Options: cc.opts}
	err = openapi3filter.ValidateRequest(ctx, reqIn)
	switch {
	case tc.invalidRequest && err == nil:
		t.Errorf("the document allows %s %s, but the server rejects it with %d", tc.method, tc.target, rec.Code)
	case !tc.invalidRequest && err != nil:
		t.Errorf("the document rejects the request: %v", err)
	}

	respIn := &openapi3filter.ResponseValidationInput{RequestValidationInput: reqIn, Status: rec.Code, Header: rec.Header(), Options: cc.opts}
	respIn.SetBodyBytes(rec.Body.Bytes())
	if err := openapi3filter.ValidateResponse(ctx, respIn); err != nil {
		t.Errorf("the answer does not match the document: %v\nbody: %.500s", err, rec.Body.String())
	}
	// openapi3filter skips 301 and 304 (and any answer to HEAD) entirely.
	if rec.Code >= 300 && rec.Code < 400 {
		cc.checkRedirection(t, route, rec)
	}

	if rec.Code >= 400 {
		var body apiError
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			t.Fatalf("error body %s: %v", rec.Body.String(), err)
		}
		if body.Error.Code != tc.code {
			t.Errorf("error code = %q, want %q", body.Error.Code, tc.code)
		}
	} else if tc.code != "" {
		t.Errorf("status %d, want an error %q", rec.Code, tc.code)
	}
	if tc.method == http.MethodPost && rec.Header().Get("ETag") != "" {
		t.Errorf("POST answered with ETag %q; the document says it carries none", rec.Header().Get("ETag"))
	}

	key := route.Method + " " + route.Path
	if cc.exercised[key] == nil {
		cc.exercised[key] = map[int]bool{}
	}
	cc.exercised[key][rec.Code] = true
	return rec
}

// checkRedirection does for a 3xx answer what ValidateResponse skips: the
// status is documented, required headers are present, and the body is as
// documented (none when no content is declared).
func (cc *contractChecker) checkRedirection(t *testing.T, route *routers.Route, rec *httptest.ResponseRecorder) {
	t.Helper()
	ref := route.Operation.Responses.Status(rec.Code)
	if ref == nil || ref.Value == nil {
		t.Errorf("status %d is not documented for %s %s", rec.Code, route.Method, route.Path)
		return
	}
	resp := ref.Value
	for name, h := range resp.Headers {
		if h.Value != nil && h.Value.Required && rec.Header().Get(name) == "" {
			t.Errorf("%d answer lacks the required header %s", rec.Code, name)
		}
	}
	if len(resp.Content) == 0 {
		if rec.Body.Len() != 0 {
			t.Errorf("%d answer has a body %.200q; the document declares none", rec.Code, rec.Body.String())
		}
		return
	}
	mt, _, err := mime.ParseMediaType(rec.Header().Get("Content-Type"))
	if err != nil {
		t.Errorf("%d answer: Content-Type %q: %v", rec.Code, rec.Header().Get("Content-Type"), err)
		return
	}
	media := resp.Content.Get(mt)
	if media == nil || media.Schema == nil {
		t.Errorf("%d answer: Content-Type %q is not documented", rec.Code, mt)
		return
	}
	var value any
	if err := json.Unmarshal(rec.Body.Bytes(), &value); err != nil {
		t.Errorf("%d answer body %q: %v", rec.Code, rec.Body.String(), err)
		return
	}
	if err := media.Schema.Value.VisitJSON(value, openapi3.EnableJSONSchema2020(), openapi3.VisitAsResponse(), openapi3.MultiErrors()); err != nil {
		t.Errorf("%d answer body does not match the document: %v\nbody: %s", rec.Code, err, rec.Body.String())
	}
}

func TestOpenAPIDocumentMatchesResponses(t *testing.T) {
	env := newTestEnv(t)
	cc := newContractChecker(t)

	// An old slug: give the Persian translation of "both" a new slug.
	ctx := context.Background()
	both, err := env.store.FindArticle(ctx, env.ids["both"])
	if err != nil {
		t.Fatal(err)
	}
	fa, ok := both.Translation("fa")
	if !ok {
		t.Fatal("fixture: both has no fa translation")
	}
	oldSlug := fa.Slug
	saved, err := env.store.SaveArticle(ctx, models.ArticleInput{ID: both.ID, Translations: []models.TranslationInput{{
		Locale: "fa", Version: fa.Version, Status: fa.Status, PublishedAt: fa.PublishedAt,
		Title: fa.Title, Slug: "همکاری\u200cهای تازه", Summary: fa.Summary, BodyHTML: fa.BodyHTML, Byline: fa.Byline,
	}}})
	if err != nil {
		t.Fatal(err)
	}
	faNow, _ := saved.Translation("fa")
	newSlug := faNow.Slug
	if newSlug == oldSlug {
		t.Fatalf("fixture: slug did not change from %q", oldSlug)
	}
	tg, _ := both.Translation("tg")

	// Tags on both and tieA, a renamed tag and a renamed section.
	env.tagFixture()
	heritage, err := env.store.FindSectionBySlug(ctx, "heritage")
	if err != nil {
		t.Fatal(err)
	}
	_, err = env.store.SaveSection(ctx, models.SectionInput{ID: heritage.ID, Version: heritage.Version, Slug: "meros", ParentID: heritage.ParentID, Names: map[string]string{"tg": "Мерос", "fa": "میراث"}})
	if err != nil {
		t.Fatal(err)
	}

	// Old addresses, as an import records them.
	culture, err := env.store.FindSectionBySlug(ctx, "culture")
	if err != nil {
		t.Fatal(err)
	}
	if err := env.store.SaveRedirects(ctx, "https://old.example.org", []models.RedirectInput{
		{Path: "/2024/07/%d8%ae%d8%a8%d8%b1/", Locale: "fa", ArticleID: both.ID},
		{Path: "/category/culture/", SectionID: culture.ID},
	}); err != nil {
		t.Fatal(err)
	}

	// A real next_cursor for the cursor case.
	var first listBody
	rec := cc.check(t, env, contractCase{name: "first page", method: "GET", target: "/tg/articles?limit=1", status: 200})
	if err := json.Unmarshal(rec.Body.Bytes(), &first); err != nil || first.NextCursor == nil {
		t.Fatalf("first page %s: no next_cursor (%v)", rec.Body.String(), err)
	}
	cursor := url.QueryEscape(*first.NextCursor)

	// The cursor in the document's example must be one the server accepts.
	listOK := cc.doc.Paths.Value("/{locale}/articles").Get.Responses.Status(200).Value
	example, _ := listOK.Content.Get("application/json").Examples["tg"].Value.Value.(map[string]any)
	exampleCursor, ok := example["next_cursor"].(string)
	if !ok {
		t.Fatalf("list example has no next_cursor: %v", example)
	}

	id := func(key string) string { return strconv.FormatUint(uint64(env.ids[key]), 10) }
	previewOf := func(key string) string { return env.preview.Issue(env.ids[key]) }
	draftArticle, err := env.store.FindArticle(ctx, env.ids["tgOnly"])
	if err != nil {
		t.Fatal(err)
	}
	faDraft, _ := draftArticle.Translation("fa")
	// A featured story with an end, so featured objects are checked too.
	pinEnd := testNow.Add(24 * time.Hour)
	if _, err := env.store.SaveArticle(ctx, models.ArticleInput{ID: env.ids["both"], Pin: &models.PinChange{Pinned: true, Position: 1, Until: &pinEnd}}); err != nil {
		t.Fatal(err)
	}
	cases := []contractCase{
		{name: "locales", method: "GET", target: "/locales", status: 200},
		{name: "site", method: "GET", target: "/site", status: 200},
		{name: "openapi", method: "GET", target: "/openapi.json", status: 200},

		{name: "sections tg", method: "GET", target: "/tg/sections", status: 200},
		{name: "sections fa", method: "GET", target: "/fa/sections", status: 200},
		{name: "sections unknown locale", method: "GET", target: "/de/sections", status: 404, code: "unknown_locale"},

		{name: "tags tg", method: "GET", target: "/tg/tags", status: 200},
		{name: "tags fa", method: "GET", target: "/fa/tags", status: 200},
		{name: "tags unknown locale", method: "GET", target: "/de/tags", status: 404, code: "unknown_locale"},
		{name: "tag", method: "GET", target: "/tg/tags/musiqi", status: 200},
		{name: "tag old slug", method: "GET", target: "/tg/tags/quvva", status: 301},
		{name: "tag not named in the locale", method: "GET", target: "/fa/tags/energy", status: 404, code: "not_found"},
		{name: "tag missing", method: "GET", target: "/tg/tags/nope", status: 404, code: "not_found"},
		{name: "tag unknown locale", method: "GET", target: "/de/tags/musiqi", status: 404, code: "unknown_locale"},

		{name: "list tag", method: "GET", target: "/tg/articles?tag=musiqi", status: 200},
		{name: "list tag and section", method: "GET", target: "/fa/articles?tag=musiqi&section=culture&exclude=" + id("both"), status: 200},
		{name: "list most read by tag", method: "GET", target: "/tg/articles?sort=most_read&tag=energy", status: 200},
		{name: "list old tag slug", method: "GET", target: "/tg/articles?tag=quvva", status: 301},
		{name: "list old section slug", method: "GET", target: "/tg/articles?section=heritage", status: 301},
		{name: "list unknown tag", method: "GET", target: "/tg/articles?tag=nope", status: 404, code: "not_found"},

		{name: "list", method: "GET", target: "/tg/articles", status: 200},
		{name: "list fa", method: "GET", target: "/fa/articles", status: 200},
		{name: "list section", method: "GET", target: "/tg/articles?section=culture", status: 200},
		{name: "list exclude", method: "GET", target: "/tg/articles?section=news&exclude=" + id("both"), status: 200},
		{name: "list cursor", method: "GET", target: "/tg/articles?limit=1&cursor=" + cursor, status: 200},
		{name: "list example cursor", method: "GET", target: "/tg/articles?cursor=" + url.QueryEscape(exampleCursor), status: 200},
		{name: "list all params", method: "GET", target: "/tg/articles?section=news&exclude=" + id("tieA") + "&limit=100", status: 200},
		{name: "list limit 0", method: "GET", target: "/tg/articles?limit=0", status: 400, code: "invalid_parameter", invalidRequest: true},
		{name: "list limit 101", method: "GET", target: "/tg/articles?limit=101", status: 400, code: "invalid_parameter", invalidRequest: true},
		{name: "list limit text", method: "GET", target: "/tg/articles?limit=abc", status: 400, code: "invalid_parameter", invalidRequest: true},
		{name: "list exclude too large", method: "GET", target: "/tg/articles?exclude=9007199254740992", status: 400, code: "invalid_parameter", invalidRequest: true},
		{name: "list exclude text", method: "GET", target: "/tg/articles?exclude=x", status: 400, code: "invalid_parameter", invalidRequest: true},
		{name: "list bad cursor", method: "GET", target: "/tg/articles?cursor=bm9wZQ", status: 400, code: "invalid_parameter"},
		{name: "list filters", method: "GET", target: "/tg/articles?section=culture&subsections=false&published_after=2024-07-01T00:00:00Z&published_before=" + url.QueryEscape("2024-07-12T18:00:00+05:00") + "&exclude=" + id("both") + "&exclude=" + id("tieA"), status: 200},
		{name: "list exclude 21", method: "GET", target: "/tg/articles?" + strings.Repeat("exclude=1&", 21), status: 400, code: "invalid_parameter", invalidRequest: true},
		{name: "list bad published_after", method: "GET", target: "/tg/articles?published_after=yesterday", status: 400, code: "invalid_parameter", invalidRequest: true},
		{name: "list bad published_before", method: "GET", target: "/tg/articles?published_before=2024-07-12", status: 400, code: "invalid_parameter", invalidRequest: true},
		{name: "list bad subsections", method: "GET", target: "/tg/articles?subsections=maybe", status: 400, code: "invalid_parameter", invalidRequest: true},
		{name: "list unknown section", method: "GET", target: "/tg/articles?section=nope", status: 404, code: "not_found"},
		{name: "list unknown locale", method: "GET", target: "/de/articles", status: 404, code: "unknown_locale"},
		{name: "list featured", method: "GET", target: "/tg/articles?featured=true", status: 200},
		{name: "list featured in a section", method: "GET", target: "/tg/articles?featured=true&section=news&exclude=" + id("tieA") + "&limit=5", status: 200},
		{name: "list not featured", method: "GET", target: "/tg/articles?featured=false", status: 200},
		{name: "list bad featured", method: "GET", target: "/tg/articles?featured=yes", status: 400, code: "invalid_parameter", invalidRequest: true},
		{name: "list featured with a cursor", method: "GET", target: "/tg/articles?featured=true&cursor=" + cursor, status: 400, code: "invalid_parameter"},
		{name: "list featured most read", method: "GET", target: "/tg/articles?featured=true&sort=most_read", status: 400, code: "invalid_parameter"},

		{name: "article tg", method: "GET", target: "/tg/articles/" + id("both"), status: 200},
		{name: "article fa", method: "GET", target: "/fa/articles/" + id("both"), status: 200},
		{name: "article no image", method: "GET", target: "/tg/articles/" + id("tgOnly"), status: 200},
		{name: "article missing", method: "GET", target: "/tg/articles/999999", status: 404, code: "not_found"},
		{name: "article text id", method: "GET", target: "/tg/articles/abc", status: 404, code: "not_found"},
		{name: "article scheduled", method: "GET", target: "/tg/articles/" + id("future"), status: 404, code: "not_found"},
		{name: "article not translated", method: "GET", target: "/fa/articles/" + id("tgOnly"), status: 404, code: "not_translated"},
		{name: "article unknown locale", method: "GET", target: "/de/articles/" + id("both"), status: 404, code: "unknown_locale"},
		{name: "article preview of a draft", method: "GET", target: "/fa/articles/" + id("tgOnly") + "?preview=" + previewOf("tgOnly"), status: 200},
		{name: "article preview tampered", method: "GET", target: "/fa/articles/" + id("tgOnly") + "?preview=" + tampered(previewOf("tgOnly")), status: 404, code: "not_found"},

		{name: "slug tg", method: "GET", target: "/tg/articles/slug/" + url.PathEscape(tg.Slug), status: 200},
		{name: "slug fa", method: "GET", target: "/fa/articles/slug/" + url.PathEscape(newSlug), status: 200},
		{name: "slug missing", method: "GET", target: "/tg/articles/slug/no-such-slug", status: 404, code: "not_found"},
		{name: "slug of another locale", method: "GET", target: "/tg/articles/slug/" + url.PathEscape(newSlug), status: 404, code: "not_found"},
		{name: "slug unknown locale", method: "GET", target: "/de/articles/slug/" + url.PathEscape(tg.Slug), status: 404, code: "unknown_locale"},
		{name: "slug preview of a draft", method: "GET", target: "/fa/articles/slug/" + url.PathEscape(faDraft.Slug) + "?preview=" + previewOf("tgOnly"), status: 200},
		{name: "slug preview tampered", method: "GET", target: "/fa/articles/slug/" + url.PathEscape(faDraft.Slug) + "?preview=" + tampered(previewOf("tgOnly")), status: 404, code: "not_found"},

		{name: "search", method: "GET", target: "/tg/search?q=" + url.QueryEscape(tg.Title), status: 200},
		{name: "search section", method: "GET", target: "/tg/search?section=news&limit=1&q=" + url.QueryEscape(tg.Title), status: 200},
		{name: "search empty", method: "GET", target: "/tg/search?q=%22*", status: 400, code: "invalid_parameter"},
		{name: "search too long", method: "GET", target: "/tg/search?q=" + strings.Repeat("a", 5000), status: 400, code: "invalid_parameter", invalidRequest: true},
		{name: "search bad cursor", method: "GET", target: "/tg/search?q=x&cursor=bm9wZQ", status: 400, code: "invalid_parameter"},
		{name: "search by date", method: "GET", target: "/tg/search?sort=date&q=" + url.QueryEscape(tg.Title), status: 200},
		{name: "search by relevance", method: "GET", target: "/tg/search?sort=relevance&q=" + url.QueryEscape(tg.Title), status: 200},
		{name: "search unknown sort", method: "GET", target: "/tg/search?sort=newest&q=x", status: 400, code: "invalid_parameter", invalidRequest: true},
		{name: "search unknown section", method: "GET", target: "/tg/search?q=x&section=nope", status: 404, code: "not_found"},
		{name: "search old section slug", method: "GET", target: "/tg/search?q=x&section=heritage", status: 301},
		{name: "search unknown locale", method: "GET", target: "/de/search?q=x", status: 404, code: "unknown_locale"},

		{name: "changes", method: "GET", target: "/changes", status: 200},

		{name: "redirect to an article", method: "GET", target: "/redirects?path=" + url.QueryEscape("https://old.example.org/2024/07/%d8%ae%d8%a8%d8%b1/"), status: 200},
		{name: "redirect to a section", method: "GET", target: "/redirects?path=/category/culture", status: 200},
		{name: "redirect unknown", method: "GET", target: "/redirects?path=/nowhere/", status: 404, code: "not_found"},
		{name: "redirect without path", method: "GET", target: "/redirects", status: 400, code: "invalid_parameter", invalidRequest: true},
		{name: "changes now", method: "GET", target: "/changes?since=now", status: 200},
		{name: "changes page", method: "GET", target: "/changes?since=c1.1&limit=2", status: 200},
		{name: "changes bad since", method: "GET", target: "/changes?since=junk", status: 400, code: "invalid_parameter"},
		{name: "changes limit 0", method: "GET", target: "/changes?limit=0", status: 400, code: "invalid_parameter", invalidRequest: true},
		{name: "changes limit 1001", method: "GET", target: "/changes?limit=1001", status: 400, code: "invalid_parameter", invalidRequest: true},
		{name: "changes future cursor", method: "GET", target: "/changes?since=c1.999999", status: 410, code: "cursor_expired"},

		{name: "view", method: "POST", target: "/articles/" + id("both") + "/views", status: 200},
		{name: "view missing", method: "POST", target: "/articles/999999/views", status: 404, code: "not_found"},
		{name: "view trashed", method: "POST", target: "/articles/" + id("trashed") + "/views", status: 404, code: "not_found"},
		{name: "view text id", method: "POST", target: "/articles/abc/views", status: 404, code: "not_found"},
		{name: "view in a locale", method: "POST", target: "/fa/articles/" + id("both") + "/views", status: 200},
		{name: "view in a locale not translated", method: "POST", target: "/fa/articles/" + id("tgOnly") + "/views", status: 404, code: "not_found"},
		{name: "view in an unknown locale", method: "POST", target: "/de/articles/" + id("both") + "/views", status: 404, code: "unknown_locale"},

		{name: "list sort newest", method: "GET", target: "/tg/articles?sort=newest", status: 200},
		{name: "list most read", method: "GET", target: "/tg/articles?sort=most_read", status: 200},
		{name: "list most read day in a section", method: "GET", target: "/fa/articles?sort=most_read&period=day&section=news&limit=1", status: 200},
		{name: "list most read month", method: "GET", target: "/tg/articles?sort=most_read&period=month&exclude=" + id("both"), status: 200},
		{name: "list unknown sort", method: "GET", target: "/tg/articles?sort=popular", status: 400, code: "invalid_parameter", invalidRequest: true},
		{name: "list unknown period", method: "GET", target: "/tg/articles?sort=most_read&period=year", status: 400, code: "invalid_parameter", invalidRequest: true},
		{name: "list period without most read", method: "GET", target: "/tg/articles?period=day", status: 400, code: "invalid_parameter"},
		{name: "list most read with a newest cursor", method: "GET", target: "/tg/articles?sort=most_read&cursor=" + cursor, status: 400, code: "invalid_parameter"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := cc.check(t, env, tc)
			if tc.method != http.MethodGet || rec.Code != http.StatusOK || strings.HasPrefix(tc.target, "/changes") || strings.HasPrefix(tc.target, "/redirects") {
				return // the change feed and old addresses are no-store, without an ETag
			}
			// Every successful GET honours If-None-Match with a bodiless 304.
			etag := rec.Header().Get("ETag")
			again := tc
			again.status = http.StatusNotModified
			again.header = http.Header{"If-None-Match": {`"other", ` + etag}}
			if r := cc.check(t, env, again); r.Header().Get("ETag") != etag {
				t.Errorf("304 ETag = %q, want %q", r.Header().Get("ETag"), etag)
			}
		})
	}

	t.Run("openapi body is the document", func(t *testing.T) {
		rec := env.do(http.MethodGet, "/api/v1/openapi.json", nil)
		if !bytes.Equal(rec.Body.Bytes(), OpenAPIDocument) {
			t.Error("GET /openapi.json does not serve the embedded document")
		}
	})

	t.Run("old slug redirects", func(t *testing.T) {
		rec := cc.check(t, env, contractCase{method: "GET", target: "/fa/articles/slug/" + url.PathEscape(oldSlug), status: http.StatusMovedPermanently})
		wantLocation := "/api/v1/fa/articles/slug/" + url.PathEscape(newSlug)
		if got := rec.Header().Get("Location"); got != wantLocation {
			t.Errorf("Location = %q, want %q", got, wantLocation)
		}
		var body redirectBody
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
			t.Fatalf("redirect body %s: %v", rec.Body.String(), err)
		}
		if body.Redirect.ID != both.ID || body.Redirect.Slug != newSlug {
			t.Errorf("redirect = %+v, want id %d slug %q", body.Redirect, both.ID, newSlug)
		}
		// Following Location lands on the article.
		var art articleResp
		env.with(t).getJSON(rec.Header().Get("Location"), http.StatusOK, &art)
		if art.Data.ID != both.ID || art.Data.Slug != newSlug {
			t.Errorf("Location leads to %d %q", art.Data.ID, art.Data.Slug)
		}
	})

	// The documented 500s: a request whose context is canceled makes every
	// database call fail. A fresh environment keeps the cache out of it.
	broken := newTestEnv(t)
	for _, tc := range []contractCase{
		{name: "sections 500", method: "GET", target: "/tg/sections", status: 500, code: "internal", canceled: true},
		{name: "tags 500", method: "GET", target: "/tg/tags", status: 500, code: "internal", canceled: true},
		{name: "tag 500", method: "GET", target: "/tg/tags/musiqi", status: 500, code: "internal", canceled: true},
		{name: "list 500", method: "GET", target: "/tg/articles", status: 500, code: "internal", canceled: true},
		{name: "search 500", method: "GET", target: "/tg/search?q=x", status: 500, code: "internal", canceled: true},
		{name: "redirect 500", method: "GET", target: "/redirects?path=/x", status: 500, code: "internal", canceled: true},
		{name: "article 500", method: "GET", target: "/tg/articles/" + id("both"), status: 500, code: "internal", canceled: true},
		{name: "slug 500", method: "GET", target: "/tg/articles/slug/" + url.PathEscape(tg.Slug), status: 500, code: "internal", canceled: true},
		{name: "changes 500", method: "GET", target: "/changes", status: 500, code: "internal", canceled: true},
		{name: "view 500", method: "POST", target: "/articles/" + id("both") + "/views", status: 500, code: "internal", canceled: true},
		{name: "locale view 500", method: "POST", target: "/tg/articles/" + id("both") + "/views", status: 500, code: "internal", canceled: true},
		{name: "list most read 500", method: "GET", target: "/tg/articles?sort=most_read", status: 500, code: "internal", canceled: true},
	} {
		t.Run(tc.name, func(t *testing.T) { cc.check(t, broken, tc) })
	}

	// The documented 503: writes failing, as on a full disk.
	full := newTestEnv(t)
	diskFull(full)
	t.Run("view 503", func(t *testing.T) {
		cc.check(t, full, contractCase{method: "POST", target: "/articles/" + strconv.FormatUint(uint64(full.ids["both"]), 10) + "/views", status: 503, code: "unavailable"})
	})
	t.Run("locale view 503", func(t *testing.T) {
		cc.check(t, full, contractCase{method: "POST", target: "/fa/articles/" + strconv.FormatUint(uint64(full.ids["both"]), 10) + "/views", status: 503, code: "unavailable"})
	})

	t.Run("every documented operation and status was exercised", func(t *testing.T) {
		var missing []string
		for path, item := range cc.doc.Paths.Map() {
			for method, op := range item.Operations() {
				key := method + " " + path
				if cc.exercised[key] == nil {
					missing = append(missing, key+" (never requested)")
					continue
				}
				for status := range op.Responses.Map() {
					n, err := strconv.Atoi(status)
					if err != nil {
						missing = append(missing, fmt.Sprintf("%s %s (status range or default: name a status)", key, status))
						continue
					}
					if !cc.exercised[key][n] && !undocumentableStatuses[key+" "+status] {
						missing = append(missing, key+" "+status)
					}
				}
				for n := range cc.exercised[key] {
					if op.Responses.Status(n) == nil {
						missing = append(missing, fmt.Sprintf("%s answered %d, which is not documented", key, n))
					}
				}
			}
		}
		slices.Sort(missing)
		if len(missing) > 0 {
			t.Errorf("not covered by this test:\n  %s", strings.Join(missing, "\n  "))
		}
	})
}

// TestErrorsOutsideTheDocument checks that answers to addresses and methods
// the document does not describe still have its Error shape.
func TestErrorsOutsideTheDocument(t *testing.T) {
	env := newTestEnv(t)
	doc := loadOpenAPIDocument(t)
	errSchema := doc.Components.Schemas["Error"]
	if errSchema == nil || errSchema.Value == nil {
		t.Fatal("the document has no Error schema")
	}
	for _, tc := range []struct {
		method, target string
		status         int
		code           string
	}{
		{"GET", "/api/v1/nothing/here/at/all", 404, "not_found"},
		{"GET", "/api/v1", 404, "not_found"},
		{"DELETE", "/api/v1/locales", 405, "method_not_allowed"},
		{"GET", "/api/v1/articles/1/views", 405, "method_not_allowed"},
		{"PUT", "/api/v1/tg/articles/1", 405, "method_not_allowed"},
	} {
		t.Run(tc.method+" "+tc.target, func(t *testing.T) {
			rec := env.do(tc.method, tc.target, nil)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d; body %s", rec.Code, tc.status, rec.Body.String())
			}
			var value any
			if err := json.Unmarshal(rec.Body.Bytes(), &value); err != nil {
				t.Fatalf("body %q: %v", rec.Body.String(), err)
			}
			if err := errSchema.Value.VisitJSON(value, openapi3.EnableJSONSchema2020(), openapi3.VisitAsResponse()); err != nil {
				t.Errorf("body does not match the Error schema: %v\nbody: %s", err, rec.Body.String())
			}
			if code := value.(map[string]any)["error"].(map[string]any)["code"]; code != tc.code {
				t.Errorf("code = %v, want %s", code, tc.code)
			}
		})
	}
}
