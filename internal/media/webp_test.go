package media

import (
	"bytes"
	"image"
	"image/draw"
	"testing"

	"github.com/gen2brain/webp"
	xwebp "golang.org/x/image/webp"
)

// webpChunk returns the first chunk of a WebP file: "VP8 " for lossy,
// "VP8L" for lossless, "VP8X" for the extended (lossy with alpha) form.
func webpChunk(data []byte) string {
	if len(data) < 16 {
		return ""
	}
	return string(data[12:16])
}

// decodeWebP decodes f with golang.org/x/image/webp, a decoder apart from
// the encoder, and checks the dimensions f claims.
func decodeWebP(t *testing.T, f File) image.Image {
	t.Helper()
	if f.MIME != "image/webp" || f.Ext != ".webp" {
		t.Fatalf("%s is %s (%s), want image/webp", f.Path, f.MIME, f.Ext)
	}
	img, err := xwebp.Decode(bytes.NewReader(f.data))
	if err != nil {
		t.Fatalf("%s does not decode: %v", f.Path, err)
	}
	if b := img.Bounds(); b.Dx() != f.Width || b.Dy() != f.Height {
		t.Errorf("%s is %d×%d, claims %d×%d", f.Path, b.Dx(), b.Dy(), f.Width, f.Height)
	}
	return img
}

func TestProcessWritesWebPBesideEverySize(t *testing.T) {
	tests := []struct {
		name      string
		data      []byte
		wantChunk string
	}{
		{"jpeg gets lossy webp", encodeJPEG(t, 1200, 800), "VP8 "},
		{"opaque png gets lossless webp of the original, lossy of the sizes", encodePNG(t, 1000, 400, false), ""},
		{"transparent png gets lossless webp", encodePNG(t, 700, 500, true), "VP8L"},
		{"gif's first frame gets webp", encodeGIF(t, 120, 90), ""},
	}
	p := NewProcessor(Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := p.Process(t.Context(), bytes.NewReader(tt.data), "upload")
			if err != nil {
				t.Fatalf("Process: %v", err)
			}
			beside := map[string]File{VariantOriginal: res.File}
			for _, v := range res.Variants[:2] {
				beside[v.Name] = v.File
			}
			for size, sibling := range beside {
				v, ok := res.Variant(WebPVariantName(size))
				if !ok {
					t.Fatalf("no WebP copy of the %s", size)
				}
				decodeWebP(t, v.File)
				if v.Width != sibling.Width || v.Height != sibling.Height {
					t.Errorf("%s WebP is %d×%d, its %s is %d×%d", size, v.Width, v.Height, sibling.MIME, sibling.Width, sibling.Height)
				}
				if v.Path != webpPath(sibling.Path) {
					t.Errorf("%s WebP at %q, want beside %q", size, v.Path, sibling.Path)
				}
				lossless := webpChunk(v.data) == "VP8L"
				if lossless != (sibling.MIME == "image/png" && v.Width*v.Height <= maxLosslessWebPPixels) {
					t.Errorf("%s WebP chunk %q beside a %s: lossless WebP goes beside PNG only", size, webpChunk(v.data), sibling.MIME)
				}
				if tt.wantChunk != "" && webpChunk(v.data) != tt.wantChunk {
					t.Errorf("%s WebP chunk %q, want %q", size, webpChunk(v.data), tt.wantChunk)
				}
			}
		})
	}
}

func TestWebPOfTransparentPNGKeepsEveryPixel(t *testing.T) {
	src := testImage(300, 200, true)
	res, err := NewProcessor(Config{}).Process(t.Context(), bytes.NewReader(encodePNG(t, 300, 200, true)), "a.png")
	if err != nil {
		t.Fatalf("Process: %v", err)
	}
	v, _ := res.Variant(WebPVariantName(VariantOriginal))
	got := image.NewNRGBA(src.Bounds())
	draw.Draw(got, got.Bounds(), decodeWebP(t, v.File), image.Point{}, draw.Src)
	// Lossless WebP may change the colour of fully transparent pixels
	// only; every pixel here has some opacity, so all must survive.
	if !bytes.Equal(got.Pix, src.Pix) {
		t.Error("the lossless WebP of a transparent PNG changed pixels or alpha")
	}
}

// Above the lossless budget, a transparent picture's WebP copy is lossy
// but keeps its alpha channel exactly.
func TestLargeTransparentPNGGetsLossyWebPWithExactAlpha(t *testing.T) {
	const w, h = 1100, 1000 // over maxLosslessWebPPixels
	src := testImage(w, h, true)
	res, err := NewProcessor(Config{}).Process(t.Context(), bytes.NewReader(encodePNG(t, w, h, true)), "big.png")
	if err != nil {
		t.Fatalf("Process: %v", err)
	}
	v, _ := res.Variant(WebPVariantName(VariantOriginal))
	if chunk := webpChunk(v.data); chunk != "VP8X" {
		t.Fatalf("chunk %q, want VP8X (lossy with alpha)", chunk)
	}
	got := image.NewNRGBA(src.Bounds())
	draw.Draw(got, got.Bounds(), decodeWebP(t, v.File), image.Point{}, draw.Src)
	for i := 3; i < len(src.Pix); i += 4 {
		if got.Pix[i] != src.Pix[i] {
			t.Fatalf("alpha at byte %d is %d, want %d", i, got.Pix[i], src.Pix[i])
		}
	}
}

func TestAddWebPMakesWhatProcessWouldHave(t *testing.T) {
	p := NewProcessor(Config{})
	res, err := p.Process(t.Context(), bytes.NewReader(encodeJPEG(t, 1200, 800)), "old.jpg")
	if err != nil {
		t.Fatalf("Process: %v", err)
	}
	fsStore, err := NewFSStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	// A picture stored before WebP: its original and two sizes only.
	old := *res
	old.Variants = res.Variants[:2]
	if err := old.Save(t.Context(), fsStore); err != nil {
		t.Fatal(err)
	}
	original := StoredFile{Name: VariantOriginal, Path: res.Path, MIME: res.MIME, Width: res.Width, Height: res.Height}
	var sizes []StoredFile
	for _, v := range old.Variants {
		sizes = append(sizes, StoredFile{Name: v.Name, Path: v.Path, MIME: v.MIME, Width: v.Width, Height: v.Height})
	}
	store := &countingStore{Store: fsStore}
	added, err := p.AddWebP(t.Context(), store, original, sizes)
	if err != nil {
		t.Fatalf("AddWebP: %v", err)
	}
	if len(added) != 3 || store.puts != 3 {
		t.Fatalf("added %d WebP copies in %d writes, want 3 and 3", len(added), store.puts)
	}
	for _, a := range added {
		want, _ := res.Variant(a.Name)
		if a.Path != want.Path || a.Width != want.Width || a.Height != want.Height {
			t.Errorf("%s at %s %d×%d, an upload makes %s %d×%d", a.Name, a.Path, a.Width, a.Height, want.Path, want.Width, want.Height)
		}
		decodeWebP(t, a.File)
		if ok, _ := store.Exists(t.Context(), a.Path); !ok {
			t.Errorf("%s was not written", a.Path)
		}
	}
	if _, err := p.AddWebP(t.Context(), store, original, sizes); err != nil || store.puts != 3 {
		t.Errorf("a second AddWebP wrote %d files in all (err %v), want no new write", store.puts, err)
	}
}

// BenchmarkEncodeMedium encodes the medium size of a demo picture (960×640)
// in each format Payvand writes, and at cwebp's default method 4 for the
// comparison in docs/BENCHMARKS.md. B/file is the encoded size.
func BenchmarkEncodeMedium(b *testing.B) {
	p := NewProcessor(Config{})
	medium := fit(DemoImage(3, DemoWidth, DemoHeight), p.cfg.MediumSize)
	webp.Init() // compile the WebAssembly module outside the timing
	encodeWith := func(kind outputKind) func() (int, error) {
		return func() (int, error) {
			f, err := p.encode(medium, kind)
			return len(f.data), err
		}
	}
	cases := []struct {
		name   string
		encode func() (int, error)
	}{
		{"jpeg-q85", encodeWith(outputJPEG)},
		{"webp-q80-method2", encodeWith(outputWebP)},
		{"webp-q80-method4", func() (int, error) {
			var buf bytes.Buffer
			err := webp.Encode(&buf, medium, webp.Options{Quality: p.cfg.WebPQuality, Method: 4})
			return buf.Len(), err
		}},
		{"webp-lossless-effort50", encodeWith(outputWebPLossless)},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var size int
			for b.Loop() {
				n, err := c.encode()
				if err != nil {
					b.Fatal(err)
				}
				size = n
			}
			b.ReportMetric(float64(size), "B/file")
		})
	}
}
