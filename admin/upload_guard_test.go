package admin

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// countingBody is a request body that counts the bytes the server read.
type countingBody struct {
	r    io.Reader
	read int
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.read += n
	return n, err
}

func (b *countingBody) Close() error { return nil }

// TestUploadRefusedBeforeBodyIsRead sends uploads that must be refused and
// counts what the server read of each body: nothing. Session, role, Origin
// and the X-CSRF-Token header are all checked first; a token in the form
// field does not count, since finding it would mean reading the body. The
// accepted upload at the end shows the count sees reads.
func TestUploadRefusedBeforeBodyIsRead(t *testing.T) {
	env := newMediaEnv(t, 0)
	editor := env.signedIn("editor@example.com")
	visitor := env.client()
	visitor.get("/admin/login") // a valid visitor's CSRF cookie and token
	same := env.server.URL
	tests := []struct {
		name   string
		from   *client
		path   string
		header http.Header
		want   int
	}{
		{"visitor", env.client(), "/admin/media", http.Header{"Origin": {same}}, http.StatusForbidden},
		{"visitor with its own valid token", visitor, "/admin/media", http.Header{"Origin": {same}, "X-CSRF-Token": {visitor.csrf}}, http.StatusForbidden},
		{"token only in the form field", editor, "/admin/media", http.Header{"Origin": {same}}, http.StatusForbidden},
		{"wrong token", editor, "/admin/media", http.Header{"Origin": {same}, "X-CSRF-Token": {"forged"}}, http.StatusForbidden},
		{"cross-site origin", editor, "/admin/media", http.Header{"Origin": {"https://evil.example"}, "X-CSRF-Token": {editor.csrf}}, http.StatusForbidden},
		{"cross-site fetch", editor, "/admin/media", http.Header{"Sec-Fetch-Site": {"cross-site"}, "X-CSRF-Token": {editor.csrf}}, http.StatusForbidden},
		{"to an admins' page", editor, "/admin/users", http.Header{"Origin": {same}, "X-CSRF-Token": {editor.csrf}}, http.StatusUnsupportedMediaType},
		{"to a page that takes no files", editor, "/admin/account/language", http.Header{"Origin": {same}, "X-CSRF-Token": {editor.csrf}}, http.StatusUnsupportedMediaType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec, body := env.sendUpload(tt.from, tt.path, tt.header)
			if rec.Code != tt.want {
				t.Fatalf("status %d, want %d", rec.Code, tt.want)
			}
			if body.read != 0 {
				t.Errorf("the server read %d bytes of a refused upload", body.read)
			}
			if rec.Header().Get("Connection") != "close" {
				t.Errorf("Connection: %q, want close so the unread body is not drained", rec.Header().Get("Connection"))
			}
		})
	}
	rec, body := env.sendUpload(editor, "/admin/media", http.Header{"Origin": {same}, "X-CSRF-Token": {editor.csrf}})
	if rec.Code != http.StatusSeeOther || body.read == 0 {
		t.Fatalf("accepted upload: status %d after reading %d bytes", rec.Code, body.read)
	}
	if n, files := env.mediaCount(), env.storedFiles(); n != 1 || len(files) == 0 {
		t.Fatalf("%d rows and %v after one accepted upload", n, files)
	}
}

// sendUpload posts a 2 MB picture upload, with the CSRF token in the form
// field as a plain form would send it, straight to the router with c's
// cookies, so the body's reader sees exactly what the server reads.
func (env *mediaEnv) sendUpload(c *client, path string, header http.Header) (*httptest.ResponseRecorder, *countingBody) {
	env.t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	_ = w.WriteField("csrf_token", c.csrf)
	part, _ := w.CreateFormFile("file", "big.png")
	_, _ = part.Write(pngOf(env.t, 64, 64))
	_, _ = part.Write(make([]byte, 2<<20))
	_ = w.Close()
	body := &countingBody{r: &buf}
	req := httptest.NewRequest(http.MethodPost, env.server.URL+path, nil)
	req.Body, req.ContentLength = body, int64(buf.Len())
	req.Header.Set("Content-Type", w.FormDataContentType())
	for k, vs := range header {
		for _, v := range vs {
			req.Header.Add(k, v) // canonical, as the server's reader would make it
		}
	}
	u, _ := url.Parse(env.server.URL + "/admin/")
	for _, ck := range c.http.Jar.Cookies(u) {
		req.AddCookie(ck)
	}
	rec := httptest.NewRecorder()
	env.server.Config.Handler.ServeHTTP(rec, req)
	return rec, body
}
