package publicjson

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// The event rule (models/event_fingerprint.go) hashes the fields of an
// article's public answer by name, since models cannot import this
// package. A field added here that the hash does not cover would change
// answers without any event: this test fails until both are updated.
func TestEventFingerprintKnowsEveryArticleField(t *testing.T) {
	covered := []string{
		"id", "locale", "dir", "slug", "title", "summary", "byline", "published_at", "published_at_display",
		"section.id", "section.slug", "section.name",
		"section.url", // follows from the section's slug and the settings
		"tags.id", "tags.slug", "tags.name",
		"tags.url", // follows from the tag's slug and the settings
		"image.url", "image.thumbnail_url", "image.medium_url", "image.alt", "image.caption", "image.width", "image.height",
		"image.variants.name", "image.variants.type", "image.variants.url", "image.variants.width", "image.variants.height",
		"image.focal_point.x", "image.focal_point.y", // imagePrint.Focal
		"image.crops.name", "image.crops.type", "image.crops.url", "image.crops.width", "image.crops.height", // imagePrint.Crops
		"view_count", // left out on purpose: views never make an event
		"reading_time_minutes",
		"translations.locale", "translations.slug", "translations.title", "translations.outdated",
		"translations.dir",        // follows from translations.locale
		"url", "translations.url", // follow from id, locale and slug, and the settings (a restart)
		"outdated", "body_html",
		"updated_at",                          // left out on purpose: it moves on saves that change nothing shown
		"related",                             // each related summary is hashed like the article's own
		"featured.position", "featured.until", // pinPrint
		// seoPrint: the stored fields and the social image; the defaults
		// follow from fields hashed above.
		"seo.title", "seo.description", "seo.canonical_url", "seo.noindex",
		"seo.image.url", "seo.image.thumbnail_url", "seo.image.medium_url", "seo.image.alt", "seo.image.caption", "seo.image.width", "seo.image.height",
		"seo.image.variants.name", "seo.image.variants.type", "seo.image.variants.url", "seo.image.variants.width", "seo.image.variants.height",
		"seo.image.focal_point.x", "seo.image.focal_point.y",
		"seo.image.crops.name", "seo.image.crops.type", "seo.image.crops.url", "seo.image.crops.width", "seo.image.crops.height",
	}
	got := jsonFields(reflect.TypeFor[Article](), "")
	slices.Sort(got)
	slices.Sort(covered)
	if !slices.Equal(got, covered) {
		t.Fatalf("Article's JSON fields changed:\n got %v\nwant %v\nupdate summaryPrint in models/event_fingerprint.go, then this list", got, covered)
	}
}

// jsonFields lists the JSON names of t's fields, nested structs as
// "outer.inner"; embedded structs are flattened as encoding/json does.
func jsonFields(t reflect.Type, prefix string) []string {
	var out []string
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Anonymous {
			out = append(out, jsonFields(f.Type, prefix)...)
			continue
		}
		ft := f.Type
		for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct && ft != reflect.TypeFor[Summary]() {
			out = append(out, jsonFields(ft, prefix+name+".")...)
			continue
		}
		out = append(out, prefix+name)
	}
	return out
}
