package api

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"testing"

	"github.com/payvand/payvand/models"
)

// tagFixture tags the fixture articles: musiqi (tg and fa names) on both
// and tieA, then energy (a Tajik name only) on both, after musiqi. energy
// was first saved as "quvva", so that slug is an old one.
func (env *testEnv) tagFixture() (music, energy *models.Tag) {
	t, s, ctx := env.t, env.store, context.Background()
	t.Helper()
	music, err := s.SaveTag(ctx, models.TagInput{Names: map[string]string{"tg": "Мусиқӣ", "fa": "موسیقی"}})
	if err != nil {
		t.Fatal(err)
	}
	first, err := s.SaveTag(ctx, models.TagInput{Slug: "quvva", Names: map[string]string{"tg": "Қувва"}})
	if err != nil {
		t.Fatal(err)
	}
	energy, err = s.SaveTag(ctx, models.TagInput{ID: first.ID, Version: first.Version, Slug: "energy", Names: map[string]string{"tg": "Энергетика"}})
	if err != nil {
		t.Fatal(err)
	}
	env.setTags("both", music.ID, energy.ID)
	env.setTags("tieA", music.ID)
	return music, energy
}

func (env *testEnv) setTags(key string, tags ...uint) {
	a, err := env.store.FindArticle(context.Background(), env.ids[key])
	if err != nil {
		env.t.Fatal(err)
	}
	shared := models.SharedInput{Version: a.Version, SectionID: a.SectionID, FeaturedMediaID: a.FeaturedMediaID, Archived: a.Archived, Tags: tags}
	if _, err := env.store.SaveArticle(context.Background(), models.ArticleInput{ID: a.ID, Shared: &shared}); err != nil {
		env.t.Fatal(err)
	}
}

type tagRefJSON struct {
	ID   uint    `json:"id"`
	Slug string  `json:"slug"`
	Name string  `json:"name"`
	URL  *string `json:"url"`
}

type tagJSON struct {
	tagRefJSON
	Dir          string `json:"dir"`
	ArticleCount int64  `json:"article_count"`
}

func TestArticlesShowTheirTagsNamedInTheLocale(t *testing.T) {
	env := newTestEnv(t)
	music, energy := env.tagFixture()
	var tg, fa struct {
		Data struct {
			Tags []tagRefJSON `json:"tags"`
		} `json:"data"`
	}
	env.getJSON("/api/v1/tg/articles/"+itoa(env.ids["both"]), http.StatusOK, &tg)
	want := []tagRefJSON{{ID: music.ID, Slug: "musiqi", Name: "Мусиқӣ"}, {ID: energy.ID, Slug: "energy", Name: "Энергетика"}}
	if !slices.Equal(tg.Data.Tags, want) {
		t.Fatalf("tg tags = %+v, want %+v", tg.Data.Tags, want)
	}
	// energy has no Persian name, so the Persian answer leaves it out.
	env.getJSON("/api/v1/fa/articles/"+itoa(env.ids["both"]), http.StatusOK, &fa)
	if want := []tagRefJSON{{ID: music.ID, Slug: "musiqi", Name: "موسیقی"}}; !slices.Equal(fa.Data.Tags, want) {
		t.Fatalf("fa tags = %+v, want %+v", fa.Data.Tags, want)
	}
	var list struct {
		Data []struct {
			ID   uint         `json:"id"`
			Tags []tagRefJSON `json:"tags"`
		} `json:"data"`
	}
	env.getJSON("/api/v1/tg/articles", http.StatusOK, &list)
	for _, item := range list.Data {
		if item.Tags == nil {
			t.Fatalf("summary %d has tags null, want a list", item.ID)
		}
	}
	var found struct {
		Data []struct {
			Tags []tagRefJSON `json:"tags"`
		} `json:"data"`
	}
	env.getJSON("/api/v1/tg/search?q=%D2%B3%D0%B0%D0%BC%D0%BA%D0%BE%D1%80%D0%B8%D0%B8", http.StatusOK, &found)
	if len(found.Data) != 1 || len(found.Data[0].Tags) != 2 {
		t.Fatalf("search items' tags = %+v", found.Data)
	}
}

func TestTagFilterAndTagEndpoints(t *testing.T) {
	env := newTestEnv(t)
	music, _ := env.tagFixture()
	tests := []struct {
		name   string
		target string
		want   []string
	}{
		{"tag", "/api/v1/tg/articles?tag=musiqi", []string{"tieA", "both"}},
		{"tag and section", "/api/v1/tg/articles?tag=musiqi&section=culture", []string{"tieA"}},
		{"tag and exclude", "/api/v1/tg/articles?tag=musiqi&exclude=" + itoa(env.ids["tieA"]), []string{"both"}},
		{"tag most read", "/api/v1/tg/articles?tag=energy&sort=most_read", []string{"both"}},
		{"tag in fa", "/api/v1/fa/articles?tag=musiqi", []string{"tieA", "both"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var page struct {
				Data []struct {
					ID uint `json:"id"`
				} `json:"data"`
				Total int64 `json:"total"`
			}
			env.with(t).getJSON(tt.target, http.StatusOK, &page)
			var got []uint
			for _, d := range page.Data {
				got = append(got, d.ID)
			}
			var want []uint
			for _, k := range tt.want {
				want = append(want, env.ids[k])
			}
			if !slices.Equal(got, want) || page.Total != int64(len(want)) {
				t.Fatalf("ids %v total %d, want %v", got, page.Total, want)
			}
		})
	}

	var tags struct {
		Data []tagJSON `json:"data"`
	}
	env.getJSON("/api/v1/tg/tags", http.StatusOK, &tags)
	if len(tags.Data) != 2 || tags.Data[0].Slug != "musiqi" || tags.Data[0].ArticleCount != 2 || tags.Data[1].ArticleCount != 1 || tags.Data[0].URL != nil {
		t.Fatalf("tg tags = %+v", tags.Data)
	}
	env.getJSON("/api/v1/fa/tags", http.StatusOK, &tags)
	if len(tags.Data) != 1 || tags.Data[0].Name != "موسیقی" || tags.Data[0].Dir != "rtl" {
		t.Fatalf("fa tags = %+v", tags.Data)
	}
	var one struct {
		Data tagJSON `json:"data"`
	}
	env.getJSON("/api/v1/tg/tags/musiqi", http.StatusOK, &one)
	if one.Data.ID != music.ID || one.Data.ArticleCount != 2 {
		t.Fatalf("tag = %+v", one.Data)
	}
	env.getJSON("/api/v1/fa/tags/energy", http.StatusNotFound, nil)
	env.getJSON("/api/v1/tg/tags/nope", http.StatusNotFound, nil)
	env.getJSON("/api/v1/tg/articles?tag=nope", http.StatusNotFound, nil)
}

func TestOldTagAndSectionSlugsRedirect(t *testing.T) {
	env := newTestEnv(t)
	_, energy := env.tagFixture()
	ctx := context.Background()
	sec, err := env.store.FindSectionBySlug(ctx, "heritage")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.store.SaveSection(ctx, models.SectionInput{ID: sec.ID, Version: sec.Version, Slug: "meros", ParentID: sec.ParentID, Names: map[string]string{"tg": "Мерос"}}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, target, location, slug string
		id                           uint
	}{
		{"tag page", "/api/v1/tg/tags/quvva", "/api/v1/tg/tags/energy", "energy", energy.ID},
		{"tag filter", "/api/v1/tg/articles?limit=5&tag=quvva", "/api/v1/tg/articles?limit=5&tag=energy", "energy", energy.ID},
		{"section filter", "/api/v1/fa/articles?section=heritage&sort=most_read", "/api/v1/fa/articles?section=meros&sort=most_read", "meros", sec.ID},
		{"search section", "/api/v1/tg/search?q=%D0%BC%D0%B5%D1%80%D0%BE%D1%81&section=heritage", "/api/v1/tg/search?q=%D0%BC%D0%B5%D1%80%D0%BE%D1%81&section=meros", "meros", sec.ID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body redirectBody
			rec := env.with(t).getJSON(tt.target, http.StatusMovedPermanently, &body)
			if got := rec.Header().Get("Location"); got != tt.location {
				t.Errorf("Location = %q, want %q", got, tt.location)
			}
			if body.Redirect.ID != tt.id || body.Redirect.Slug != tt.slug {
				t.Errorf("redirect = %+v, want %d %q", body.Redirect, tt.id, tt.slug)
			}
			env.with(t).getJSON(tt.location, http.StatusOK, nil)
		})
	}
}

func itoa(id uint) string { return strconv.FormatUint(uint64(id), 10) }
