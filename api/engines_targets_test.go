package api

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// engineQueryValues are the values each query parameter of the OpenAPI
// document is tried with, good, old and bad; a parameter the document
// gains without values here fails the test, so nothing goes unasked.
// Values are written as they go in a query string (already escaped).
var engineQueryValues = map[string][]string{
	"featured":         {"true", "false", "maybe"},
	"section":          {"news", "farhang", "heritage", "culture", "nosuch", "%00", "%ff", ""},
	"tag":              {"musiqi", "energy", "quvva", "kitob", "nosuch", "%00"},
	"exclude":          {"1", "abc", "0"},
	"subsections":      {"true", "false", "yes"},
	"published_after":  {"2024-07-12T06:00:00Z", "2024-07-12T11:00:00%2B05:00", "0000-01-01T00:00:00Z", "yesterday"},
	"published_before": {"2024-07-12T06:00:00Z", "1969-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2024-13-01T00:00:00Z"},
	"limit":            {"1", "3", "100", "0", "101", "abc", "1000", "1001"},
	"cursor": {"zz", "djEuMTcyMDc5MjAwMC4x", "%%%", "djEuLTkyMjMzNzIwMzY4NTQ3NzU4MDguOTIyMzM3MjAzNjg1NDc3NTgwNw", "bTEuOTIyMzM3MjAzNjg1NDc3NTgwNy45MjIzMzcyMDM2ODU0Nzc1ODA3LjE",
		"czEuOTIyMzM3MjAzNjg1NDc3NTgwNw", "c2QxLjIxNDc0ODM2NDg", "czEuLTU"}, // v1, m1, s1 and sd1 cursors at their limits
	"sort":   {"newest", "most_read", "relevance", "date", "oldest"},
	"period": {"day", "week", "month", "year"},
	"q": {"иқтисод", "%D2%B6%D0%90%D0%92%D0%9E%D0%9D%D0%9E%D0%9D", "%D9%85%DB%8C%E2%80%8C%DA%A9%D9%86%D9%86%D8%AF",
		url.QueryEscape("کتاب\u200cها"), url.QueryEscape("کتابها"), url.QueryEscape("iPhone"), url.QueryEscape("ғазал ҷӯй"),
		url.QueryEscape("\u200fنمایشگاه"), "", "%00", "%ff", strings.Repeat("a", 201), url.QueryEscape(`"*-()`)},
	"preview": {"bad"}, // and each article's token, added by engineTargets
	"since":   {"now", "0", "abc", "YzEuMw", "c1.3", "c1.9223372036854775807", "c1.-1"},
	"path": {"/2019/03/%25d9%2586%25d8%25a7%25d9%2585-%25d9%2582%25d8%25af%25db%258c%25d9%2585%25db%258c/", url.QueryEscape("/2019/03/نام-قدیمی"),
		"%2F%3Fp%3D7", "/category/heritage", "/tag/kitob/", "/nowhere", "", "%00", "%ff", strings.Repeat("a", 2001)},
}

// engineCombinations are requests that set several parameters together,
// where their meeting is what is tested; {loc} is each locale.
var engineCombinations = []string{
	"/api/v1/{loc}/articles?sort=most_read&period=day&limit=2",
	"/api/v1/{loc}/articles?sort=most_read&period=week&limit=2",
	"/api/v1/{loc}/articles?sort=most_read&period=month&limit=2",
	"/api/v1/{loc}/articles?sort=most_read&section=news",
	"/api/v1/{loc}/articles?sort=most_read&tag=energy",
	"/api/v1/{loc}/articles?sort=most_read&cursor=zz",
	"/api/v1/{loc}/articles?section=farhang&subsections=false",
	"/api/v1/{loc}/articles?section=culture&subsections=false&limit=2",
	"/api/v1/{loc}/articles?section=farhang&limit=2",
	"/api/v1/{loc}/articles?tag=musiqi&section=news",
	"/api/v1/{loc}/articles?tag=musiqi&limit=2",
	"/api/v1/{loc}/articles?tag=kitob&limit=2",
	"/api/v1/{loc}/articles?featured=true&limit=1",
	"/api/v1/{loc}/articles?featured=true&section=news",
	"/api/v1/{loc}/articles?exclude=1&exclude=3&limit=2",
	"/api/v1/{loc}/articles?published_after=2024-07-10T00:00:00Z&published_before=2024-07-12T12:00:00Z&limit=2",
	"/api/v1/{loc}/articles?limit=2",
	"/api/v1/{loc}/search?q=%D0%B8%D2%9B%D1%82%D0%B8%D1%81%D0%BE%D0%B4&limit=2",
	"/api/v1/{loc}/search?q=%D0%B8%D2%9B%D1%82%D0%B8%D1%81%D0%BE%D0%B4&sort=date&limit=2",
	"/api/v1/{loc}/search?q=%D0%B8%D2%9B%D1%82%D0%B8%D1%81%D0%BE%D0%B4&section=farhang",
	"/api/v1/{loc}/search?q=%D0%B8%D2%9B%D1%82%D0%B8%D1%81%D0%BE%D0%B4&section=culture&sort=date",
	"/api/v1/{loc}/search?q=%D0%B8%D2%9B%D1%82%D0%B8&sort=relevance&limit=1",
	"/api/v1/{loc}/search?q=%D0%B8%D2%9B%D1%82%D0%B8&sort=date&cursor=zz",
	"/api/v1/{loc}/search?q=%DA%A9%D8%AA%D8%A7%D8%A8&section=heritage&sort=date",
	"/feeds/{loc}/rss.xml", "/feeds/{loc}/atom.xml",
	"/feeds/{loc}/rss.xml?section=farhang", "/feeds/{loc}/atom.xml?section=culture",
	"/feeds/{loc}/rss.xml?tag=musiqi", "/feeds/{loc}/atom.xml?tag=kitob", "/feeds/{loc}/rss.xml?tag=nosuch",
	"/feeds/{loc}/atom.xml?section=news&tag=energy", "/feeds/{loc}/rss.xml?limit=abc",
}

// engineFixedTargets are asked once each.
var engineFixedTargets = []string{
	"/healthz", "/sitemap.xml", "/sitemaps/news.xml", "/sitemaps/tg-99.xml", "/sitemaps/xx-1.xml", "/sitemaps/nope",
	"/api/v1/nope", "/api/v1/changes?limit=2", "/api/v1/changes?since=now&limit=0", "/api/v1/changes?limit=1001",
}

// engineTargets lists the requests of the comparison: every GET path of
// the OpenAPI document with each path parameter taking every value it
// can (every article id and slug, current and old, every tag slug, and
// bad ones) and each query parameter in turn taking each of its values,
// then the combinations, feeds, sitemaps and the views endpoints.
func engineTargets(t *testing.T, env *testEnv) []engineRequest {
	t.Helper()
	data, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths      map[string]map[string]json.RawMessage
		Components struct{ Parameters map[string]openAPIParam }
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	locales := []string{"tg", "fa", "en"}
	ids, slugs, tagSlugs := engineValues(t, env)
	pathValues := map[string][]string{"locale": locales, "id": append(ids, "0", "999999", "abc")}
	var out []engineRequest
	add := func(method, target string) { out = append(out, engineRequest{method, target}) }
	for _, p := range slices.Sorted(maps.Keys(doc.Paths)) {
		for method, raw := range doc.Paths[p] {
			var op struct{ Parameters []openAPIParam }
			if err := json.Unmarshal(raw, &op); err != nil {
				continue // not an operation: a path-wide field
			}
			params := resolveParams(op.Parameters, doc.Components.Parameters)
			values := pathValues
			if strings.Contains(p, "{slug}") {
				values = map[string][]string{"locale": locales, "slug": slugs}
				if strings.HasPrefix(p, "/{locale}/tags/") {
					values["slug"] = tagSlugs
				}
			}
			for _, path := range expandPath("/api/v1"+p, values) {
				add(strings.ToUpper(method), path)
				if method != "get" {
					continue
				}
				for _, q := range params {
					if q.In != "query" {
						continue
					}
					vals, ok := engineQueryValues[q.Name]
					if !ok {
						t.Fatalf("%s %s: no values to try for query parameter %q: add them to engineQueryValues", method, p, q.Name)
					}
					if q.Name == "preview" {
						vals = append(slices.Clone(vals), previewValues(ids)...)
					}
					for _, v := range vals {
						add(http.MethodGet, path+"?"+q.Name+"="+v)
					}
				}
			}
		}
	}
	for _, c := range engineCombinations {
		for _, loc := range locales {
			add(http.MethodGet, strings.ReplaceAll(c, "{loc}", loc))
		}
	}
	for _, f := range engineFixedTargets {
		add(http.MethodGet, f)
		add(http.MethodHead, f)
	}
	add(http.MethodDelete, "/api/v1/tg/articles")
	return out
}

// openAPIParam is a parameter of the OpenAPI document, or a reference to
// one of its components.
type openAPIParam struct {
	Ref  string `json:"$ref"`
	Name string
	In   string
}

// resolveParams replaces references by the components they name.
func resolveParams(params []openAPIParam, components map[string]openAPIParam) []openAPIParam {
	out := make([]openAPIParam, 0, len(params))
	for _, p := range params {
		if name, ok := strings.CutPrefix(p.Ref, "#/components/parameters/"); ok {
			p = components[name]
		}
		out = append(out, p)
	}
	return out
}

// expandPath fills each {name} of path with each of its values.
func expandPath(path string, values map[string][]string) []string {
	start := strings.Index(path, "{")
	if start < 0 {
		return []string{path}
	}
	end := strings.Index(path[start:], "}") + start
	var out []string
	for _, v := range values[path[start+1:end]] {
		out = append(out, expandPath(path[:start]+v+path[end+1:], values)...)
	}
	return out
}

// engineValues reads from the store what the path parameters can be:
// every article id, every slug an article has or had in any locale
// (escaped for a path) and bad ones, every tag slug, old and merged ones
// included, and an unknown one.
func engineValues(t *testing.T, env *testEnv) (ids, slugs, tagSlugs []string) {
	t.Helper()
	ctx := context.Background()
	for _, key := range slices.Sorted(maps.Keys(env.ids)) {
		id := env.ids[key]
		switch {
		case strings.HasPrefix(key, "tag:"):
			tag, err := env.store.FindTag(ctx, id)
			if err == nil {
				tagSlugs = append(tagSlugs, url.PathEscape(tag.Slug))
			}
		case !strings.Contains(key, ":"):
			ids = append(ids, strconv.FormatUint(uint64(id), 10))
			a, err := env.store.FindArticle(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			for _, tr := range a.Translations {
				slugs = append(slugs, url.PathEscape(tr.Slug))
			}
		}
	}
	slugs = append(slugs, "kuhna", url.PathEscape("نام-قدیمی"), "no-such-slug", "%00", "%ff", "%E2%80%8C")
	tagSlugs = append(tagSlugs, "quvva", "kitob", "nosuch", "%00")
	slices.Sort(ids)
	return slices.Compact(ids), slices.Compact(slices.Sorted(slices.Values(slugs))), slices.Compact(slices.Sorted(slices.Values(tagSlugs)))
}

// previewValues are preview tokens for every article, written as the
// placeholder each engine fills with its own (difference 2).
func previewValues(ids []string) []string {
	var out []string
	for _, id := range ids {
		out = append(out, "{token:"+id+"}")
	}
	return out
}
