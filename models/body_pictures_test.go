package models

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"

	"github.com/payvand/payvand/internal/locale"
)

// pictureWithMedium records a 2000×1000 JPEG with a medium size and a
// WebP copy of it, as the upload makes them.
func pictureWithMedium(t *testing.T, s *Store) *Media {
	t.Helper()
	hash := strings.Repeat("ab", 32)
	m, err := s.SaveMedia(context.Background(), MediaInput{
		Hash: hash, Path: "ab/" + hash + ".jpg", MimeType: "image/jpeg", Width: 2000, Height: 1000, ByteSize: 9000, OriginalName: "kuh.jpg",
		Variants: []MediaVariant{
			{Name: "medium", Path: "ab/" + hash + "-medium.jpg", Width: 960, Height: 480, ByteSize: 900, MimeType: "image/jpeg"},
			{Name: "medium-webp", Path: "ab/" + hash + "-medium.webp", Width: 960, Height: 480, ByteSize: 700, MimeType: "image/webp"},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// The write path stores a picture the editor inserted by its /media/…
// path as its media id; the public answer carries that picture's files.
func TestSaveStoresBodyPicturesByMediaID(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	pic := pictureWithMedium(t, s)
	sec := mustSection(t, s, "news", nil)
	in := published("fa", "خبر", 1)
	in.BodyHTML = `<p>متن</p><img src="/media/` + pic.Variants[0].Path + `" alt="کوه‌ها"><img src="/media/ff/unknown.jpg" alt="x">`
	a := mustArticle(t, s, sec.ID, in)

	fa, _ := a.Translation("fa")
	want := `<p>متن</p><img data-media-id="1" alt="کوه‌ها"><img src="/media/ff/unknown.jpg" alt="x">`
	if fa.BodyHTML != want {
		t.Fatalf("stored body\n got %s\nwant %s", fa.BodyHTML, want)
	}
	revs, err := s.ListRevisions(ctx, a.ID, "fa")
	must(t, err)
	rev, err := s.FindRevision(ctx, revs[0].ID)
	must(t, err)
	if rev.BodyHTML != want {
		t.Fatalf("revision body = %s, want %s", rev.BodyHTML, want)
	}
	if fa.WordCount != 1 {
		t.Errorf("word count %d: a picture has no words", fa.WordCount)
	}
	// Restoring a revision goes through the same write path: its pictures
	// by id stay as they are.
	restored, err := s.RestoreRevision(ctx, rev.ID, fa.Version, nil)
	must(t, err)
	if again, _ := restored.Translation("fa"); again.BodyHTML != want {
		t.Fatalf("restored body %s, want %s", again.BodyHTML, want)
	}
	p, err := s.FindPublicArticle(ctx, "fa", a.ID)
	must(t, err)
	got, ok := p.BodyPictures[pic.ID]
	if !ok || got.Original.Path != pic.Path || len(got.Variants) != 2 {
		t.Fatalf("body pictures = %+v", p.BodyPictures)
	}
}

// Only the file a body shows for a picture (its medium size, or the
// original of a picture without one) becomes its id: another size the
// editor chose on purpose keeps its path, so a save never swaps it.
func TestSaveKeepsAChosenSizeByPath(t *testing.T) {
	s, _ := newTestStore(t)
	big := pictureWithMedium(t, s)
	hash := strings.Repeat("cd", 32)
	small, err := s.SaveMedia(context.Background(), MediaInput{
		Hash: hash, Path: "cd/" + hash + ".png", MimeType: "image/png", Width: 500, Height: 400, ByteSize: 900, OriginalName: "nishon.png",
	})
	must(t, err)
	sec := mustSection(t, s, "news", nil)
	tests := []struct{ name, src, want string }{
		{"the medium size becomes the id", big.Variants[0].Path, fmt.Sprintf(`<img data-media-id="%d" alt="a">`, big.ID)},
		{"the original of a picture with a medium size stays", big.Path, `<img src="/media/` + big.Path + `" alt="a">`},
		{"a WebP copy stays", big.Variants[1].Path, `<img src="/media/` + big.Variants[1].Path + `" alt="a">`},
		{"the original of a picture without a medium size becomes the id", small.Path, fmt.Sprintf(`<img data-media-id="%d" alt="a">`, small.ID)},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := published("fa", fmt.Sprintf("خبر %d", i), 1)
			in.BodyHTML = `<p>متن</p><img src="/media/` + tt.src + `" alt="a">`
			fa, _ := mustArticle(t, s, sec.ID, in).Translation("fa")
			if fa.BodyHTML != "<p>متن</p>"+tt.want {
				t.Errorf("stored body %s, want %s", fa.BodyHTML, tt.want)
			}
		})
	}
}

// Bodies saved before pictures were stored by id are rewritten by the
// migration, revisions included; pictures elsewhere stay as they are.
func TestBodyPicturesMigrationStoresExistingPicturesByID(t *testing.T) {
	ctx := context.Background()
	const (
		ts     = "'2024-01-01 00:00:00+00:00'"
		before = `<p>آن` + "\u200c" + `ها</p><img src="/media/ab/ab12-medium.jpg" alt="کوه` + "\u200c" + `ها"><img src="https://example.org/x.jpg" alt="x"><img src="/media/ff/gone.jpg">`
		after  = `<p>آن` + "\u200c" + `ها</p><img data-media-id="12" alt="کوه` + "\u200c" + `ها"><img src="https://example.org/x.jpg" alt="x"><img src="/media/ff/gone.jpg">`
		plain  = `<p>بی تصویر</p>`
	)
	path := databaseMigratedTo(t, stepBefore(t, "0019_body_pictures"), func(db *gorm.DB) {
		for _, q := range []string{
			`INSERT INTO sections (id, slug, created_at, updated_at) VALUES (1, 'news', ` + ts + `, ` + ts + `)`,
			`INSERT INTO media (id, hash, path, mime_type, width, height, byte_size, created_at, updated_at) VALUES (12, 'ab12', 'ab/ab12.jpg', 'image/jpeg', 2000, 1000, 1, ` + ts + `, ` + ts + `)`,
			`INSERT INTO media_variants (media_id, name, path, width, height, byte_size, mime_type) VALUES (12, 'medium', 'ab/ab12-medium.jpg', 960, 480, 1, 'image/jpeg')`,
			`INSERT INTO articles (id, section_id, created_at, updated_at) VALUES (7, 1, ` + ts + `, ` + ts + `)`,
		} {
			must(t, db.Exec(q).Error)
		}
		for _, loc := range []string{"fa", "tg"} {
			body := before
			if loc == "tg" {
				body = plain
			}
			must(t, db.Exec(`INSERT INTO article_translations (article_id, locale, status, title, slug, body_html, version, created_at, updated_at)
				VALUES (7, ?, 'draft', 'خبر', ?, ?, 1, `+ts+`, `+ts+`)`, loc, "khabar-"+loc, body).Error)
			must(t, db.Exec(`INSERT INTO article_revisions (article_id, locale, version, status, title, body_html, created_at)
				VALUES (7, ?, 1, 'draft', 'خبر', ?, `+ts+`)`, loc, body).Error)
		}
	})

	s, err := Open(ctx, Options{Path: path, Locales: locale.MustParse("tg,fa")})
	must(t, err)
	defer s.Close()
	a, err := s.FindArticle(ctx, 7)
	must(t, err)
	for loc, want := range map[string]string{"fa": after, "tg": plain} {
		tr, _ := a.Translation(loc)
		if tr.BodyHTML != want {
			t.Errorf("%s body after migrating\n got %s\nwant %s", loc, tr.BodyHTML, want)
		}
		revs, err := s.ListRevisions(ctx, 7, loc)
		must(t, err)
		if len(revs) != 1 {
			t.Fatalf("%s has %d revisions", loc, len(revs))
		}
		rev, err := s.FindRevision(ctx, revs[0].ID)
		must(t, err)
		if rev.BodyHTML != want {
			t.Errorf("%s revision after migrating\n got %s\nwant %s", loc, rev.BodyHTML, want)
		}
	}
}

// stepBefore is the id of the migration just before id, so the test keeps
// starting from the step before its own as other steps are added.
func stepBefore(t *testing.T, id string) string {
	t.Helper()
	i := slices.IndexFunc(migrations, func(m *gormigrate.Migration) bool { return m.ID == id })
	if i < 1 {
		t.Fatalf("no migration before %s", id)
	}
	return migrations[i-1].ID
}

// An answer loads every picture its body names in one query, by primary
// key, however many pictures there are.
func TestBodyPicturesLoadInOneQuery(t *testing.T) {
	s, _ := newTestStore(t)
	ctx := context.Background()
	sec := mustSection(t, s, "news", nil)
	body := "<p>Матн</p>"
	for i := range 5 {
		m := mustMedia(t, s, fmt.Sprintf("pic-%d.jpg", i), nil)
		body += `<img src="/media/` + m.Path + `" alt="">`
	}
	in := published("tg", "Суратҳо", 1)
	in.BodyHTML = body
	a := mustArticle(t, s, sec.ID, in)

	captured := captureQueries(t, s.read)
	p, err := s.FindPublicArticle(ctx, "tg", a.ID)
	must(t, err)
	if len(p.BodyPictures) != 5 {
		t.Fatalf("%d body pictures loaded, want 5", len(p.BodyPictures))
	}
	var loads []string
	for _, q := range captured() {
		if strings.Contains(q, "media_variants") {
			loads = append(loads, q)
		}
	}
	if len(loads) != 1 {
		t.Fatalf("%d queries load body pictures, want 1:\n%s", len(loads), strings.Join(loads, "\n"))
	}
	steps := explain(t, s, loads[0])
	if len(steps) == 0 {
		t.Fatalf("no plan for %s", loads[0])
	}
	for _, step := range steps {
		if strings.HasPrefix(step, "SCAN") || strings.Contains(step, "TEMP B-TREE") {
			t.Errorf("body pictures plan step %q", step)
		}
	}
}

// A photo story — pictures with no text — is a body a translation may be
// published with; the body is stored by media id like any other.
func TestPublishPicturesWithoutText(t *testing.T) {
	s, _ := newTestStore(t)
	pic := pictureWithMedium(t, s)
	sec := mustSection(t, s, "photo", nil)
	in := published("fa", "گزارش تصویری", 1)
	in.BodyHTML = `<figure data-align="center"><img src="/media/` + pic.Variants[0].Path + `" alt=""></figure>`
	a := mustArticle(t, s, sec.ID, in)
	fa, _ := a.Translation("fa")
	if fa.Status != StatusPublished || !strings.Contains(fa.BodyHTML, `data-media-id="1"`) {
		t.Fatalf("photo story saved as %s %q", fa.Status, fa.BodyHTML)
	}
}
