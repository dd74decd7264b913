package admin

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/models"
)

// mediaEnv is the test admin with a media store in a temporary folder.
type mediaEnv struct {
	*testEnv
	dir string
}

func newMediaEnv(t *testing.T, maxUpload int64) *mediaEnv {
	t.Helper()
	dir := t.TempDir()
	store, err := media.NewFSStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	return &mediaEnv{testEnv: newTestEnvWith(t, Options{Media: store, MaxUploadBytes: maxUpload}), dir: dir}
}

// upload is one multipart upload as the library's form sends it.
type upload struct {
	name   string
	data   []byte
	fields url.Values
	// noCSRF leaves the token out; hideLength sends the body chunked, with
	// no Content-Length for the server to check first.
	noCSRF, hideLength bool
	// json asks for the editor's JSON answer (Accept: application/json).
	json bool
	// path is where it goes: /admin/media when empty.
	path string
	// files are other file parts, by field name, sent before the file.
	files map[string]string
}

// upload posts u to /admin/media like the library's page does: same
// origin, the CSRF token in the X-CSRF-Token header, the texts and the file.
func (c *client) upload(u upload) response {
	c.env.t.Helper()
	if c.csrf == "" {
		c.get("/admin/login")
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, vs := range u.fields {
		for _, v := range vs {
			_ = w.WriteField(k, v)
		}
	}
	for field, text := range u.files {
		part, _ := w.CreateFormFile(field, field+".csv")
		_, _ = part.Write([]byte(text))
	}
	if u.data != nil {
		part, _ := w.CreateFormFile("file", u.name)
		_, _ = part.Write(u.data)
	}
	_ = w.Close()
	var r io.Reader = &body
	if u.hideLength {
		r = io.MultiReader(&body) // not a type NewRequest can measure
	}
	target := u.path
	if target == "" {
		target = "/admin/media"
	}
	req, _ := http.NewRequest(http.MethodPost, c.env.server.URL+target, r)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Origin", c.env.server.URL)
	if !u.noCSRF {
		req.Header.Set("X-CSRF-Token", c.csrf)
	}
	if u.json {
		req.Header.Set("Accept", "application/json")
	}
	return c.do(req)
}

// storedFiles lists every file in the media folder.
func (env *mediaEnv) storedFiles() []string {
	env.t.Helper()
	var out []string
	err := filepath.WalkDir(env.dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(env.dir, path)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		env.t.Fatal(err)
	}
	return out
}

func (env *mediaEnv) mediaCount() int64 {
	env.t.Helper()
	page, err := env.store.ListMedia(context.Background(), models.MediaQuery{})
	if err != nil {
		env.t.Fatal(err)
	}
	return page.Total
}

var mediaLocation = regexp.MustCompile(`^/admin/media/(\d+)$`)

// uploadedMedia follows a successful upload's redirect to its record.
func (env *mediaEnv) uploadedMedia(resp response) *models.Media {
	env.t.Helper()
	m := mediaLocation.FindStringSubmatch(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusSeeOther || m == nil {
		env.t.Fatalf("upload answered %d → %q, want 303 to /admin/media/<id>\n%s", resp.StatusCode, resp.Header.Get("Location"), fieldError(env.t, resp.Body, "file"))
	}
	var id uint
	fmt.Sscan(m[1], &id)
	rec, err := env.store.FindMedia(context.Background(), id)
	if err != nil {
		env.t.Fatal(err)
	}
	return rec
}

func fieldError(t *testing.T, body, field string) string {
	t.Helper()
	return strings.TrimSpace(parseHTML(t, body).Find(`[data-testid="error-` + field + `"]`).Text())
}

// testPicture is a w×h gradient, so encoders have real content.
func testPicture(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetNRGBA(x, y, color.NRGBA{uint8(x * 255 / w), uint8(y * 255 / h), 120, 255})
		}
	}
	return img
}

func encoded(t *testing.T, encode func(io.Writer, image.Image) error, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := encode(&buf, testPicture(w, h)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func jpegOf(t *testing.T, w, h int) []byte {
	return encoded(t, func(out io.Writer, img image.Image) error { return jpeg.Encode(out, img, nil) }, w, h)
}

func pngOf(t *testing.T, w, h int) []byte { return encoded(t, png.Encode, w, h) }

func gifOf(t *testing.T, w, h int) []byte {
	return encoded(t, func(out io.Writer, img image.Image) error { return gif.Encode(out, img, nil) }, w, h)
}

func testdataWebP(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("../internal/media/testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// gpsMarker stands for the coordinates a phone writes into EXIF.
const gpsMarker = "GPSLatitude=38.5598N;GPSLongitude=68.7870E"

// withEXIF puts an APP1 Exif segment, with GPS-like bytes in it, right
// after the JPEG's start-of-image marker, as cameras do.
func withEXIF(jpg []byte) []byte {
	var tiff bytes.Buffer
	tiff.WriteString("II*\x00")
	_ = binary.Write(&tiff, binary.LittleEndian, uint32(8)) // first IFD offset
	_ = binary.Write(&tiff, binary.LittleEndian, uint16(0)) // no entries
	_ = binary.Write(&tiff, binary.LittleEndian, uint32(0)) // no next IFD
	tiff.WriteString(gpsMarker)
	payload := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	seg := []byte{0xff, 0xe1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	out = append(out, payload...)
	return append(out, jpg[2:]...)
}

// pngBomb is a valid PNG header declaring w×h pixels with almost no data:
// a few dozen bytes that would need gigabytes once decoded.
func pngBomb(w, h uint32) []byte {
	var buf bytes.Buffer
	buf.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	for _, c := range []struct {
		typ  string
		data []byte
	}{{"IHDR", ihdr}, {"IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01}}, {"IEND", nil}} {
		_ = binary.Write(&buf, binary.BigEndian, uint32(len(c.data)))
		crc := crc32.NewIEEE()
		crc.Write([]byte(c.typ))
		crc.Write(c.data)
		buf.WriteString(c.typ)
		buf.Write(c.data)
		_ = binary.Write(&buf, binary.BigEndian, crc.Sum32())
	}
	return buf.Bytes()
}

func TestMediaUploadAcceptsEachType(t *testing.T) {
	env := newMediaEnv(t, 0)
	c := env.signedIn("editor@example.com")
	tests := []struct {
		name     string
		data     []byte
		wantMIME string
		w, h     int
	}{
		{"photo.jpg", jpegOf(t, 640, 480), "image/jpeg", 640, 480},
		{"chart.png", pngOf(t, 500, 300), "image/png", 500, 300},
		{"anim.gif", gifOf(t, 90, 60), "image/png", 90, 60}, // the first frame, kept lossless
		{"lossy.webp", testdataWebP(t, "blue-purple-pink.lossy.webp"), "image/jpeg", 0, 0},
		{"alpha.webp", testdataWebP(t, "gopher-doc.with-alpha.lossless.webp"), "image/png", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := env.uploadedMedia(c.upload(upload{name: tt.name, data: tt.data}))
			if m.MimeType != tt.wantMIME || m.OriginalName != tt.name || *m.UploadedByID != env.editor.ID {
				t.Errorf("stored %s from %q by user %d", m.MimeType, m.OriginalName, *m.UploadedByID)
			}
			if tt.w != 0 && (m.Width != tt.w || m.Height != tt.h) {
				t.Errorf("stored %d×%d, want %d×%d", m.Width, m.Height, tt.w, tt.h)
			}
			// The server names the files; nothing of the upload's name is kept.
			if strings.Contains(m.Path, strings.TrimSuffix(tt.name, filepath.Ext(tt.name))) || !strings.HasPrefix(m.Path, m.Hash[:2]+"/"+m.Hash) {
				t.Errorf("stored at %q", m.Path)
			}
			for _, path := range []string{m.Path, m.Variant(media.VariantThumbnail).Path, m.Variant(media.VariantMedium).Path} {
				if _, err := os.Stat(filepath.Join(env.dir, path)); err != nil {
					t.Errorf("file %s: %v", path, err)
				}
			}
			page := c.get(mediaEditURL(m.ID))
			doc := parseHTML(t, page.Body)
			if flash := doc.Find(`[data-testid="flash"]`).Text(); flash != tg.T("media.uploaded", "name", tt.name) {
				t.Errorf("flash = %q", flash)
			}
			if got, _ := doc.Find(`[data-testid="path-original"]`).Attr("value"); got != media.PublicPath(m.Path) {
				t.Errorf("original path shown as %q, want %q", got, media.PublicPath(m.Path))
			}
			for _, size := range []string{media.VariantOriginal, media.VariantMedium, media.VariantThumbnail} {
				got, _ := doc.Find(`[data-testid="path-` + size + `-webp"]`).Attr("value")
				if !strings.HasSuffix(got, ".webp") || !strings.HasPrefix(got, media.PathPrefix+m.Hash[:2]+"/"+m.Hash) {
					t.Errorf("%s WebP path shown as %q", size, got)
				}
			}
			if got, _ := doc.Find(`.media-edit img`).Attr("src"); got != media.PublicPath(m.Variant(media.VariantMedium).Path) {
				t.Errorf("the page shows %q, want the medium size", got)
			}
		})
	}
	if n := env.mediaCount(); n != int64(len(tests)) {
		t.Errorf("%d pictures recorded, want %d", n, len(tests))
	}
}

func TestMediaUploadStripsEXIF(t *testing.T) {
	env := newMediaEnv(t, 0)
	c := env.signedIn("admin@example.com")
	data := withEXIF(jpegOf(t, 400, 300))
	if !bytes.Contains(data, []byte("Exif")) {
		t.Fatal("the test picture carries no EXIF")
	}
	m := env.uploadedMedia(c.upload(upload{name: "phone.jpg", data: data}))
	for _, path := range []string{m.Path, m.Variant(media.VariantMedium).Path, m.Variant(media.VariantThumbnail).Path} {
		stored, err := os.ReadFile(filepath.Join(env.dir, path))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(stored, []byte("Exif")) || bytes.Contains(stored, []byte(gpsMarker)) {
			t.Errorf("%s still carries EXIF or GPS data", path)
		}
	}
}

// TestMediaUploadRefusals sends what must not be stored and checks the
// status, the message beside the file input, and that no row and no file
// is left behind.
func TestMediaUploadRefusals(t *testing.T) {
	const limit = 100 << 10
	env := newMediaEnv(t, limit)
	c := env.signedIn("editor@example.com")
	tooLarge := tg.T("media.error.too_large", "limit", formatBytes(tg, limit))
	unsupported := tg.T("media.error.unsupported")
	elf := append([]byte("\x7fELF\x02\x01\x01\x00"), make([]byte, 2000)...)
	noise := make([]byte, 400<<10)
	for i := range noise {
		noise[i] = byte(i * 7)
	}
	tests := []struct {
		name   string
		u      upload
		status int
		msg    string
	}{
		{"svg", upload{name: "logo.svg", data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>`)}, 415, unsupported},
		{"svg named jpg", upload{name: "logo.jpg", data: []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>`)}, 415, unsupported},
		{"html", upload{name: "page.png", data: []byte("<!DOCTYPE html><html><script>alert(1)</script></html>")}, 415, unsupported},
		{"pdf", upload{name: "report.pdf", data: []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF")}, 415, unsupported},
		{"program renamed to jpg", upload{name: "holiday.jpg", data: elf}, 415, unsupported},
		{"empty file", upload{name: "empty.jpg", data: []byte{}}, 415, unsupported},
		{"decompression bomb", upload{name: "bomb.png", data: pngBomb(100_000, 100_000)}, 422,
			tg.T("media.error.too_many_pixels", "megapixels", 40, "side", 20_000)},
		{"corrupt jpeg", upload{name: "broken.jpg", data: append([]byte("\xff\xd8\xff\xe0"), bytes.Repeat([]byte{0x42}, 500)...)}, 422, tg.T("media.error.invalid")},
		{"truncated png", upload{name: "cut.png", data: pngOf(t, 300, 200)[:200]}, 422, tg.T("media.error.invalid")},
		{"just over the limit", upload{name: "big.jpg", data: append(jpegOf(t, 20, 20), make([]byte, limit)...)}, 413, tooLarge},
		{"body over the limit", upload{name: "huge.jpg", data: noise}, 413, tooLarge},
		{"body over the limit, length not declared", upload{name: "huge.jpg", data: noise, hideLength: true}, 413, tooLarge},
		{"no file", upload{fields: url.Values{"alt.tg": {"Расм"}}}, 422, tg.T("media.error.no_file")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := c.upload(tt.u)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if got := fieldError(t, resp.Body, "file"); got != tt.msg {
				t.Errorf("message beside the file input = %q, want %q", got, tt.msg)
			}
			if n, files := env.mediaCount(), env.storedFiles(); n != 0 || len(files) != 0 {
				t.Errorf("a refused upload left %d rows and files %v", n, files)
			}
		})
	}
}

// stallingReader serves r, then blocks instead of ending until ctx is
// done: a client still sending a body far longer than the limit.
type stallingReader struct {
	r   io.Reader
	ctx context.Context
}

func (s *stallingReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err == io.EOF {
		<-s.ctx.Done()
		return 0, io.ErrUnexpectedEOF
	}
	return n, err
}

// TestMediaUploadLimitEnforcedWhileReading sends a body that passes the
// limit and then never ends. Only a server that stops reading at the limit
// can answer; one that read the whole body first would wait for ever.
func TestMediaUploadLimitEnforcedWhileReading(t *testing.T) {
	const limit = 100 << 10
	env := newMediaEnv(t, limit)
	c := env.signedIn("editor@example.com")
	for _, declared := range []int64{1 << 30, -1} {
		t.Run(fmt.Sprintf("Content-Length %d", declared), func(t *testing.T) {
			var start bytes.Buffer
			w := multipart.NewWriter(&start)
			part, _ := w.CreateFormFile("file", "endless.jpg")
			_, _ = part.Write(append(jpegOf(t, 20, 20), make([]byte, limit+multipartOverhead+(256<<10))...))
			// The deadline ends the body too, so a server that waits for the
			// whole body fails the test instead of hanging it.
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			req, _ := http.NewRequestWithContext(ctx, http.MethodPost, env.server.URL+"/admin/media", &stallingReader{r: &start, ctx: ctx})
			req.ContentLength = declared
			req.Header.Set("Content-Type", w.FormDataContentType())
			req.Header.Set("Origin", env.server.URL)
			req.Header.Set("X-CSRF-Token", c.csrf)
			resp := c.do(req)
			if resp.StatusCode != http.StatusRequestEntityTooLarge {
				t.Fatalf("status %d, want 413", resp.StatusCode)
			}
			if got, want := fieldError(t, resp.Body, "file"), tg.T("media.error.too_large", "limit", formatBytes(tg, limit)); got != want {
				t.Errorf("message = %q, want %q", got, want)
			}
		})
	}
	if n, files := env.mediaCount(), env.storedFiles(); n != 0 || len(files) != 0 {
		t.Errorf("refused uploads left %d rows and %v", n, files)
	}
}

func TestMediaUploadKeepsTextsWhenRefused(t *testing.T) {
	env := newMediaEnv(t, 0)
	c := env.signedIn("editor@example.com")
	resp := c.upload(upload{name: "x.svg", data: []byte("<svg/>"), fields: url.Values{"alt.fa": {"کتاب‌خانه"}, "caption.tg": {"Акс"}}})
	doc := parseHTML(t, resp.Body)
	if resp.StatusCode != http.StatusUnsupportedMediaType {
		t.Fatalf("status %d", resp.StatusCode)
	}
	alt := doc.Find(`input[name="alt.fa"]`)
	if v, _ := alt.Attr("value"); v != "کتاب‌خانه" || alt.AttrOr("dir", "") != "rtl" || alt.AttrOr("lang", "") != "fa" {
		t.Errorf("alt.fa came back as %q dir=%q lang=%q", v, alt.AttrOr("dir", ""), alt.AttrOr("lang", ""))
	}
	if got := doc.Find(`textarea[name="caption.tg"]`).Text(); got != "Акс" {
		t.Errorf("caption.tg came back as %q", got)
	}
}

func TestMediaTextsSavedAndSearchable(t *testing.T) {
	env := newMediaEnv(t, 0)
	c := env.signedIn("editor@example.com")
	m := env.uploadedMedia(c.upload(upload{name: "IMG_2041.jpg", data: jpegOf(t, 800, 600), fields: url.Values{
		"alt.tg": {"Кӯҳҳои Помир"}, "caption.tg": {"Акс: Ахбор"}, "alt.fa": {"کوه‌های پامیر"},
	}}))
	env.uploadedMedia(c.upload(upload{name: "other.png", data: pngOf(t, 50, 50)}))
	if tgText, faText := m.Text("tg"), m.Text("fa"); tgText.Alt != "Кӯҳҳои Помир" || tgText.Caption != "Акс: Ахбор" || faText.Alt != "کوه‌های پامیر" {
		t.Fatalf("texts saved as %+v", m.Texts)
	}

	gridIDs := func(q string) []string {
		t.Helper()
		resp := c.get("/admin/media?q=" + url.QueryEscape(q))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("grid: %d", resp.StatusCode)
		}
		var ids []string
		parseHTML(t, resp.Body).Find(`[data-testid="media-grid"] li`).Each(func(_ int, s *goquery.Selection) {
			ids = append(ids, s.AttrOr("data-testid", ""))
		})
		return ids
	}
	want := fmt.Sprintf("media-%d", m.ID)
	for _, q := range []string{"Помир", "پامیر", "img_2041", "2041.JPG"} {
		if got := gridIDs(q); len(got) != 1 || got[0] != want {
			t.Errorf("search %q found %v, want [%s]", q, got, want)
		}
	}
	if got := gridIDs(""); len(got) != 2 || got[1] != want {
		t.Errorf("the grid shows %v, want two pictures, the newest first", got)
	}

	resp := c.post(mediaEditURL(m.ID), url.Values{"alt.tg": {"Қуллаи Исмоили Сомонӣ"}, "caption.tg": {""}, "alt.fa": {"قلهٔ اسماعیل سامانی"}, "caption.fa": {"عکس"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != mediaEditURL(m.ID) {
		t.Fatalf("save texts: %d → %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	saved, err := env.store.FindMedia(context.Background(), m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Text("tg").Alt != "Қуллаи Исмоили Сомонӣ" || saved.Text("tg").Caption != "" || saved.Text("fa").Caption != "عکس" {
		t.Errorf("texts now %+v", saved.Texts)
	}
	if got := gridIDs("Помир"); len(got) != 0 {
		t.Errorf("the old alt text still finds %v", got)
	}
	if got := gridIDs("سامانی"); len(got) != 1 || got[0] != want {
		t.Errorf("the new alt text finds %v", got)
	}

	doc := parseHTML(t, c.get(mediaEditURL(m.ID)).Body)
	for _, f := range []struct{ name, lang, dir string }{{"alt.tg", "tg", "ltr"}, {"alt.fa", "fa", "rtl"}, {"caption.fa", "fa", "rtl"}} {
		el := doc.Find(`[name="` + f.name + `"]`)
		if el.AttrOr("lang", "") != f.lang || el.AttrOr("dir", "") != f.dir || doc.Find(`label[for="`+f.name+`"]`).Length() != 1 {
			t.Errorf("%s: lang=%q dir=%q, want %s %s with a label", f.name, el.AttrOr("lang", ""), el.AttrOr("dir", ""), f.lang, f.dir)
		}
	}
}

func TestMediaTextTooLong(t *testing.T) {
	env := newMediaEnv(t, 0)
	c := env.signedIn("editor@example.com")
	m := env.uploadedMedia(c.upload(upload{name: "a.jpg", data: jpegOf(t, 40, 40), fields: url.Values{"alt.tg": {"Кӯҳ"}}}))
	resp := c.post(mediaEditURL(m.ID), url.Values{"alt.tg": {strings.Repeat("ҳ", models.AltMaxRunes+1)}, "alt.fa": {"کوه"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", resp.StatusCode)
	}
	if got := fieldError(t, resp.Body, "alt.tg"); got != tg.T("validation.too_long", "max", models.AltMaxRunes) {
		t.Errorf("message beside alt.tg = %q", got)
	}
	if saved, _ := env.store.FindMedia(context.Background(), m.ID); saved.Text("tg").Alt != "Кӯҳ" || saved.Text("fa").Alt != "" {
		t.Errorf("a refused form saved %+v", saved.Texts)
	}
}

func TestMediaAccess(t *testing.T) {
	env := newMediaEnv(t, 0)
	pic := jpegOf(t, 30, 30)

	visitor := env.client()
	if resp := visitor.get("/admin/media"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/admin/login") {
		t.Errorf("visitor's library: %d → %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp := visitor.upload(upload{name: "a.jpg", data: pic}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("visitor's upload: %d, want 403", resp.StatusCode)
	}
	if resp := visitor.upload(upload{name: "a.jpg", data: make([]byte, 30<<20)}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("visitor's oversized upload: %d, want 403", resp.StatusCode)
	}

	editor := env.signedIn("editor@example.com")
	resp := editor.upload(upload{name: "a.jpg", data: pic, noCSRF: true})
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(resp.Body, tg.T("error.csrf.title")) {
		t.Errorf("upload without the CSRF token: %d, want the 403 page", resp.StatusCode)
	}
	if n, files := env.mediaCount(), env.storedFiles(); n != 0 || len(files) != 0 {
		t.Fatalf("refused requests stored %d rows and %v", n, files)
	}

	m := env.uploadedMedia(editor.upload(upload{name: "a.jpg", data: pic}))
	for _, path := range []string{"/admin/media", mediaEditURL(m.ID), "/admin/media/picker"} {
		if resp := editor.get(path); resp.StatusCode != http.StatusOK {
			t.Errorf("editor GET %s: %d", path, resp.StatusCode)
		}
	}
	if resp := editor.get("/admin/media/999999"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("missing picture: %d", resp.StatusCode)
	}
	if resp := visitor.post(mediaEditURL(m.ID), url.Values{"alt.tg": {"x"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("visitor's text save: %d, want 403", resp.StatusCode)
	}
	form := url.Values{"alt.tg": {"x"}, "csrf_token": {""}}
	if resp := editor.postRaw(mediaEditURL(m.ID), form, http.Header{"Origin": {env.server.URL}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("text save without the CSRF token: %d, want 403", resp.StatusCode)
	}
	if saved, _ := env.store.FindMedia(context.Background(), m.ID); len(saved.Texts) != 0 {
		t.Errorf("refused saves wrote %+v", saved.Texts)
	}
}

func TestMediaSameFileTwice(t *testing.T) {
	env := newMediaEnv(t, 0)
	c := env.signedIn("editor@example.com")
	pic := jpegOf(t, 64, 48)
	first := env.uploadedMedia(c.upload(upload{name: "a.jpg", data: pic, fields: url.Values{"alt.tg": {"Расм"}}}))
	second := env.uploadedMedia(c.upload(upload{name: "copy.jpg", data: pic, fields: url.Values{"alt.fa": {"تصویر"}}}))
	if first.ID != second.ID || env.mediaCount() != 1 {
		t.Fatalf("the same picture was recorded twice: %d and %d", first.ID, second.ID)
	}
	if second.Text("tg").Alt != "Расм" || second.Text("fa").Alt != "تصویر" {
		t.Errorf("texts now %+v: the second upload must add, not blank", second.Texts)
	}
	if flash := parseHTML(t, c.get(mediaEditURL(first.ID)).Body).Find(`[data-testid="flash"]`).Text(); flash != tg.T("media.already_there", "name", "a.jpg") {
		t.Errorf("flash = %q", flash)
	}
}

func TestMediaPicker(t *testing.T) {
	env := newMediaEnv(t, 0)
	c := env.signedIn("editor@example.com")
	m := env.uploadedMedia(c.upload(upload{name: "pamir.jpg", data: jpegOf(t, 1200, 800), fields: url.Values{
		"alt.tg": {"Кӯҳҳои Помир"}, "alt.fa": {"کوه‌های پامیر"}, "caption.fa": {"عکس از خبرگزاری"},
	}}))
	env.uploadedMedia(c.upload(upload{name: "other.png", data: pngOf(t, 50, 50)}))

	resp := c.get("/admin/media/picker?q=" + url.QueryEscape("پامیر"))
	if resp.StatusCode != http.StatusOK || strings.Contains(resp.Body, "<html") || strings.Contains(resp.Body, "<nav") {
		t.Fatalf("picker: %d, want a fragment without the layout:\n%s", resp.StatusCode, resp.Body)
	}
	doc := parseHTML(t, resp.Body)
	buttons := doc.Find(`button.media-pick`)
	if buttons.Length() != 1 {
		t.Fatalf("%d buttons, want 1", buttons.Length())
	}
	medium, thumb := m.Variant(media.VariantMedium), m.Variant(media.VariantThumbnail)
	for attr, want := range map[string]string{
		"type": "button", "data-media-id": fmt.Sprint(m.ID), "data-src": "/media/" + medium.Path, "data-thumb": "/media/" + thumb.Path,
		"data-width": "960", "data-height": "640", "data-alt-tg": "Кӯҳҳои Помир", "data-alt-fa": "کوه‌های پامیر",
		"data-caption-fa": "عکس از خبرگزاری", "data-caption-tg": "",
	} {
		if got, ok := buttons.Attr(attr); !ok || got != want {
			t.Errorf("%s = %q (present %v), want %q", attr, got, ok, want)
		}
	}
	if src, _ := buttons.Find("img").Attr("src"); src != "/media/"+thumb.Path {
		t.Errorf("the button shows %q, want the thumbnail", src)
	}
	search := doc.Find(`#media-picker-q`)
	// Searching swaps only the results: a half-filled upload above stays.
	if search.AttrOr("hx-get", "") != "/admin/media/picker" || search.AttrOr("hx-target", "") != "#media-picker-results" ||
		search.AttrOr("hx-select", "") != "#media-picker-results" || doc.Find(`label[for="media-picker-q"]`).Length() != 1 {
		t.Errorf("the search box does not re-fetch the picker's results: %v", search.Nodes)
	}
	// The picker uploads too: the library's address, a file and the texts
	// of every locale.
	upload := doc.Find(`form[data-picker-upload]`)
	if upload.AttrOr("action", "") != "/admin/media" || upload.Find(`input[type="file"][name="file"]`).Length() != 1 {
		t.Errorf("the picker has no upload form: %v", upload.Nodes)
	}
	for _, name := range []string{"alt.tg", "caption.tg", "alt.fa", "caption.fa"} {
		if upload.Find(`[name="`+name+`"]`).Length() != 1 {
			t.Errorf("the picker's upload has no %s field", name)
		}
	}
	if n := parseHTML(t, c.get("/admin/media/picker").Body).Find(`button.media-pick`).Length(); n != 2 {
		t.Errorf("unfiltered picker offers %d pictures, want 2", n)
	}
	if empty := parseHTML(t, c.get("/admin/media/picker?q=nothing").Body).Find(`[data-testid="media-picker-empty"]`); empty.Length() != 1 {
		t.Error("an empty search says nothing")
	}
}

func TestFormatBytes(t *testing.T) {
	fa := i18n.MustLoad().Localizer("fa")
	tests := []struct {
		l    i18n.Localizer
		n    int64
		want string
	}{
		{tg, 512, "512 байт"},
		{tg, 100 << 10, "100 КБ"},
		{tg, 20 << 20, "20 МБ"},
		{tg, 1536 << 10, "1,5 МБ"},
		{tg, 150 << 20, "150 МБ"},
		{fa, 1536 << 10, "۱٫۵ مگابایت"},
		{fa, 20 << 20, "۲۰ مگابایت"},
	}
	for _, tt := range tests {
		if got := formatBytes(tt.l, tt.n); got != tt.want {
			t.Errorf("formatBytes(%s, %d) = %q, want %q", tt.l.Code, tt.n, got, tt.want)
		}
	}
}
