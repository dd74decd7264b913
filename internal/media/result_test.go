package media

import (
	"bytes"
	"context"
	"io"
	"slices"
	"testing"
)

// countingStore records how many files Save actually writes.
type countingStore struct {
	Store
	puts int
}

func (c *countingStore) Put(ctx context.Context, path string, r io.Reader) error {
	c.puts++
	return c.Store.Put(ctx, path, r)
}

func TestResultSaveWritesEveryFileOnce(t *testing.T) {
	fsStore, err := NewFSStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	store := &countingStore{Store: fsStore}
	res, err := NewProcessor(Config{}).Process(t.Context(), bytes.NewReader(encodeJPEG(t, 1000, 700)), "a.jpg")
	if err != nil {
		t.Fatalf("Process: %v", err)
	}
	if err := res.Save(t.Context(), store); err != nil {
		t.Fatalf("Save: %v", err)
	}
	files := []File{res.File}
	for _, v := range slices.Concat(res.Variants, res.Crops) {
		files = append(files, v.File)
	}
	for _, f := range files {
		file, err := store.Open(t.Context(), f.Path)
		if err != nil {
			t.Fatalf("Open %s: %v", f.Path, err)
		}
		got, _ := io.ReadAll(file)
		file.Close()
		if !bytes.Equal(got, f.data) {
			t.Errorf("%s holds other bytes than the result", f.Path)
		}
	}
	if err := res.Save(t.Context(), store); err != nil {
		t.Fatalf("second Save: %v", err)
	}
	if store.puts != len(files) {
		t.Errorf("saving twice wrote %d files, want %d", store.puts, len(files))
	}
}

func TestCleanNameKeepsOnlyADisplayName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"photo.jpg", "photo.jpg"},
		{"../../etc/passwd", "passwd"},
		{`C:\Users\me\shot.png`, "shot.png"},
		{"invoice\u202Egpj.exe", "invoicegpj.exe"},
		{"می\u200cروم.jpg", "می\u200cروم.jpg"}, // ZWNJ belongs to Persian words
		{"tab\there\x00.jpg", "tabhere.jpg"},
		{"", ""},
		{"/", ""},
	}
	for _, tt := range tests {
		if got := cleanName(tt.in); got != tt.want {
			t.Errorf("cleanName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPublicPath(t *testing.T) {
	for in, want := range map[string]string{
		"ab/abc.jpg":  "/media/ab/abc.jpg",
		"/ab/abc.jpg": "/media/ab/abc.jpg",
	} {
		if got := PublicPath(in); got != want {
			t.Errorf("PublicPath(%q) = %q, want %q", in, got, want)
		}
	}
}
