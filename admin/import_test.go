package admin

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/internal/wpimport"
	"github.com/payvand/payvand/models"
)

// importEnv is the test admin with the Import page's folder in view.
type importEnv struct {
	*testEnv
	dir string
}

func newImportEnv(t *testing.T, maxImport int64) *importEnv {
	t.Helper()
	dir := t.TempDir()
	return &importEnv{testEnv: newTestEnvWith(t, Options{ImportDir: dir, MaxImportBytes: maxImport}), dir: dir}
}

// siteExport is the importer's own test export: Polylang pairs in fa and
// tj, drafts, a scheduled post, a private one and a revision.
func siteExport(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("../internal/wpimport/testdata/site.xml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// importUpload posts an export to the Import page as its form does.
func (c *client) importUpload(data []byte, fields url.Values) response {
	c.env.t.Helper()
	return c.upload(upload{path: "/admin/import", name: "export.xml", data: data, fields: fields})
}

// leftovers are the files in the Import page's folder.
func (env *importEnv) leftovers() []string {
	env.t.Helper()
	entries, err := os.ReadDir(env.dir)
	if err != nil {
		env.t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func (env *importEnv) runs() []models.ImportRun {
	env.t.Helper()
	runs, err := env.store.ListImportRuns(context.Background(), 100)
	if err != nil {
		env.t.Fatal(err)
	}
	return runs
}

func TestImportRunsInTheBackgroundAndShowsItsReport(t *testing.T) {
	env := newImportEnv(t, 0)
	c := env.signedIn("admin@example.com")
	page := parseHTML(t, c.get("/admin/import").Body)
	if testID(page, "import-form").Length() != 1 || testID(page, "import-runs-empty").Length() != 1 {
		t.Fatal("the Import page shows no form, or runs before any")
	}

	resp := c.importUpload(siteExport(t), url.Values{"locale_map": {"tj=tg"}})
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/admin/import/") {
		t.Fatalf("upload: %d %s, want 303 to the run's page", resp.StatusCode, resp.Header.Get("Location"))
	}
	env.ui.imports.running.Wait()
	runs := env.runs()
	if len(runs) != 1 || runs[0].State != models.ImportDone || runs[0].PostsDone == 0 || runs[0].PostsDone != runs[0].PostsTotal {
		t.Fatalf("runs = %+v, want one done with every post", runs)
	}
	if runs[0].StartedBy != env.admin.ID || runs[0].FileName != "export.xml" || !strings.Contains(runs[0].Options, `"tj":"tg"`) {
		t.Errorf("run recorded %+v", runs[0])
	}
	if left := env.leftovers(); len(left) != 0 {
		t.Errorf("the export stayed after its run: %v", left)
	}

	doc := parseHTML(t, c.get(resp.Header.Get("Location")).Body)
	status := testID(doc, "import-status")
	if status.AttrOr("data-state", "") != "done" || status.AttrOr("hx-trigger", "") != "" {
		t.Errorf("status %q polling %q, want done and no more polling", status.AttrOr("data-state", ""), status.AttrOr("hx-trigger", ""))
	}
	report := testID(doc, "import-report")
	if !strings.Contains(report.Text(), "https://khabar.example") || testID(doc, "import-report-posts").Find("tbody tr").Length() == 0 {
		t.Errorf("report without its source or posts: %s", report.Text())
	}
	if testID(doc, "import-report-skipped").Length() != 1 || testID(doc, "import-report-articles").AttrOr("href", "") != "/admin/articles" {
		t.Error("the report lists no skipped items or links to no articles")
	}
	list, err := env.store.ListAdminArticles(context.Background(), models.AdminArticleQuery{Page: 1})
	if err != nil {
		t.Fatal(err)
	}
	if list.Total == 0 {
		t.Fatal("no article imported")
	}

	// The page lists the run, and the form is back for the next.
	page = parseHTML(t, c.get("/admin/import").Body)
	if testID(page, "import-runs").Find("tbody tr").Length() != 1 || testID(page, "import-form").Length() != 1 {
		t.Error("the page does not list the run, or offers no form after it")
	}
}

func TestImportPollAnswersTheStatusAlone(t *testing.T) {
	env := newImportEnv(t, 0)
	run, err := env.store.StartImportRun(context.Background(), models.ImportRunInput{StartedBy: env.admin.ID, FileName: "site.xml"})
	if err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("admin@example.com")
	path := importRunURL(run.ID)
	req, _ := http.NewRequest(http.MethodGet, env.server.URL+path, nil)
	req.Header.Set("HX-Request", "true")
	req.Header.Set("HX-Target", "import-status")
	resp := c.do(req)
	doc := parseHTML(t, resp.Body)
	if doc.Find("nav").Length() != 0 || testID(doc, "import-status").AttrOr("hx-trigger", "") != "every 2s" {
		t.Errorf("poll answer: %s, want the status part alone, polling on", resp.Body)
	}
	// The upload form's redirect is followed by htmx too: the whole page.
	req.Header.Del("HX-Target")
	if doc := parseHTML(t, c.do(req).Body); doc.Find("nav").Length() == 0 {
		t.Error("the run's page after the upload lacks the layout")
	}
}

func TestImportRefusals(t *testing.T) {
	env := newImportEnv(t, 64<<10)
	ctx := context.Background()
	if _, err := env.store.SaveSection(ctx, models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Ахбор", "fa": "اخبار"}}); err != nil {
		t.Fatal(err)
	}
	feed := []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>News</title><link>https://example.com</link><item><title>A</title></item></channel></rss>`)
	tests := []struct {
		name   string
		data   []byte
		fields url.Values
		status int
		field  string
		// chunked sends the body without a length for the server to check
		// first.
		chunked bool
	}{
		{"an RSS feed", feed, nil, http.StatusUnprocessableEntity, "file", false},
		{"a picture", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), nil, http.StatusUnprocessableEntity, "file", false},
		{"no file", nil, url.Values{"dry_run": {"1"}}, http.StatusUnprocessableEntity, "file", false},
		{"a file over the limit", append(siteExport(t), make([]byte, 3<<20)...), nil, http.StatusRequestEntityTooLarge, "file", false},
		{"a file over the limit sent without a length", append(siteExport(t), make([]byte, 100<<10)...), nil, http.StatusRequestEntityTooLarge, "file", true},
		{"a locale the site lacks", siteExport(t), url.Values{"locale": {"ru"}}, http.StatusUnprocessableEntity, "locale", false},
		{"a locale map to a locale the site lacks", siteExport(t), url.Values{"locale_map": {"tj=ru"}}, http.StatusUnprocessableEntity, "locale_map", false},
		{"a locale map that is no map", siteExport(t), url.Values{"locale_map": {"tj"}}, http.StatusUnprocessableEntity, "locale_map", false},
		{"a section map to no section", siteExport(t), url.Values{"section_map": {"world,nowhere\n"}}, http.StatusUnprocessableEntity, "section_map", false},
		{"a section map that is no CSV pair", siteExport(t), url.Values{"section_map": {"world\n"}}, http.StatusUnprocessableEntity, "section_map", false},
	}
	c := env.signedIn("admin@example.com")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := c.upload(upload{path: "/admin/import", name: "export.xml", data: tt.data, fields: tt.fields, hideLength: tt.chunked})
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
			doc := parseHTML(t, resp.Body)
			if msg := testID(doc, "error-"+tt.field).Text(); msg == "" {
				t.Errorf("no message beside %s: %s", tt.field, resp.Body)
			}
			if testID(doc, "import-form").Length() != 1 {
				t.Error("the form did not come back")
			}
			if runs := env.runs(); len(runs) != 0 {
				t.Errorf("a refused upload started a run: %+v", runs)
			}
			if left := env.leftovers(); len(left) != 0 {
				t.Errorf("a refused upload left files: %v", left)
			}
		})
	}
	// What was typed comes back with the refusal.
	resp := c.importUpload(feed, url.Values{"dry_run": {"1"}, "locale_map": {"tj=tg"}, "section_map": {"world,news"}})
	doc := parseHTML(t, resp.Body)
	if _, checked := testID(doc, "import-dry-run").Attr("checked"); !checked || doc.Find("#locale_map").AttrOr("value", "") != "tj=tg" ||
		testID(doc, "import-section-map").Text() != "world,news" {
		t.Errorf("the form came back without what was typed")
	}
}

func TestImportSectionMapFile(t *testing.T) {
	env := newImportEnv(t, 0)
	if _, err := env.store.SaveSection(context.Background(), models.SectionInput{Slug: "news", Names: map[string]string{"tg": "Ахбор", "fa": "اخبار"}}); err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("admin@example.com")
	// A CSV file with a mistake: its text comes back in the box.
	resp := c.uploadParts(http.StatusUnprocessableEntity, "world,nowhere\n")
	if msg := testID(parseHTML(t, resp.Body), "error-section_map").Text(); !strings.Contains(msg, "nowhere") {
		t.Errorf("section map refusal %q, want it to name the section", msg)
	}
	if got := testID(parseHTML(t, resp.Body), "import-section-map").Text(); got != "world,nowhere\n" {
		t.Errorf("the CSV file's text came back as %q", got)
	}
	c.uploadParts(http.StatusSeeOther, "world,news\njahon,news\n")
	env.ui.imports.running.Wait()
	runs := env.runs()
	if len(runs) != 1 || runs[0].State != models.ImportDone || !strings.Contains(runs[0].Options, `"world":"news"`) {
		t.Fatalf("runs %+v, want one done with the section map", runs)
	}
}

// uploadParts sends the export with a section map file, and wants status.
func (c *client) uploadParts(status int, csv string) response {
	c.env.t.Helper()
	resp := c.upload(upload{path: "/admin/import", name: "export.xml", data: siteExport(c.env.t), files: map[string]string{"section_map_file": csv}})
	if resp.StatusCode != status {
		c.env.t.Fatalf("status %d, want %d: %s", resp.StatusCode, status, resp.Body)
	}
	return resp
}

func TestImportOneAtATime(t *testing.T) {
	env := newImportEnv(t, 0)
	other := env.mustUser("other-admin@example.com", models.RoleAdmin)
	running, err := env.store.StartImportRun(context.Background(), models.ImportRunInput{StartedBy: other.ID, FileName: "big.xml"})
	if err != nil {
		t.Fatal(err)
	}
	c := env.signedIn("admin@example.com")
	page := parseHTML(t, c.get("/admin/import").Body)
	if testID(page, "import-form").Length() != 0 || testID(page, "import-active-link").AttrOr("href", "") != importRunURL(running.ID) {
		t.Error("while a run goes the page offers the form, or no link to the run")
	}
	resp := c.importUpload(siteExport(t), nil)
	if resp.StatusCode != http.StatusConflict {
		t.Fatalf("a second upload: %d, want 409", resp.StatusCode)
	}
	if msg := testID(parseHTML(t, resp.Body), "import-refused").Text(); msg == "" {
		t.Error("the refusal says nothing")
	}
	if runs := env.runs(); len(runs) != 1 || len(env.leftovers()) != 0 {
		t.Errorf("a refused second upload left runs %+v and files %v", runs, env.leftovers())
	}
}

func TestImportAdminsOnlyWithCSRF(t *testing.T) {
	env := newImportEnv(t, 0)
	editor := env.signedIn("editor@example.com")
	for _, path := range []string{"/admin/import", "/admin/import/1"} {
		if resp := editor.get(path); resp.StatusCode != http.StatusForbidden {
			t.Errorf("editor GET %s: %d, want 403", path, resp.StatusCode)
		}
	}
	if resp := editor.importUpload(siteExport(t), nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("editor upload: %d, want 403", resp.StatusCode)
	}
	admin := env.signedIn("admin@example.com")
	resp := admin.upload(upload{path: "/admin/import", name: "export.xml", data: siteExport(t), noCSRF: true})
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("upload without the CSRF token: %d, want 403", resp.StatusCode)
	}
	if runs := env.runs(); len(runs) != 0 || len(env.leftovers()) != 0 {
		t.Errorf("refused uploads left runs %+v and files %v", runs, env.leftovers())
	}
	if nav := parseHTML(t, admin.get("/admin").Body).Find(`nav a[href="/admin/import"]`); nav.Length() != 1 {
		t.Error("the admin's menu has no Import link")
	}
	if nav := parseHTML(t, editor.get("/admin").Body).Find(`nav a[href="/admin/import"]`); nav.Length() != 0 {
		t.Error("the editor's menu has an Import link")
	}
}

// A run going when its instance shuts down ends as interrupted, and its
// export is removed.
func TestImportStoppedOnShutdownIsInterrupted(t *testing.T) {
	env := newImportEnv(t, 0)
	run, err := env.store.StartImportRun(context.Background(), models.ImportRunInput{StartedBy: env.admin.ID, FileName: "site.xml"})
	if err != nil {
		t.Fatal(err)
	}
	path := env.dir + "/import-test.xml"
	if err := os.WriteFile(path, siteExport(t), 0o600); err != nil {
		t.Fatal(err)
	}
	env.ui.imports.stop() // the server is shutting down
	env.ui.imports.start(run, path, wpimport.Options{})
	env.ui.Close()
	got, err := env.store.FindImportRun(context.Background(), run.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != models.ImportInterrupted || got.FinishedAt == nil {
		t.Errorf("run after shutdown = %+v, want interrupted", got)
	}
	doc := parseHTML(t, env.signedIn("admin@example.com").get(importRunURL(run.ID)).Body)
	if testID(doc, "import-interrupted").Length() != 1 || testID(doc, "import-again").AttrOr("href", "") != "/admin/import" {
		t.Error("the interrupted run's page does not say so, or offers no way to import again")
	}
	if left := env.leftovers(); len(left) != 0 {
		t.Errorf("the export stayed: %v", left)
	}
	if _, err := env.store.StartImportRun(context.Background(), models.ImportRunInput{StartedBy: env.admin.ID}); err != nil {
		t.Errorf("a run after an interrupted one: %v", err)
	}
}

// With a media library, the form offers downloading the pictures from the
// old site, and the run does: the fixture's old site does not resolve, so
// its one attachment is reported missing, never fatal.
func TestImportFetchMedia(t *testing.T) {
	dir := t.TempDir()
	withoutMedia := newImportEnv(t, 0)
	page := parseHTML(t, withoutMedia.signedIn("admin@example.com").get("/admin/import").Body)
	if testID(page, "import-fetch-media").Length() != 0 || testID(page, "import-pictures-note").Length() != 1 {
		t.Error("without a media library the form offers downloading pictures, or does not say how pictures come")
	}

	store, err := media.NewFSStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	importDir := t.TempDir()
	env := &importEnv{testEnv: newTestEnvWith(t, Options{Media: store, ImportDir: importDir}), dir: importDir}
	c := env.signedIn("admin@example.com")
	if page := parseHTML(t, c.get("/admin/import").Body); testID(page, "import-fetch-media").Length() != 1 {
		t.Fatal("with a media library the form does not offer downloading pictures")
	}
	if resp := c.importUpload(siteExport(t), url.Values{"fetch_media": {"1"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d", resp.StatusCode)
	}
	env.ui.imports.running.Wait()
	runs := env.runs()
	if len(runs) != 1 || runs[0].State != models.ImportDone || !strings.Contains(runs[0].Options, `"fetch_media":true`) {
		t.Fatalf("runs %+v, want one done that fetched media", runs)
	}
	if left := env.leftovers(); len(left) != 0 {
		t.Errorf("the export stayed after its run: %v", left)
	}
	report := importReportView(runs[0].Report, env.store.Locales())
	if report == nil || report.Media.Missing+report.Media.Failed == 0 {
		t.Errorf("report %+v, want the unreachable attachment counted", report)
	}
	doc := parseHTML(t, c.get(importRunURL(runs[0].ID)).Body)
	if testID(doc, "import-report-missing-media").Length() != 1 {
		t.Error("the report does not list the missing picture")
	}
}

// Files an import or an upload left when its process died are removed
// before the next upload; those of a run still going and of an upload
// still arriving stay.
func TestImportSweepsLeftoverFiles(t *testing.T) {
	env := newImportEnv(t, 0)
	ctx := context.Background()
	ended, err := env.store.StartImportRun(ctx, models.ImportRunInput{StartedBy: env.admin.ID, FileName: "old.xml"})
	if err != nil {
		t.Fatal(err)
	}
	if err := env.store.FinishImportRun(ctx, ended.ID, models.ImportRunEnd{State: models.ImportFailed}); err != nil {
		t.Fatal(err)
	}
	going, err := env.store.StartImportRun(ctx, models.ImportRunInput{StartedBy: env.admin.ID, FileName: "big.xml"})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]bool{ // name: kept
		runFileName(ended.ID): false, runFileName(9999): false, "upload-old.xml": false,
		runFileName(going.ID): true, "upload-arriving.xml": true, "notes.txt": true,
	}
	for name := range files {
		if err := os.WriteFile(env.dir+"/"+name, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-staleUploadAge - time.Hour)
	if err := os.Chtimes(env.dir+"/upload-old.xml", old, old); err != nil {
		t.Fatal(err)
	}
	env.ui.imports.sweep(ctx)
	left := map[string]bool{}
	for _, name := range env.leftovers() {
		left[name] = true
	}
	for name, kept := range files {
		if left[name] != kept {
			t.Errorf("%s: kept %v, want %v", name, left[name], kept)
		}
	}
}
