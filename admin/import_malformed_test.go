package admin

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/payvand/payvand/internal/wpimport"
	"github.com/payvand/payvand/models"
)

// A body that is multipart in name but not in form is the sender's
// fault: the form comes back with the refusal beside the file (422), not
// the server's error page.
func TestImportMalformedBodyIsRefused(t *testing.T) {
	env := newImportEnv(t, 0)
	c := env.signedIn("admin@example.com")
	c.get("/admin/import")
	bodies := map[string]string{
		"a part header with no colon": "--B\r\nContent-Disposition form-data; name=\"file\"\r\n\r\nx\r\n--B--\r\n",
		"a part header cut short":     "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"e.xml\"\r\nContent-Type: text/xml",
		"no closing boundary":         "--B\r\nContent-Disposition: form-data; name=\"dry_run\"\r\n\r\n1",
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, env.server.URL+"/admin/import", strings.NewReader(body))
			req.Header.Set("Content-Type", "multipart/form-data; boundary=B")
			req.Header.Set("Origin", env.server.URL)
			req.Header.Set("X-CSRF-Token", c.csrf)
			resp := c.do(req)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", resp.StatusCode)
			}
			if testID(parseHTML(t, resp.Body), "error-file").Text() == "" {
				t.Error("no message beside the file")
			}
			if left := env.leftovers(); len(left) != 0 {
				t.Errorf("files left: %v", left)
			}
		})
	}
}

// A panic in an import (some export no test foresaw) fails its run and
// removes its file; the server goes on.
func TestImportPanicFailsTheRun(t *testing.T) {
	env := newImportEnv(t, 0)
	run, err := env.store.StartImportRun(context.Background(), models.ImportRunInput{StartedBy: env.admin.ID, FileName: "site.xml"})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(env.dir, "upload-panic.xml")
	if err := os.WriteFile(path, siteExport(t), 0o600); err != nil {
		t.Fatal(err)
	}
	env.ui.imports.importFn = func(context.Context, *models.Store, func() (io.ReadCloser, error), wpimport.Options) (*wpimport.Report, error) {
		panic("an export no test foresaw")
	}
	env.ui.imports.start(run, path, wpimport.Options{})
	env.ui.Close()
	got, err := env.store.FindImportRun(context.Background(), run.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != models.ImportFailed || got.FinishedAt == nil {
		t.Errorf("run after a panic = %+v, want failed", got)
	}
	if left := env.leftovers(); len(left) != 0 {
		t.Errorf("the export stayed: %v", left)
	}
	if resp := env.signedIn("admin@example.com").get(importRunURL(run.ID)); resp.StatusCode != http.StatusOK {
		t.Errorf("the run's page after the panic: %d", resp.StatusCode)
	}
}
