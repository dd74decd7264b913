package demo

import (
	"context"
	"fmt"

	"github.com/payvand/payvand/models"
)

// tagSeed describes one demo tag.
type tagSeed struct {
	Slug  string
	Names map[string]string // locale → name
}

// demoTags are the demo site's tags, each named in Tajik and Persian.
var demoTags = []tagSeed{
	{Slug: "meros", Names: map[string]string{"tg": "Мерос", "fa": "میراث"}},
	{Slug: "kitob", Names: map[string]string{"tg": "Китоб", "fa": "کتاب"}},
	{Slug: "javonon", Names: map[string]string{"tg": "Ҷавонон", "fa": "جوانان"}},
	{Slug: "musiqi", Names: map[string]string{"tg": "Мусиқӣ", "fa": "موسیقی"}},
	{Slug: "sayohat", Names: map[string]string{"tg": "Сайёҳат", "fa": "سفر"}},
	{Slug: "navruz", Names: map[string]string{"tg": "Наврӯз", "fa": "نوروز"}},
	{Slug: "film", Names: map[string]string{"tg": "Филм", "fa": "فیلم"}},
	{Slug: "hunarmandi", Names: map[string]string{"tg": "Ҳунарҳои мардумӣ", "fa": "صنایع\u200cدستی"}},
}

// demoArticleTags are the tags of each demo article (by key), in order.
var demoArticleTags = map[string][]string{
	"travel-advisory":      {"sayohat"},
	"book-fair":            {"kitob"},
	"music-festival":       {"musiqi", "javonon"},
	"museum-hall":          {"meros"},
	"caravanserai":         {"meros", "sayohat"},
	"science-olympiad":     {"javonon"},
	"mountain-season":      {"sayohat"},
	"nowruz":               {"navruz", "musiqi"},
	"translation-prize":    {"kitob"},
	"library-digitisation": {"kitob", "meros"},
	"film-week":            {"film"},
	"craft-exhibition":     {"hunarmandi", "meros"},
	"scholarship":          {"javonon"},
	"heritage-conference":  {"meros"},
	"minister-youth":       {"javonon"},
	"poetry-evening":       {"kitob"},
	"calligraphy-workshop": {"hunarmandi", "meros"},
}

// seedTags saves the demo tags with their names in the configured
// locales, and returns their ids by slug. A tag named in none of them is
// left out.
func (s Seeder) seedTags(ctx context.Context) (map[string]uint, error) {
	ids := map[string]uint{}
	for _, tag := range demoTags {
		names := map[string]string{}
		for loc, name := range tag.Names {
			if s.Store.Locales().Has(loc) {
				names[loc] = name
			}
		}
		if len(names) == 0 {
			continue
		}
		saved, err := s.Store.SaveTag(ctx, models.TagInput{Slug: tag.Slug, Names: names})
		if err != nil {
			return nil, fmt.Errorf("demo tag %s: %w", tag.Slug, err)
		}
		ids[tag.Slug] = saved.ID
	}
	return ids, nil
}

// articleTags returns the ids of a demo article's tags.
func articleTags(key string, tags map[string]uint) []uint {
	out := []uint{}
	for _, slug := range demoArticleTags[key] {
		if id, ok := tags[slug]; ok {
			out = append(out, id)
		}
	}
	return out
}
