// Package demo fills a new site with demo content — sections, tags,
// bilingual articles, pictures and related links — through the same write path the
// admin uses, so the demo is also a check that the write path works.
package demo

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/models"
)

// pictureCount is how many demo pictures are generated.
const pictureCount = 10

// Seeder writes the demo site.
type Seeder struct {
	Store     *models.Store
	Media     media.Store
	Processor *media.Processor
	// AuthorID is the account the demo articles are written by.
	AuthorID *uint
}

// Seed writes the demo content. Texts in locales the site is not configured
// for are left out.
func (s Seeder) Seed(ctx context.Context) error {
	sections, err := s.seedSections(ctx)
	if err != nil {
		return err
	}
	pictures, err := s.seedPictures(ctx)
	if err != nil {
		return err
	}
	tags, err := s.seedTags(ctx)
	if err != nil {
		return err
	}
	now := s.Store.Now()
	saved := map[string]*models.Article{}
	for _, a := range demoArticles {
		in := s.articleInput(a, sections[a.Section], pictures, now)
		if i, ok := demoBodyPictures[a.Key]; ok {
			withBodyPicture(in.Translations, pictures[i])
		}
		in.Shared.Tags = articleTags(a.Key, tags)
		in.Pin = articlePin(a.Key, now)
		if len(in.Translations) == 0 {
			continue
		}
		article, err := s.Store.SaveArticle(ctx, in)
		if err != nil {
			return fmt.Errorf("demo article %s: %w", a.Key, err)
		}
		saved[a.Key] = article
	}
	if err := s.seedRelated(ctx, saved); err != nil {
		return err
	}
	return s.seedUpdates(ctx, saved)
}

// seedUpdates makes the later edits, each a real edit through the write
// path, which marks the article's other translations outdated.
func (s Seeder) seedUpdates(ctx context.Context, saved map[string]*models.Article) error {
	for _, u := range demoUpdates {
		article, ok := saved[u.Key]
		if !ok {
			continue
		}
		current, err := s.Store.FindArticle(ctx, article.ID)
		if err != nil {
			return fmt.Errorf("demo update of %s: %w", u.Key, err)
		}
		t, ok := current.Translation(u.Locale)
		if !ok {
			continue
		}
		in := models.TranslationInput{
			Locale: t.Locale, Version: t.Version, Status: t.Status, PublishedAt: t.PublishedAt,
			Title: t.Title, Slug: t.Slug, Summary: t.Summary, BodyHTML: t.BodyHTML + u.AppendBody, Byline: t.Byline,
		}
		if _, err := s.Store.SaveArticle(ctx, models.ArticleInput{ID: article.ID, EditorID: s.AuthorID, Translations: []models.TranslationInput{in}}); err != nil {
			return fmt.Errorf("demo update of %s: %w", u.Key, err)
		}
	}
	return nil
}

func (s Seeder) seedSections(ctx context.Context) (map[string]uint, error) {
	ids := map[string]uint{}
	def := s.Store.Locales().Default().Code
	for i, sec := range demoSections {
		names := map[string]string{}
		for loc, name := range sec.Names {
			if s.Store.Locales().Has(loc) {
				names[loc] = name
			}
		}
		if names[def] == "" {
			names[def] = strings.ToUpper(sec.Slug[:1]) + sec.Slug[1:]
		}
		in := models.SectionInput{Slug: sec.Slug, Position: (i + 1) * 10, Names: names}
		if sec.Parent != "" {
			parent := ids[sec.Parent]
			in.ParentID = &parent
		}
		saved, err := s.Store.SaveSection(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("demo section %s: %w", sec.Slug, err)
		}
		ids[sec.Slug] = saved.ID
	}
	return ids, nil
}

// seedPictures generates the demo pictures and runs them through the same
// pipeline as uploads, so they get thumbnails, medium sizes and WebP
// copies too.
func (s Seeder) seedPictures(ctx context.Context) ([]*models.Media, error) {
	results, err := s.processPictures(ctx)
	if err != nil {
		return nil, err
	}
	pictures := make([]*models.Media, pictureCount)
	for i, res := range results {
		if err := res.Save(ctx, s.Media); err != nil {
			return nil, fmt.Errorf("store demo picture %d: %w", i, err)
		}
		texts := map[string]models.MediaText{}
		for loc, t := range pictureTexts {
			if s.Store.Locales().Has(loc) {
				texts[loc] = t
			}
		}
		m, err := s.Store.SaveMedia(ctx, models.NewMediaInput(res, texts, s.AuthorID))
		if err != nil {
			return nil, fmt.Errorf("record demo picture %d: %w", i, err)
		}
		pictures[i] = m
	}
	return pictures, nil
}

// withBodyPicture puts pic into each translation's body after its first
// paragraph, as the editor's picker inserts it (by its medium size's
// /media/… path, which the write path stores as the media id), with its
// alt text and caption in the translation's locale.
func withBodyPicture(translations []models.TranslationInput, pic *models.Media) {
	src := media.PublicPath(pic.Variant(media.VariantMedium).Path)
	for i, t := range translations {
		text := pic.Text(t.Locale)
		figure := `<figure><img src="` + html.EscapeString(src) + `" alt="` + html.EscapeString(text.Alt) + `"><figcaption>` +
			html.EscapeString(text.Caption) + `</figcaption></figure>`
		if end := strings.Index(t.BodyHTML, "</p>"); end >= 0 {
			translations[i].BodyHTML = t.BodyHTML[:end+len("</p>")] + figure + t.BodyHTML[end+len("</p>"):]
		} else {
			translations[i].BodyHTML = figure + t.BodyHTML
		}
	}
}

// processPictures paints and processes the demo pictures, as many at once
// as the machine has CPUs: they are most of a first start's work, and the
// site does not answer until they are done. Saving stays in order, so the
// pictures' ids do not depend on which finished first.
func (s Seeder) processPictures(ctx context.Context) ([]*media.Result, error) {
	results := make([]*media.Result, pictureCount)
	errs := make([]error, pictureCount)
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i := range pictureCount {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			results[i], errs[i] = s.Processor.Process(ctx, bytes.NewReader(media.DemoJPEG(i)), fmt.Sprintf("demo-%02d.jpg", i+1))
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("demo picture %d: %w", i, err)
		}
	}
	return results, nil
}

// pictureTexts are the alt text and caption of every demo picture: they are
// abstract landscapes, and the alt text says so.
var pictureTexts = map[string]models.MediaText{
	"tg": {Alt: "Манзараи рангини кӯҳӣ дар нури субҳ", Caption: "Акс: Паёмнигор"},
	"fa": {Alt: "چشم\u200cانداز رنگین کوهستان در روشنای صبح", Caption: "عکس: پیام\u200cنگار"},
}

func (s Seeder) articleInput(a articleSeed, sectionID uint, pictures []*models.Media, now time.Time) models.ArticleInput {
	shared := &models.SharedInput{SectionID: sectionID, AuthorID: s.AuthorID}
	if a.Image >= 0 && a.Image < len(pictures) {
		shared.FeaturedMediaID = &pictures[a.Image].ID
	}
	in := models.ArticleInput{Shared: shared, EditorID: s.AuthorID}
	for _, code := range s.Store.Locales().Codes() {
		text, ok := a.Texts[code]
		if !ok {
			continue
		}
		at := now.Add(-time.Duration(a.HoursAgo) * time.Hour)
		if text.ScheduledIn > 0 {
			at = now.Add(time.Duration(text.ScheduledIn) * time.Hour)
		}
		status := models.StatusPublished
		if text.Draft {
			status = models.StatusDraft
		}
		in.Translations = append(in.Translations, models.TranslationInput{
			Locale: code, Status: status, PublishedAt: &at,
			Title: text.Title, Summary: text.Summary, BodyHTML: text.Body, Byline: text.Byline,
		})
	}
	return in
}

// seedRelated links the related articles. Each article's list is saved as
// the editor would see it: the links it makes and the links made to it.
func (s Seeder) seedRelated(ctx context.Context, saved map[string]*models.Article) error {
	for _, a := range demoArticles {
		article, ok := saved[a.Key]
		if !ok {
			continue
		}
		var related []uint
		for _, other := range demoArticles {
			linked := slices.Contains(a.Related, other.Key) || slices.Contains(other.Related, a.Key)
			if target, ok := saved[other.Key]; ok && linked && other.Key != a.Key {
				related = append(related, target.ID)
			}
		}
		if len(related) == 0 {
			continue
		}
		in := models.ArticleInput{ID: article.ID, EditorID: s.AuthorID, Shared: &models.SharedInput{
			Version: article.Version, SectionID: article.SectionID, FeaturedMediaID: article.FeaturedMediaID,
			AuthorID: article.AuthorID, Related: related,
		}}
		if _, err := s.Store.SaveArticle(ctx, in); err != nil {
			return fmt.Errorf("demo related links of %s: %w", a.Key, err)
		}
	}
	return nil
}
