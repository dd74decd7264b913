package media

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzProcess feeds arbitrary bytes to Process. It must never panic, every
// refusal must wrap one of the sentinels an HTTP layer maps to a status,
// and every success must describe sensible files.
func FuzzProcess(f *testing.F) {
	f.Add(encodeJPEG(f, 20, 10))
	f.Add(withEXIF(encodeJPEG(f, 20, 10), 8))
	f.Add(encodePNG(f, 12, 9, true))
	f.Add(encodeGIF(f, 10, 10))
	f.Add(readTestdata(f, "blue-purple-pink.lossy.webp"))
	f.Add(readTestdata(f, "gopher-doc.with-alpha.lossless.webp"))
	f.Add(pngHeaderOnly(100_000, 100_000))
	f.Add([]byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`))
	f.Add([]byte{})

	// Small limits keep each run fast, so the fuzzer explores more inputs.
	p := NewProcessor(Config{MaxBytes: 1 << 20, MaxPixels: 1 << 20, MaxSide: 4096, ThumbnailSize: 16, MediumSize: 48})
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := p.Process(t.Context(), bytes.NewReader(data), "fuzz.jpg")
		if err != nil {
			if !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrUnsupportedType) &&
				!errors.Is(err, ErrTooManyPixels) && !errors.Is(err, ErrInvalidImage) {
				t.Fatalf("unclassified error: %v", err)
			}
			return
		}
		if len(res.Hash) != 64 || res.Width < 1 || res.Height < 1 || res.Size != int64(len(res.data)) {
			t.Fatalf("bad result: %+v", res.File)
		}
		for _, v := range res.Variants {
			if v.Width < 1 || v.Height < 1 || v.Width > max(48, res.Width) || v.Height > max(48, res.Height) {
				t.Fatalf("bad %s: %d×%d of %d×%d", v.Name, v.Width, v.Height, res.Width, res.Height)
			}
		}
	})
}
