package api

import (
	"testing"

	"github.com/payvand/payvand/models"
)

// TestOpenAPIStatesTheTextLimits keeps the maxLength of each text field in
// openapi.json equal to the limit the write path enforces
// (models/text_limits.go), so the document never promises a frontend
// another size than the one saved.
func TestOpenAPIStatesTheTextLimits(t *testing.T) {
	doc := loadOpenAPIDocument(t)
	tests := []struct {
		schema, field string
		want          int
	}{
		{"Summary", "title", models.TitleMaxRunes},
		{"Summary", "summary", models.SummaryMaxRunes},
		{"Summary", "byline", models.BylineMaxRunes},
		{"Summary", "slug", models.SlugMaxRunes},
		{"TranslationRef", "title", models.TitleMaxRunes},
		{"TranslationRef", "slug", models.SlugMaxRunes},
		{"Image", "alt", models.AltMaxRunes},
		{"Image", "caption", models.CaptionMaxRunes},
		{"Section", "name", models.SectionNameMaxRunes},
		{"Section", "slug", models.SlugMaxRunes},
		{"SectionRef", "name", models.SectionNameMaxRunes},
		{"SectionRef", "slug", models.SlugMaxRunes},
		{"SEO", "title", models.SEOTitleMaxRunes},
		{"SEO", "description", models.SEODescriptionMaxRunes},
		{"SEO", "canonical_url", models.CanonicalURLMaxRunes},
	}
	for _, tt := range tests {
		t.Run(tt.schema+"."+tt.field, func(t *testing.T) {
			schema := doc.Components.Schemas[tt.schema]
			if schema == nil || schema.Value.Properties[tt.field] == nil {
				t.Fatalf("openapi.json has no %s.%s", tt.schema, tt.field)
			}
			got := schema.Value.Properties[tt.field].Value.MaxLength
			if got == nil || *got != uint64(tt.want) {
				t.Fatalf("maxLength = %v, want %d", got, tt.want)
			}
		})
	}
}
