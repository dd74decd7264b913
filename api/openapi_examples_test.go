package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sort"
	"strconv"
	"testing"
)

// errorExample is one error example of the OpenAPI document, found at path.
type errorExample struct {
	path  string
	error apiErrorFields
}

type apiErrorFields struct {
	Code    string         `json:"code"`
	Message string         `json:"message"`
	Details map[string]any `json:"details"`
}

// errorExamples returns every {"error":{…}} value in the document.
func errorExamples(t *testing.T, doc any, path string, out *[]errorExample) {
	t.Helper()
	switch v := doc.(type) {
	case map[string]any:
		if e, ok := v["error"].(map[string]any); ok {
			if _, ok := e["message"]; ok {
				raw, _ := json.Marshal(e)
				var fields apiErrorFields
				if err := json.Unmarshal(raw, &fields); err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				*out = append(*out, errorExample{path: path, error: fields})
			}
		}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			errorExamples(t, v[k], path+"/"+k, out)
		}
	case []any:
		for i, item := range v {
			errorExamples(t, item, path+"/"+strconv.Itoa(i), out)
		}
	}
}

// The error examples in the OpenAPI document are what the handlers really
// answer: a frontend developer copies them into tests and error pages.
func TestOpenAPIErrorExamplesAreRealAnswers(t *testing.T) {
	env := newTestEnv(t)
	tgOnly := strconv.FormatUint(uint64(env.ids["tgOnly"]), 10)
	// requests gives, per code (and parameter), a request that causes it.
	requests := map[string]string{
		"unknown_locale":            "/api/v1/ru/articles",
		"not_found":                 "/api/v1/tg/articles/999999",
		"not_translated":            "/api/v1/fa/articles/" + tgOnly,
		"invalid_parameter:limit":   "/api/v1/tg/articles?limit=0",
		"invalid_parameter:cursor":  "/api/v1/tg/articles?cursor=nonsense",
		"invalid_parameter:exclude": "/api/v1/tg/articles?exclude=x",
		"invalid_parameter:q":       "/api/v1/tg/search?q=",
		"invalid_parameter:query":   "/api/v1/tg/articles?limit=%zz",
		"invalid_parameter:since":   "/api/v1/changes?since=junk",
		"invalid_parameter:path":    "/api/v1/redirects",
		"cursor_expired:since":      "/api/v1/changes?since=c1.999999",
		"internal":                  "/api/v1/tg/sections", // with a canceled context
		"unavailable":               "/api/v1/articles/" + strconv.FormatUint(uint64(env.ids["both"]), 10) + "/views",
	}
	// Writes failing (a full disk) matter only to the view count, which
	// then answers unavailable; the reads above are served as ever.
	diskFull(env)
	var doc any
	if err := json.Unmarshal(OpenAPIDocument, &doc); err != nil {
		t.Fatal(err)
	}
	var examples []errorExample
	errorExamples(t, doc, "", &examples)
	if len(examples) < 5 {
		t.Fatalf("found only %d error examples in the document", len(examples))
	}
	for _, ex := range examples {
		key := ex.error.Code
		if p, ok := ex.error.Details["parameter"].(string); ok {
			key += ":" + p
		}
		target, ok := requests[key]
		if !ok {
			t.Errorf("%s: no request known to cause %s; add one to this test", ex.path, key)
			continue
		}
		method := http.MethodGet
		if ex.error.Code == "unavailable" {
			method = http.MethodPost
		}
		req := httptest.NewRequest(method, target, nil)
		if ex.error.Code == "internal" {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			req = req.WithContext(ctx)
		}
		rec := httptest.NewRecorder()
		env.router.ServeHTTP(rec, req)
		var got apiError
		decode(t, rec.Body.Bytes(), &got)
		real := apiErrorFields(got.Error)
		if !reflect.DeepEqual(normalised(t, real), normalised(t, ex.error)) {
			t.Errorf("%s:\n document: %+v\n server:   %+v", ex.path, ex.error, real)
		}
	}
}

// normalised round-trips v through JSON, so numbers and lists compare alike.
func normalised(t *testing.T, v any) any {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	decode(t, raw, &out)
	return out
}
