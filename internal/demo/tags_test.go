package demo

import (
	"context"
	"testing"

	"github.com/payvand/payvand/internal/textnorm"
)

func TestTagsAreConsistent(t *testing.T) {
	slugs := map[string]bool{}
	for _, tag := range demoTags {
		if !textnorm.IsValidSlug(tag.Slug, textnorm.SlugLatin) || slugs[tag.Slug] {
			t.Errorf("tag slug %q is invalid or repeated", tag.Slug)
		}
		slugs[tag.Slug] = true
		for _, loc := range []string{"tg", "fa"} {
			if tag.Names[loc] == "" {
				t.Errorf("tag %q has no %s name", tag.Slug, loc)
			}
		}
	}
	keys := map[string]bool{}
	for _, a := range demoArticles {
		keys[a.Key] = true
	}
	for key, tags := range demoArticleTags {
		if !keys[key] {
			t.Errorf("tags given to unknown article %q", key)
		}
		for _, slug := range tags {
			if !slugs[slug] {
				t.Errorf("article %q has unknown tag %q", key, slug)
			}
		}
	}
}

// TestSeedTagsArticles seeds a real store and reads the tags back as the
// public API lists them: in each locale, every tag of an article public
// there.
func TestSeedTagsArticles(t *testing.T) {
	ctx := context.Background()
	store := seededStore(t)
	for _, loc := range []string{"tg", "fa"} {
		used, err := store.ListTagsInUse(ctx, loc)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]bool{}
		for _, a := range demoArticles {
			if text, ok := a.Texts[loc]; ok && isPublic(text) {
				for _, slug := range demoArticleTags[a.Key] {
					want[slug] = true
				}
			}
		}
		if len(used) != len(want) {
			t.Errorf("%s: %d tags in use, want %d", loc, len(used), len(want))
		}
	}
}
