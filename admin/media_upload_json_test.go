package admin

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"testing"
)

// TestEditorUploadAnswersJSON uploads as the picture picker and a body
// drop do: the same address and checks as the library's form, answered
// with the picture (its id, body-size src, thumbnail and the texts of
// every locale) instead of a redirect.
func TestEditorUploadAnswersJSON(t *testing.T) {
	env := newMediaEnv(t, 0)
	c := env.signedIn("editor@example.com")
	const faAlt, faCaption = "کوه\u200cهای پامیر", "عکس از آرشیو"
	data := jpegOf(t, 900, 600)
	resp := c.upload(upload{name: "pamir.jpg", data: data, json: true,
		fields: url.Values{"alt.fa": {faAlt}, "caption.fa": {faCaption}}})
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("status %d, want 201\n%s", resp.StatusCode, resp.Body)
	}
	var pic uploadedPicture
	if err := json.Unmarshal([]byte(resp.Body), &pic); err != nil {
		t.Fatalf("answer %q: %v", resp.Body, err)
	}
	if pic.ID == 0 || pic.Existing || pic.Name != "pamir.jpg" {
		t.Errorf("answer %+v, want a new picture named pamir.jpg", pic)
	}
	if !regexp.MustCompile(`^/media/.+-medium\.jpg$`).MatchString(pic.Src) || pic.Width == 0 || pic.Height == 0 {
		t.Errorf("src %q %d×%d, want the medium size with its pixel size", pic.Src, pic.Width, pic.Height)
	}
	if !regexp.MustCompile(`^/media/.+-thumb\.jpg$`).MatchString(pic.Thumb) {
		t.Errorf("thumb %q, want the thumbnail", pic.Thumb)
	}
	if got := pic.Texts["fa"]; got.Alt != faAlt || got.Caption != faCaption {
		t.Errorf("fa texts %+v, want the alt and caption sent", got)
	}
	if _, ok := pic.Texts["tg"]; !ok {
		t.Errorf("texts %+v, want every locale, empty ones too", pic.Texts)
	}

	// The same picture again, with no texts (a drop into a body): the
	// library keeps it once, with its texts, and says it had it.
	resp = c.upload(upload{name: "again.jpg", data: data, json: true})
	var again uploadedPicture
	if err := json.Unmarshal([]byte(resp.Body), &again); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("second upload: %d %q", resp.StatusCode, resp.Body)
	}
	if again.ID != pic.ID || !again.Existing || again.Texts["fa"].Caption != faCaption {
		t.Errorf("second upload %+v, want picture %d again with its texts", again, pic.ID)
	}
}

// TestEditorUploadRefusalsAnswerJSON checks that a refused editor upload
// says why as JSON, in the interface language, with the status of the
// library's form, and leaves nothing behind.
func TestEditorUploadRefusalsAnswerJSON(t *testing.T) {
	const limit = 100 << 10
	env := newMediaEnv(t, limit)
	c := env.signedIn("editor@example.com")
	tests := []struct {
		name   string
		u      upload
		status int
		code   string
		field  string
		msg    string
	}{
		{"text renamed png", upload{name: "notes.png", data: []byte("just some text, not a picture at all")}, 415, "unsupported_type", "file", tg.T("media.error.unsupported")},
		{"too large", upload{name: "big.jpg", data: append(jpegOf(t, 20, 20), make([]byte, limit)...)}, 413, "too_large", "file",
			tg.T("media.error.too_large", "limit", formatBytes(tg, limit))},
		{"bomb", upload{name: "bomb.png", data: pngBomb(100_000, 100_000)}, 422, "invalid", "file",
			tg.T("media.error.too_many_pixels", "megapixels", 40, "side", 20_000)},
		{"no file", upload{}, 422, "invalid", "file", tg.T("media.error.no_file")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.u.json = true
			resp := c.upload(tt.u)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d\n%s", resp.StatusCode, tt.status, resp.Body)
			}
			var answer struct {
				Error struct {
					Code    string            `json:"code"`
					Message string            `json:"message"`
					Details map[string]string `json:"details"`
				} `json:"error"`
			}
			if err := json.Unmarshal([]byte(resp.Body), &answer); err != nil {
				t.Fatalf("answer %q: %v", resp.Body, err)
			}
			if answer.Error.Code != tt.code || answer.Error.Message != tt.msg || answer.Error.Details[tt.field] != tt.msg {
				t.Errorf("answer %+v, want code %q and message %q for %s", answer.Error, tt.code, tt.msg, tt.field)
			}
			if n, files := env.mediaCount(), env.storedFiles(); n != 0 || len(files) != 0 {
				t.Errorf("a refused upload left %d rows and files %v", n, files)
			}
		})
	}
}
