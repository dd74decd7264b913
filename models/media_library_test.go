package models

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/payvand/payvand/internal/media"
)

// cropRows are the crop rows of picture m around f, as Recrop names them.
func cropRows(m *Media, f media.FocalPoint) []MediaVariant {
	base := m.Path[:strings.LastIndex(m.Path, ".")]
	var out []MediaVariant
	for _, c := range []struct {
		name string
		w, h int
	}{{"square", 480, 480}, {"wide", 960, 540}} {
		p := fmt.Sprintf("%s-%s-f%dx%d", base, c.name, f.X, f.Y)
		out = append(out, MediaVariant{Name: c.name, Path: p + ".jpg", Width: c.w, Height: c.h, ByteSize: 10, MimeType: "image/jpeg"},
			MediaVariant{Name: c.name + ".webp", Path: p + ".webp", Width: c.w, Height: c.h, ByteSize: 5, MimeType: "image/webp"})
	}
	return out
}

func TestSetMediaFocalPointStoresItAndSwapsTheCrops(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	m := mustMedia(t, s, "rogun.jpg", nil)
	if m.FocalPoint() != media.Center {
		t.Fatalf("a new picture's focal point is %+v, want the centre", m.FocalPoint())
	}
	first := cropRows(m, media.Center)
	if _, err := s.SetMediaFocalPoint(ctx, m.ID, m.Hash, media.Center, first); err != nil {
		t.Fatal(err)
	}
	point := media.FocalPoint{X: 2500, Y: 10000}
	stale, err := s.SetMediaFocalPoint(ctx, m.ID, m.Hash, point, cropRows(m, point))
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.FindMedia(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.FocalPoint() != point {
		t.Errorf("focal point = %+v, want %+v", got.FocalPoint(), point)
	}
	crops := got.Crops()
	if len(crops) != 4 || !strings.Contains(crops[0].Path, "-square-f2500x10000") || crops[2].Size != "wide" {
		t.Errorf("crops = %+v", crops)
	}
	if len(got.Files()) != 2 {
		t.Errorf("Files lists %d files, want the original and the thumbnail only: crops stay apart", len(got.Files()))
	}
	var want []string
	for _, v := range first {
		want = append(want, v.Path)
	}
	slices.Sort(stale)
	slices.Sort(want)
	if !slices.Equal(stale, want) {
		t.Errorf("stale = %v, want the old crops %v", stale, want)
	}
	for _, bad := range []media.FocalPoint{{X: -1, Y: 0}, {X: 0, Y: 10001}} {
		_, err := s.SetMediaFocalPoint(ctx, m.ID, m.Hash, bad, nil)
		var invalid *ValidationError
		if !errors.As(err, &invalid) || invalid.Fields["focal_point"].ID != "validation.focal_point" {
			t.Errorf("SetMediaFocalPoint(%+v) = %v, want a refusal of focal_point", bad, err)
		}
	}
	if again, _ := s.FindMedia(ctx, m.ID); again.FocalPoint() != point {
		t.Errorf("a refused point changed the picture: %+v", again.FocalPoint())
	}
	if _, err := s.SetMediaFocalPoint(ctx, 9999, "", point, nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown picture: %v, want ErrNotFound", err)
	}
	// Crops cut from a file the picture no longer has (replaced while
	// they were made) are refused, and the point stays.
	other := media.FocalPoint{X: 7000, Y: 7000}
	if _, err := s.SetMediaFocalPoint(ctx, m.ID, "an-older-file", other, cropRows(m, other)); !errors.Is(err, ErrConflict) {
		t.Errorf("crops of a replaced file: %v, want ErrConflict", err)
	}
	if again, _ := s.FindMedia(ctx, m.ID); again.FocalPoint() != point {
		t.Errorf("crops of a replaced file changed the point: %+v", again.FocalPoint())
	}
}

func TestDeleteMediaIsRefusedWithTheArticlesThatShowIt(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	pic := mustMedia(t, s, "rogun.jpg", nil)
	other := mustMedia(t, s, "pamir.jpg", nil)
	featured, err := s.SaveArticle(ctx, ArticleInput{Shared: &SharedInput{SectionID: sec.ID, FeaturedMediaID: &pic.ID},
		Translations: []TranslationInput{published("tg", "Роғун", 1)}})
	if err != nil {
		t.Fatal(err)
	}
	body := published("fa", "راغون", 2)
	body.BodyHTML = `<p>متن</p><p><img src="` + media.PublicPath(pic.Variant(media.VariantMedium).Path) + `" alt="سد"></p>`
	inBody := mustArticle(t, s, sec.ID, published("tg", "Дигар", 2), body)
	if err := s.TrashArticle(ctx, inBody.ID); err != nil {
		t.Fatal(err)
	}
	// The text of the attribute in a paragraph is not a picture.
	mention := published("tg", "Дар бораи CMS", 3)
	mention.BodyHTML = fmt.Sprintf(`<p>data-media-id="%d"</p>`, pic.ID)
	mustArticle(t, s, sec.ID, mention)

	_, err = s.DeleteMedia(ctx, pic.ID)
	var inUse *MediaInUseError
	if !errors.As(err, &inUse) {
		t.Fatalf("DeleteMedia of a featured picture = %v, want MediaInUseError", err)
	}
	if len(inUse.Uses) != 2 {
		t.Fatalf("uses = %+v, want the featuring and the (trashed) body article", inUse.Uses)
	}
	a, b := inUse.Uses[0], inUse.Uses[1]
	if a.ArticleID != featured.ID || !a.Featured || a.Trashed || a.Titles["tg"] != "Роғун" || len(a.Body) != 0 {
		t.Errorf("first use = %+v", a)
	}
	if b.ArticleID != inBody.ID || b.Featured || !b.Trashed || !slices.Equal(b.Body, []string{"fa"}) || b.Titles["fa"] != "راغون" {
		t.Errorf("second use = %+v", b)
	}
	if _, err := s.FindMedia(ctx, pic.ID); err != nil {
		t.Errorf("a refused delete removed the picture: %v", err)
	}

	paths, err := s.DeleteMedia(ctx, other.ID)
	if err != nil {
		t.Fatalf("DeleteMedia of an unused picture: %v", err)
	}
	if len(paths) != 2 || paths[0] != other.Path {
		t.Errorf("paths = %v, want the original and the thumbnail", paths)
	}
	if _, err := s.FindMedia(ctx, other.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("FindMedia after delete = %v", err)
	}
	if used, _ := s.MediaPathsInUse(ctx, paths); len(used) != 0 {
		t.Errorf("rows still name %v", used)
	}
	if _, err := s.DeleteMedia(ctx, other.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("second delete = %v, want ErrNotFound", err)
	}
}

func TestReplaceMediaFileKeepsTheIDAndChangesTheServedFile(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	pic := mustMedia(t, s, "old.jpg", map[string]MediaText{"tg": {Alt: "Сарбанд"}})
	body := published("tg", "Роғун", 1)
	body.BodyHTML = `<p>Сарбанд</p><p><img src="` + media.PublicPath(pic.Path) + `" alt="Сарбанд"></p>`
	art := mustArticle(t, s, sec.ID, body)
	before, _ := s.EventsAfter(ctx, 0, 1000)

	fresh := mustMediaInput("new-file.png")
	stale, err := s.ReplaceMediaFile(ctx, pic.ID, fresh)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.FindMedia(ctx, pic.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Path != fresh.Path || got.Hash != fresh.Hash || got.MimeType != "image/png" || got.OriginalName != "new-file.png" ||
		got.Text("tg").Alt != "Сарбанд" || got.Variant("thumbnail").Path != fresh.Variants[0].Path {
		t.Errorf("after replace: %+v", got)
	}
	slices.Sort(stale)
	want := []string{pic.Path, pic.Variants[0].Path}
	if slices.Sort(want); !slices.Equal(stale, want) {
		t.Errorf("stale = %v, want %v", stale, want)
	}
	tr, err := s.FindArticle(ctx, art.ID)
	if err != nil {
		t.Fatal(err)
	}
	pics, err := s.BodyPictures(ctx, tr.Translations[0].BodyHTML)
	if err != nil || pics[pic.ID].Original.Path != fresh.Path {
		t.Errorf("the body's picture is %+v (%v), want the new file", pics[pic.ID], err)
	}
	after, _ := s.EventsAfter(ctx, 0, 1000)
	if !slices.ContainsFunc(after[len(before):], func(e Event) bool {
		return e.Type == EventArticleUpdated && e.ArticleID != nil && *e.ArticleID == art.ID
	}) {
		t.Errorf("no article.updated for the article whose body shows the picture: %+v", after[len(before):])
	}

	taken := mustMedia(t, s, "taken.jpg", nil)
	dup := MediaInput{Hash: taken.Hash, Path: taken.Path, MimeType: "image/jpeg", Width: 1, Height: 1}
	var dupErr *MediaDuplicateError
	if _, err := s.ReplaceMediaFile(ctx, pic.ID, dup); !errors.As(err, &dupErr) || dupErr.ID != taken.ID {
		t.Errorf("replace with another picture's file = %v, want MediaDuplicateError(%d)", err, taken.ID)
	}
	if _, err := s.ReplaceMediaFile(ctx, 9999, mustMediaInput("x.png")); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown picture: %v", err)
	}
}

// mustMediaInput describes a processed PNG named name with a thumbnail.
func mustMediaInput(name string) MediaInput {
	hash := fmt.Sprintf("%064x", len(name)+1000) + name
	return MediaInput{Hash: hash, Path: hash[:2] + "/" + hash + ".png", MimeType: "image/png", Width: 800, Height: 600,
		ByteSize: 2000, OriginalName: name,
		Variants: []MediaVariant{{Name: "thumbnail", Path: hash[:2] + "/" + hash + "-thumb.jpg", Width: 320, Height: 240, ByteSize: 90, MimeType: "image/jpeg"}}}
}
