package admin

import (
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/payvand/payvand/models"
)

// refuseInserts makes the database refuse every insert into table until
// the returned function is called, as a write that fails after the upload's
// files were stored. Each engine spells the refusing trigger its own way.
func refuseInserts(t *testing.T, env *mediaEnv, table string) (allow func()) {
	t.Helper()
	db, engine := env.rawDB(t, false)
	trigger := "refuse_" + table
	create := []string{`CREATE TRIGGER ` + trigger + ` BEFORE INSERT ON ` + table + ` BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`}
	drop := `DROP TRIGGER ` + trigger
	if engine == models.Postgres {
		create = []string{
			`CREATE OR REPLACE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN RAISE EXCEPTION 'refused by the test'; END $$`,
			`CREATE TRIGGER ` + trigger + ` BEFORE INSERT ON ` + table + ` FOR EACH ROW EXECUTE FUNCTION test_refuse()`,
		}
		drop += ` ON ` + table
	}
	for _, stmt := range create {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	return func() {
		if _, err := db.Exec(drop); err != nil {
			t.Fatal(err)
		}
	}
}

// TestUploadWhoseRowFailsLeavesNoFiles: the files of an upload whose media
// row was not written are removed at once, while files a row already
// refers to (the same picture uploaded before) stay.
func TestUploadWhoseRowFailsLeavesNoFiles(t *testing.T) {
	env := newMediaEnv(t, 0)
	c := env.signedIn("editor@example.com")
	picture := pngOf(t, 400, 300)

	allow := refuseInserts(t, env, "media")
	if resp := c.upload(upload{name: "new.png", data: picture}); resp.StatusCode != http.StatusInternalServerError {
		t.Fatalf("upload with its row refused: %d, want 500", resp.StatusCode)
	}
	if files := env.storedFiles(); len(files) > 0 {
		t.Fatalf("the upload's files stayed without a row: %v", files)
	}
	allow()

	m := env.uploadedMedia(c.upload(upload{name: "new.png", data: picture}))
	before := env.storedFiles()
	if !slices.Contains(before, m.Path) {
		t.Fatalf("stored files %v lack %s", before, m.Path)
	}
	refuseInserts(t, env, "media_texts")
	resp := c.upload(upload{name: "again.png", data: picture, fields: url.Values{"alt.tg": {"Сурат"}}})
	if resp.StatusCode != http.StatusInternalServerError {
		t.Fatalf("second upload with its texts refused: %d, want 500", resp.StatusCode)
	}
	if after := env.storedFiles(); !slices.Equal(after, before) {
		t.Fatalf("a refused re-upload touched the files of the recorded picture: %v, want %v", after, before)
	}
}
