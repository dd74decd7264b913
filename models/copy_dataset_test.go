package models

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/viewcount"
)

// Text the copy must keep byte for byte: a ZWNJ inside a Persian word,
// right-to-left and embedding marks, Tajik letters.
const (
	copyPersian = "می\u200cخواهم کتاب\u200cخانهٔ ملی"
	copyBidi    = "\u200fنشر\u202b (۱۴۰۳)\u202c\u200e"
	copyTajik   = "Ғалабаи қаҳрамонон дар Ҳисор ва Хуҷанд ӯ ӣ"
)

// openCopyStore opens a store on url with the test clock.
func openCopyStore(t *testing.T, url string) *Store {
	t.Helper()
	s, err := Open(context.Background(), Options{Database: url, Locales: locale.MustParse("tg,fa,ru"), Now: (&clock{t: testNow}).now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// loadCopyDataset fills s through the write path with a little of
// everything a site holds: users, nested sections (one parent created
// after its child), pictures with variants and captions, tags, articles in
// two locales with revisions, SEO fields, relations and a pin, a draft and
// a trashed article, views, a lock, sessions, secrets, sign-in counters, a
// webhook with deliveries, and the events all of that recorded. extra
// articles are added for the tests that need more rows.
func loadCopyDataset(t *testing.T, s *Store, extra int) {
	t.Helper()
	ctx := context.Background()
	admin, err := s.CreateUser(ctx, UserInput{Email: "admin@example.tj", DisplayName: "Мудир " + copyTajik, Role: RoleAdmin, Password: "a long enough password 1"})
	must(t, err)
	editor, err := s.CreateUser(ctx, UserInput{Email: "editor@example.tj", DisplayName: copyPersian, Role: RoleEditor, Password: "a long enough password 2"})
	must(t, err)
	must(t, s.RecordLogin(ctx, editor.ID))

	child := mustSection(t, s, "world", nil)
	parent := mustSection(t, s, "news", nil)
	_, err = s.SaveSection(ctx, SectionInput{ID: child.ID, Version: child.Version, Slug: "world", ParentID: &parent.ID, Names: map[string]string{"tg": "Ҷаҳон", "fa": "جهان"}})
	must(t, err)

	var pics []uint
	for i, name := range []string{"nowruz.jpg", "کتاب\u200cخانه.png"} {
		hash := fmt.Sprintf("%064x", i+1)
		m, err := s.SaveMedia(ctx, MediaInput{
			Hash: hash, Path: hash[:2] + "/" + hash + ".jpg", MimeType: "image/jpeg", Width: 1200, Height: 800, ByteSize: 5000, OriginalName: name, UploadedByID: &admin.ID,
			Variants: []MediaVariant{{Name: "thumbnail", Path: hash[:2] + "/" + hash + "-thumb.jpg", Width: 320, Height: 213, ByteSize: 100, MimeType: "image/jpeg"}},
			Texts:    map[string]MediaText{"fa": {Alt: copyPersian, Caption: copyBidi}, "tg": {Alt: copyTajik}},
		})
		must(t, err)
		pics = append(pics, m.ID)
	}
	var tags []uint
	for _, slug := range []string{"culture", "sport"} {
		tag, err := s.SaveTag(ctx, TagInput{Slug: slug, Names: map[string]string{"tg": copyTajik + " " + slug, "fa": copyPersian + " " + slug}})
		must(t, err)
		tags = append(tags, tag.ID)
	}

	first := mustArticle(t, s, parent.ID, published("tg", "Рӯзи аввал "+copyTajik, 30), published("fa", "روز نخست "+copyPersian, 30))
	until := testNow.Add(7 * 24 * time.Hour)
	fa := published("fa", "کتاب\u200cخانه "+copyBidi, 20)
	fa.Summary, fa.Byline = copyPersian, copyBidi
	fa.BodyHTML = "<p>" + copyPersian + "</p><p>" + copyBidi + "</p>"
	fa.SEO = TranslationSEO{Title: "سئو " + copyPersian, Description: copyBidi, ImageID: &pics[1], CanonicalURL: "https://example.tj/fa/1", Noindex: true}
	second, err := s.SaveArticle(ctx, ArticleInput{
		Shared:       &SharedInput{SectionID: child.ID, FeaturedMediaID: &pics[0], AuthorID: &editor.ID, Related: []uint{first.ID}, Tags: tags},
		Translations: []TranslationInput{published("tg", "Китобхона "+copyTajik, 20), fa},
		EditorID:     &editor.ID,
		Pin:          &PinChange{Pinned: true, Position: 1, Until: &until},
	})
	must(t, err)
	// A second save: version 2 and a second revision of each translation.
	again := published("tg", "Китобхонаи миллӣ "+copyTajik, 20)
	again.Version = 1
	_, err = s.SaveArticle(ctx, ArticleInput{ID: second.ID, Translations: []TranslationInput{again}, EditorID: &admin.ID})
	must(t, err)
	mustArticle(t, s, parent.ID, TranslationInput{Locale: "fa", Status: StatusDraft, Title: "پیش\u200cنویس", BodyHTML: "<p>draft</p>"})
	trashed := mustArticle(t, s, parent.ID, published("tg", "Партофташуда", 10))
	must(t, s.TrashArticleBy(ctx, trashed.ID, &admin.ID))
	for i := range extra {
		mustArticle(t, s, child.ID, published("tg", fmt.Sprintf("Хабари %d %s", i, copyTajik), 40+i), published("fa", fmt.Sprintf("خبر %d %s", i, copyPersian), 40+i))
	}

	must(t, s.AddViews(ctx, map[viewcount.Key]int64{{Article: first.ID, Locale: "tg"}: 7, {Article: second.ID, Locale: "fa"}: 3}, testNow))
	_, err = s.AcquireLock(ctx, first.ID, editor.ID, false)
	must(t, err)
	must(t, s.Sessions().CommitCtx(ctx, "token-1", []byte{0, 1, 0xfe, 0xff, 'x'}, testNow.Add(time.Hour)))
	_, err = s.PreviewSecret(ctx)
	must(t, err)
	_, _, err = s.ReserveSignInTry(ctx, []SignInCounter{{Scope: "email", Key: "k1", Limit: 5, Window: time.Hour}})
	must(t, err)
	hook, err := s.CreateWebhook(ctx, WebhookInput{URL: "https://hooks.example.tj/payvand", Description: copyPersian, Active: true})
	must(t, err)
	_, err = s.FanOutWebhookEvents(ctx, 100)
	must(t, err)
	_, err = s.SendWebhookTestEvent(ctx, hook.ID)
	must(t, err)
	must(t, s.SaveRedirects(ctx, "https://old.example.tj", []RedirectInput{
		{Path: "/2024/07/" + copyPersian + "/", Locale: "fa", ArticleID: first.ID},
		{Path: "/?p=12", ArticleID: second.ID},
		{Path: "/category/" + copyTajik, SectionID: child.ID},
	}))
	run, err := s.StartImportRun(ctx, ImportRunInput{StartedBy: admin.ID, FileName: copyPersian + ".xml", Options: `{"dry_run":true}`})
	must(t, err)
	must(t, s.FinishImportRun(ctx, run.ID, ImportRunEnd{State: ImportDone, Report: `{"source":"https://old.example.tj"}`, Progress: ImportProgress{PostsDone: 3, PostsTotal: 3}}))
}

// dumpTables reads every copied table of s as sorted lines of text, each
// value in a form both engines give alike (times in UTC, bytes in hex).
func dumpTables(t *testing.T, s *Store) map[string][]string {
	t.Helper()
	ctx := context.Background()
	db, err := s.write.DB()
	must(t, err)
	out := map[string][]string{}
	for _, name := range copiedTables {
		table, err := describeTable(ctx, db, s.engine, name)
		must(t, err)
		rows, err := db.QueryContext(ctx, "SELECT "+quoteList(columnNames(table))+" FROM "+quoteIdent(name))
		must(t, err)
		for rows.Next() {
			row := make([]any, len(table.columns))
			ptrs := make([]any, len(row))
			for i := range row {
				ptrs[i] = &row[i]
			}
			must(t, rows.Scan(ptrs...))
			var line []string
			for i, v := range row {
				v, err := copyValue(v, table.columns[i].kind)
				must(t, err)
				switch x := v.(type) {
				case bool:
					// SQLite declares some flags INTEGER.
					v = map[bool]int{false: 0, true: 1}[x]
				case []byte:
					if table.columns[i].kind == kindText {
						v = string(x) // a JSON body, however the engine stores it
					} else {
						v = fmt.Sprintf("%x", x)
					}
				case time.Time:
					v = x.UTC().Format(time.RFC3339Nano)
				}
				line = append(line, fmt.Sprintf("%s=%v", table.columns[i].name, v))
			}
			out[name] = append(out[name], strings.Join(line, " | "))
		}
		must(t, rows.Err())
		rows.Close()
		slices.Sort(out[name])
	}
	return out
}

func columnNames(t copyTable) []string {
	var names []string
	for _, c := range t.columns {
		names = append(names, c.name)
	}
	return names
}

// sameTables fails for every table whose rows differ between two dumps.
func sameTables(t *testing.T, what string, want, got map[string][]string) {
	t.Helper()
	for _, name := range copiedTables {
		if !slices.Equal(want[name], got[name]) {
			t.Errorf("%s: table %s differs:\nwant %d rows %q\ngot  %d rows %q", what, name, len(want[name]), want[name], len(got[name]), got[name])
		}
	}
}
