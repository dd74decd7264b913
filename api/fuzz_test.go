package api

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// errorCodes are the codes the OpenAPI document lists for ErrorBody.code.
var errorCodes = map[string]bool{
	"unknown_locale": true, "not_found": true, "not_translated": true,
	"invalid_parameter": true, "method_not_allowed": true, "internal": true,
	"cursor_expired": true,
	"unavailable":    true,
}

// FuzzAPIRequest sends arbitrary paths, query strings and If-None-Match
// values through the API, by GET and by POST, and fails on any 5xx, on a
// panic, and on an /api/ 4xx whose body is not the documented error shape.
// The seeds run as part of go test; fuzz with
//
//	go test -run XXX -fuzz=FuzzAPIRequest -fuzztime=60s ./api/
func FuzzAPIRequest(f *testing.F) {
	env := newTestEnv(f)

	// A real cursor, slug and ETag make the seeds reach deep code paths.
	var page listBody
	rec := env.do(http.MethodGet, "/api/v1/tg/articles?limit=1", nil)
	if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil || page.NextCursor == nil || len(page.Data) == 0 {
		f.Fatalf("first page %s: %v", rec.Body.String(), err)
	}
	etag := rec.Header().Get("ETag")
	var both articleResp
	rec = env.do(http.MethodGet, "/api/v1/fa/articles/"+strconv.Itoa(int(env.ids["both"])), nil)
	if err := json.Unmarshal(rec.Body.Bytes(), &both); err != nil {
		f.Fatalf("fa article %s: %v", rec.Body.String(), err)
	}
	cursor := func(raw string) string { return base64.RawURLEncoding.EncodeToString([]byte(raw)) }
	id := strconv.Itoa(int(env.ids["both"]))

	targets := []string{
		"/api/v1/locales",
		"/api/v1/openapi.json",
		"/api/v1/changes",
		"/api/v1/changes?since=now",
		"/api/v1/changes?since=c1.0&limit=3",
		"/api/v1/changes?since=c1.99999999&limit=1000",
		"/api/v1/changes?since=c1.-1&limit=0",
		"/api/v1/tg/sections",
		"/api/v1/fa/sections",
		"/api/v1/tg/articles",
		"/api/v1/tg/articles?section=news&exclude=" + id + "&limit=2",
		"/api/v1/tg/articles?limit=1&cursor=" + url.QueryEscape(*page.NextCursor),
		"/api/v1/tg/articles?cursor=" + *page.NextCursor + "&cursor=junk",
		"/api/v1/tg/articles/" + id,
		"/api/v1/fa/articles/" + strconv.Itoa(int(env.ids["tgOnly"])),
		"/api/v1/fa/articles/slug/" + url.PathEscape(both.Data.Slug),
		"/api/v1/fa/articles/slug/" + both.Data.Slug,
		"/api/v1/tg/articles/slug/" + url.PathEscape(page.Data[0].Slug),
		"/api/v1/fa/articles/slug/" + url.PathEscape("همکاری\u200cهای-فرهنگی"),
		"/api/v1/fa/articles/slug/%D9%87%D9%85%DA%A9%D8%A7%D8%B1%DB%8C%E2%80%8C%D9%87%D8%A7%DB%8C",
		"/api/v1/fa/articles/slug/%E2%80%8C",
		"/api/v1/fa/articles/slug/%E2%80%AEfdp.exe",
		"/api/v1/tg/articles/slug/%F0%9F%98%80",
		"/api/v1/tg/articles/slug/",
		"/api/v1/tg/articles/slug",
		"/api/v1/tg/articles/slug/a/b",
		"/api/v1/tg/articles/slug/%2F",
		"/api/v1/tg/articles/slug/" + strings.Repeat("x", 10000),
		"/api/v1/tg/articles/slug/%00",
		"/api/v1/tg/articles/%",
		"/api/v1/tg/articles/%%",
		"/api/v1/tg/articles/%zz",
		"/api/v1/tg/articles/..",
		"/api/v1/tg/articles/../../locales",
		"/api/v1/tg/articles/%2e%2e",
		"/api/v1/tg/articles/%00",
		"/api/v1/tg/articles/" + strings.Repeat("9", 5000),
		"/api/v1/tg/articles/99999999999999999999999",
		"/api/v1/tg/articles/9007199254740991",
		"/api/v1/tg/articles/9007199254740992",
		"/api/v1/tg/articles/18446744073709551615",
		"/api/v1/tg/articles/-1",
		"/api/v1/tg/articles/0",
		"/api/v1/tg/articles/01",
		"/api/v1/tg/articles/+1",
		"/api/v1/tg/articles/1.0",
		"/api/v1/tg/articles/%D9%A1", // Arabic-Indic one
		"/api/v1/tg/articles?limit=1e3",
		"/api/v1/tg/articles?limit=-1",
		"/api/v1/tg/articles?limit=9223372036854775808",
		"/api/v1/tg/articles?limit=",
		"/api/v1/tg/articles?limit",
		"/api/v1/tg/articles?exclude=-1",
		"/api/v1/tg/articles?exclude=18446744073709551615",
		"/api/v1/tg/articles?section=",
		"/api/v1/tg/articles?section=%00",
		"/api/v1/tg/articles?section=" + url.QueryEscape("بخش"),
		"/api/v1/tg/articles?cursor=",
		"/api/v1/tg/articles?cursor=junk",
		"/api/v1/tg/articles?cursor=%%%",
		"/api/v1/tg/articles?cursor=" + cursor("v1.-5.3"),
		"/api/v1/tg/articles?cursor=" + cursor("v1.-315640800.19"),
		"/api/v1/tg/articles?cursor=" + cursor("v1.-62135596800.1"),
		"/api/v1/tg/articles?cursor=" + cursor("v1.-9223372036854775808.1"),
		"/api/v1/tg/articles/slug/a%2F",
		"/api/v1/tg/articles/",
		"/api/v1/tg/sections/",
		"/api/v1/tg/articles?cursor=" + cursor("v1.9223372036854775807.9007199254740991"),
		"/api/v1/tg/articles?cursor=" + cursor("v1.1.0"),
		"/api/v1/tg/articles?cursor=" + cursor("v1.1.2.3"),
		"/api/v1/tg/articles?cursor=" + cursor("v1."),
		"/api/v1/tg/articles?cursor=" + strings.Repeat("A", 65),
		"/api/v1/tg/articles?a=1;b=2",
		"/api/v1/tg/articles?%",
		"/api/v1/tg/articles?&&&=&",
		"/api/v1/%D8%AA%D8%AC/articles",
		"/api/v1/TG/articles",
		"/api/v1/tg%00/articles",
		"/api/v1//tg/articles",
		"//api/v1/locales",
		"/api/v1/locales/",
		"/api/v1/locales?x=%zz",
		"/api/v1/",
		"/api/v1",
		"/api/",
		"/api/v1/articles/" + id + "/views",
		"/api/v1/articles/abc/views",
		"/api/v1/articles//views",
		"/api/v1/articles/" + strings.Repeat("1", 300) + "/views",
		"/api/v1/nothing/here",
		"/media/../api/v1/locales",
		"/media/ab/pic.jpg",
		"/healthz",
	}
	inms := []string{"", "*", etag, `W/` + etag, `"other", ` + etag, `W/"x"`, ",,,", `"`, strings.Repeat(`"a",`, 1000)}
	for i, target := range targets {
		f.Add(target, inms[i%len(inms)])
	}

	f.Fuzz(func(t *testing.T, target, ifNoneMatch string) {
		if !validHeaderValue(ifNoneMatch) {
			return // net/http would refuse to send or to read it
		}
		if !strings.HasPrefix(target, "/") {
			target = "/" + target
		}
		send := func(method, target string) {
			req, err := http.NewRequest(method, "http://example.org"+target, nil)
			if err != nil {
				return // not a request a client could send
			}
			if ifNoneMatch != "" {
				req.Header.Set("If-None-Match", ifNoneMatch)
			}
			rec := httptest.NewRecorder()
			env.router.ServeHTTP(rec, req)
			checkFuzzedAnswer(t, req, rec)
		}
		send(http.MethodGet, target)
		send(http.MethodPost, target)
		// The last path segment and the query also go where the API reads
		// them, so every mutation of them reaches the handlers.
		path, query, _ := strings.Cut(target, "?")
		segment := path[strings.LastIndexByte(path, '/')+1:]
		send(http.MethodGet, "/api/v1/fa/articles/slug/"+segment)
		send(http.MethodGet, "/api/v1/tg/articles/"+segment)
		send(http.MethodPost, "/api/v1/articles/"+segment+"/views")
		send(http.MethodGet, "/api/v1/tg/articles?"+query)
		send(http.MethodGet, "/api/v1/changes?"+query)
	})
}

// checkFuzzedAnswer fails on a 5xx and on an /api/ answer that breaks the
// documented contract.
func checkFuzzedAnswer(t *testing.T, req *http.Request, rec *httptest.ResponseRecorder) {
	t.Helper()
	what := req.Method + " " + req.URL.String()
	if rec.Code >= 500 {
		t.Fatalf("%.300s = %d; body %.300s", what, rec.Code, rec.Body.String())
	}
	if !strings.HasPrefix(req.URL.Path, "/api/") {
		return
	}
	switch {
	case rec.Code >= 300 && rec.Code < 400 && rec.Code != http.StatusNotModified:
		// Only an old slug redirects, with the JSON body of its 301.
		if rec.Code != http.StatusMovedPermanently || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") || !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("%.300s = %d (%s) with body %.300s, want no redirect but an old slug's JSON 301", what, rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
		}
	case rec.Code == http.StatusNotModified:
		if rec.Body.Len() != 0 {
			t.Fatalf("%.300s = 304 with a body", what)
		}
	case rec.Code >= 400:
		if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Fatalf("%.300s = %d with Content-Type %q", what, rec.Code, ct)
		}
		if err := checkErrorShape(rec.Body.Bytes()); err != "" {
			t.Fatalf("%.300s = %d: %s; body %.300s", what, rec.Code, err, rec.Body.String())
		}
	case rec.Code == http.StatusOK:
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("%.300s = 200 with a body that is not JSON: %.300s", what, rec.Body.String())
		}
		// The change feed alone is no-store, without an ETag.
		if req.Method == http.MethodGet && req.URL.Path != "/api/v1/changes" && rec.Header().Get("ETag") == "" {
			t.Fatalf("%.300s = 200 without an ETag", what)
		}
	}
}

// checkErrorShape returns what is wrong with an error body, or "".
func checkErrorShape(body []byte) string {
	var outer map[string]json.RawMessage
	if err := json.Unmarshal(body, &outer); err != nil {
		return "not a JSON object: " + err.Error()
	}
	if len(outer) != 1 || outer["error"] == nil {
		return `want exactly the member "error"`
	}
	var inner map[string]json.RawMessage
	if err := json.Unmarshal(outer["error"], &inner); err != nil {
		return "error is not an object"
	}
	var code, message string
	if json.Unmarshal(inner["code"], &code) != nil || !errorCodes[code] {
		return "error.code is not a documented code"
	}
	if json.Unmarshal(inner["message"], &message) != nil || message == "" {
		return "error.message is not a non-empty string"
	}
	if d := bytes.TrimSpace(inner["details"]); len(d) == 0 || d[0] != '{' {
		return "error.details is not an object"
	}
	return ""
}

// validHeaderValue reports whether net/http would carry v as a header value.
func validHeaderValue(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; (c < ' ' && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}
