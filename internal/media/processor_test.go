package media

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"image"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

var originalPath = regexp.MustCompile(`^([0-9a-f]{2})/([0-9a-f]{64})\.(jpg|png)$`)

func TestProcessAcceptsEachTypeAndReencodes(t *testing.T) {
	tests := []struct {
		name        string
		data        []byte
		w, h        int
		wantMIME    string
		variantMIME string
	}{
		{"jpeg stays jpeg", encodeJPEG(t, 400, 300), 400, 300, "image/jpeg", "image/jpeg"},
		{"opaque png stays png", encodePNG(t, 400, 300, false), 400, 300, "image/png", "image/jpeg"},
		{"png with alpha keeps alpha", encodePNG(t, 400, 300, true), 400, 300, "image/png", "image/png"},
		{"gif becomes png", encodeGIF(t, 120, 90), 120, 90, "image/png", "image/jpeg"},
		{"opaque webp becomes jpeg", readTestdata(t, "blue-purple-pink.lossy.webp"), 150, 100, "image/jpeg", "image/jpeg"},
		{"webp with alpha becomes png", readTestdata(t, "gopher-doc.with-alpha.lossless.webp"), 75, 100, "image/png", "image/png"},
	}
	p := NewProcessor(Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := p.Process(t.Context(), bytes.NewReader(tt.data), "upload.bin")
			if err != nil {
				t.Fatalf("Process: %v", err)
			}
			if res.MIME != tt.wantMIME || res.Width != tt.w || res.Height != tt.h {
				t.Errorf("got %s %d×%d, want %s %d×%d", res.MIME, res.Width, res.Height, tt.wantMIME, tt.w, tt.h)
			}
			m := originalPath.FindStringSubmatch(res.Path)
			if m == nil || m[2] != res.Hash || m[1] != res.Hash[:2] || "."+m[3] != res.Ext {
				t.Errorf("path %q does not match hash %s and ext %s", res.Path, res.Hash, res.Ext)
			}
			sum := sha256.Sum256(res.data)
			if hex.EncodeToString(sum[:]) != res.Hash || res.Size != int64(len(res.data)) {
				t.Errorf("hash or size does not describe the stored bytes")
			}
			checkDecodes(t, res.File)
			if len(res.Variants) != 5 {
				t.Fatalf("got %d variants, want 5 (two sizes, three WebP copies)", len(res.Variants))
			}
			for i, v := range res.Variants {
				want := tt.variantMIME
				if i >= 2 {
					want = "image/webp"
				}
				if v.MIME != want {
					t.Errorf("%s is %s, want %s", v.Name, v.MIME, want)
				}
				checkDecodes(t, v.File)
			}
		})
	}
}

// checkDecodes asserts that f's bytes are an image of the type and size
// that f claims.
func checkDecodes(t *testing.T, f File) {
	t.Helper()
	cfg, format, err := image.DecodeConfig(bytes.NewReader(f.data))
	if err != nil {
		t.Fatalf("%s does not decode: %v", f.Path, err)
	}
	if "image/"+format != f.MIME || cfg.Width != f.Width || cfg.Height != f.Height {
		t.Errorf("%s is %s %d×%d, claims %s %d×%d", f.Path, format, cfg.Width, cfg.Height, f.MIME, f.Width, f.Height)
	}
}

func TestProcessStripsEXIFAndAppliesOrientation(t *testing.T) {
	upload := withEXIF(encodeJPEG(t, 40, 20), 6) // 6: rotate 90° clockwise
	if !bytes.Contains(upload, []byte("Exif")) || !bytes.Contains(upload, []byte(gpsMarker)) {
		t.Fatal("test upload lacks its EXIF segment")
	}
	res, err := NewProcessor(Config{}).Process(t.Context(), bytes.NewReader(upload), "phone.jpg")
	if err != nil {
		t.Fatalf("Process: %v", err)
	}
	if res.Width != 20 || res.Height != 40 {
		t.Errorf("got %d×%d, want 20×40 after orientation", res.Width, res.Height)
	}
	for _, f := range append([]File{res.File}, res.Variants[0].File, res.Variants[1].File) {
		if bytes.Contains(f.data, []byte("Exif")) || bytes.Contains(f.data, []byte("GPS")) {
			t.Errorf("%s still carries EXIF or GPS bytes", f.Path)
		}
	}
}

func TestProcessRefusesOtherTypes(t *testing.T) {
	elf := append([]byte("\x7fELF\x02\x01\x01\x00"), make([]byte, 64)...)
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, ErrUnsupportedType},
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`), ErrUnsupportedType},
		{"svg with xml prolog", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>`), ErrUnsupportedType},
		{"html", []byte("<!DOCTYPE html><html><body>hi</body></html>"), ErrUnsupportedType},
		{"pdf", []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"), ErrUnsupportedType},
		{"elf named jpg", elf, ErrUnsupportedType},
		{"windows exe", append([]byte("MZ\x90\x00"), make([]byte, 64)...), ErrUnsupportedType},
		{"bmp", append([]byte("BM"), make([]byte, 64)...), ErrUnsupportedType},
		{"tiff", []byte("II*\x00\x08\x00\x00\x00"), ErrUnsupportedType},
		{"text", []byte("just some words"), ErrUnsupportedType},
		{"jpeg magic then junk", []byte("\xff\xd8\xff\xe0 not really a jpeg"), ErrInvalidImage},
		{"truncated png", encodePNG(t, 50, 50, false)[:60], ErrInvalidImage},
		{"png declaring zero width", pngHeaderOnly(0, 10), ErrInvalidImage},
	}
	p := NewProcessor(Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := p.Process(t.Context(), bytes.NewReader(tt.data), "photo.jpg")
			if !errors.Is(err, tt.want) || res != nil {
				t.Fatalf("got (%v, %v), want %v", res, err, tt.want)
			}
		})
	}
}

// endless is an upload body that never ends.
type endless struct{ read int64 }

func (e *endless) Read(b []byte) (int, error) {
	for i := range b {
		b[i] = 0xff
	}
	e.read += int64(len(b))
	return len(b), nil
}

func TestProcessRefusesTooLarge(t *testing.T) {
	jpg := encodeJPEG(t, 200, 200)
	p := NewProcessor(Config{MaxBytes: int64(len(jpg))})
	if _, err := p.Process(t.Context(), bytes.NewReader(jpg), "exact.jpg"); err != nil {
		t.Fatalf("an upload of exactly MaxBytes was refused: %v", err)
	}
	if _, err := p.Process(t.Context(), bytes.NewReader(append(jpg, 0)), "over.jpg"); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("one byte over: got %v, want ErrTooLarge", err)
	}
	body := &endless{}
	if _, err := p.Process(t.Context(), body, "endless.jpg"); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("endless body: got %v, want ErrTooLarge", err)
	}
	if body.read > int64(len(jpg))+64<<10 {
		t.Errorf("read %d bytes of an endless body; the limit is %d", body.read, len(jpg))
	}
}

func TestProcessRefusesDecompressionBombs(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		{"100000×100000 png", pngHeaderOnly(100_000, 100_000)},
		{"over the pixel limit", pngHeaderOnly(8000, 6000)},
		{"absurdly long side", pngHeaderOnly(30_000, 10)},
	}
	p := NewProcessor(Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := p.Process(t.Context(), bytes.NewReader(tt.data), "bomb.png")
			runtime.ReadMemStats(&after)
			if !errors.Is(err, ErrTooManyPixels) {
				t.Fatalf("got %v, want ErrTooManyPixels", err)
			}
			if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
				t.Errorf("allocated %d bytes before refusing", grew)
			}
		})
	}
}

func TestProcessVariantSizesNeverUpscale(t *testing.T) {
	tests := []struct {
		name             string
		w, h             int
		thumbW, thumbH   int
		mediumW, mediumH int
	}{
		{"landscape", 1200, 800, 320, 213, 960, 640},
		{"portrait", 800, 1200, 213, 320, 640, 960},
		{"between the boxes", 500, 300, 320, 192, 500, 300},
		{"smaller than both", 100, 50, 100, 50, 100, 50},
		{"one pixel high", 4000, 1, 320, 1, 960, 1},
	}
	p := NewProcessor(Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := p.Process(t.Context(), bytes.NewReader(encodePNG(t, tt.w, tt.h, false)), "x.png")
			if err != nil {
				t.Fatalf("Process: %v", err)
			}
			thumb, _ := res.Variant(VariantThumbnail)
			medium, _ := res.Variant(VariantMedium)
			if thumb.Width != tt.thumbW || thumb.Height != tt.thumbH {
				t.Errorf("thumbnail %d×%d, want %d×%d", thumb.Width, thumb.Height, tt.thumbW, tt.thumbH)
			}
			if medium.Width != tt.mediumW || medium.Height != tt.mediumH {
				t.Errorf("medium %d×%d, want %d×%d", medium.Width, medium.Height, tt.mediumW, tt.mediumH)
			}
			if !strings.HasSuffix(thumb.Path, "-thumb.jpg") || !strings.HasSuffix(medium.Path, "-medium.jpg") {
				t.Errorf("variant paths %q, %q", thumb.Path, medium.Path)
			}
		})
	}
}

func TestProcessSameInputSameHash(t *testing.T) {
	p := NewProcessor(Config{})
	process := func(data []byte) *Result {
		res, err := p.Process(t.Context(), bytes.NewReader(data), "a.jpg")
		if err != nil {
			t.Fatalf("Process: %v", err)
		}
		return res
	}
	a, b := process(encodeJPEG(t, 300, 200)), process(encodeJPEG(t, 300, 200))
	if a.Hash != b.Hash || !bytes.Equal(a.data, b.data) || a.Variants[0].Path != b.Variants[0].Path {
		t.Errorf("same upload gave %s and %s", a.Hash, b.Hash)
	}
	if c := process(encodeJPEG(t, 301, 200)); c.Hash == a.Hash {
		t.Error("different uploads share a hash")
	}
}

func TestProcessStopsOnCanceledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := NewProcessor(Config{}).Process(ctx, bytes.NewReader(encodeJPEG(t, 50, 50)), "a.jpg")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}
