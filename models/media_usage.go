package models

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"github.com/payvand/payvand/internal/richtext"
)

// MediaUse is an article that shows a picture, and where it shows it.
// Articles in the trash count: restoring one must not bring back a hole.
// Revisions do not: a revision restored after its picture was deleted
// shows the body without that picture (richtext.RenderPictures).
type MediaUse struct {
	ArticleID uint
	// Titles are the article's titles by locale, for naming it.
	Titles  map[string]string
	Trashed bool
	// Featured is set when the picture is the article's featured picture.
	Featured bool
	// Social lists the locales whose social card shows it, Body the locales
	// whose body does, each sorted.
	Social, Body []string
}

// MediaInUseError refuses to delete a picture articles show, naming them.
type MediaInUseError struct {
	Uses []MediaUse
}

func (e *MediaInUseError) Error() string {
	return fmt.Sprintf("the picture is shown by %d articles", len(e.Uses))
}

// MediaUses lists the articles that show picture id as their featured
// picture, their social card's picture or in a body, in any locale, in
// the trash too, by article id.
func (s *Store) MediaUses(ctx context.Context, id uint) ([]MediaUse, error) {
	return mediaUses(s.reader(ctx), id)
}

// bodyReference is the LIKE pattern of a stored body naming picture id:
// the sanitiser writes attributes in double quotes, and the closing quote
// keeps picture 12 from matching 123.
func bodyReference(id uint) string {
	return "%" + richtext.MediaIDAttr + `="` + strconv.FormatUint(uint64(id), 10) + `"%`
}

func mediaUses(db *gorm.DB, id uint) ([]MediaUse, error) {
	byID := map[uint]*MediaUse{}
	use := func(articleID uint) *MediaUse {
		if byID[articleID] == nil {
			byID[articleID] = &MediaUse{ArticleID: articleID, Titles: map[string]string{}}
		}
		return byID[articleID]
	}
	var featured []uint
	if err := db.Model(&Article{}).Where("featured_media_id = ?", id).Pluck("id", &featured).Error; err != nil {
		return nil, fmt.Errorf("list articles featuring picture %d: %w", id, err)
	}
	for _, a := range featured {
		use(a).Featured = true
	}
	var social []struct {
		ArticleID uint
		Locale    string
	}
	err := db.Model(&ArticleTranslation{}).Select("article_id, locale").Where("seo_image_id = ?", id).Scan(&social).Error
	if err != nil {
		return nil, fmt.Errorf("list social cards showing picture %d: %w", id, err)
	}
	for _, p := range social {
		u := use(p.ArticleID)
		u.Social = append(u.Social, p.Locale)
	}
	// A body holding the attribute text elsewhere (in a paragraph about
	// this CMS) is no use: PictureIDs reads the pictures themselves.
	if err := bodyUses(db, id, use); err != nil {
		return nil, err
	}
	if len(byID) == 0 {
		return nil, nil
	}
	return describeUses(db, byID)
}

// bodyUses marks the translations whose bodies show picture id.
func bodyUses(db *gorm.DB, id uint, use func(uint) *MediaUse) error {
	var bodies []struct {
		ArticleID uint
		Locale    string
		BodyHTML  string
	}
	err := db.Model(&ArticleTranslation{}).Select("article_id, locale, body_html").
		Where("body_html LIKE ?", bodyReference(id)).Scan(&bodies).Error
	if err != nil {
		return fmt.Errorf("list bodies showing picture %d: %w", id, err)
	}
	for _, b := range bodies {
		if slices.Contains(richtext.PictureIDs(b.BodyHTML), id) {
			u := use(b.ArticleID)
			u.Body = append(u.Body, b.Locale)
		}
	}
	return nil
}

// describeUses adds the articles' titles and trash state and sorts them.
func describeUses(db *gorm.DB, byID map[uint]*MediaUse) ([]MediaUse, error) {
	ids := make([]uint, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	var trashed []uint
	if err := db.Model(&Article{}).Where("id IN ? AND trashed_at IS NOT NULL", ids).Pluck("id", &trashed).Error; err != nil {
		return nil, fmt.Errorf("find trashed articles: %w", err)
	}
	var titles []struct {
		ArticleID     uint
		Locale, Title string
	}
	if err := db.Model(&ArticleTranslation{}).Select("article_id, locale, title").Where("article_id IN ?", ids).Scan(&titles).Error; err != nil {
		return nil, fmt.Errorf("load article titles: %w", err)
	}
	for _, t := range titles {
		if u := byID[t.ArticleID]; u != nil && strings.TrimSpace(t.Title) != "" {
			u.Titles[t.Locale] = t.Title
		}
	}
	out := make([]MediaUse, 0, len(byID))
	for _, u := range byID {
		u.Trashed = slices.Contains(trashed, u.ArticleID)
		slices.Sort(u.Social)
		slices.Sort(u.Body)
		out = append(out, *u)
	}
	slices.SortFunc(out, func(a, b MediaUse) int { return cmp.Compare(a.ArticleID, b.ArticleID) })
	return out, nil
}
