package media

import (
	"bytes"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"

	"github.com/disintegration/imaging"
	"golang.org/x/image/webp"
)

// sourceFormat is an accepted upload type. Each carries its own
// DecodeConfig so that the header is read by the decoder matching the
// magic bytes, not by whichever decoder image.DecodeConfig would guess.
type sourceFormat struct {
	mime         string
	magic        func([]byte) bool
	decodeConfig func(io.Reader) (image.Config, error)
}

// sourceFormats lists every accepted type by the MIME type that
// http.DetectContentType reports for it.
var sourceFormats = map[string]sourceFormat{
	"image/jpeg": {"image/jpeg", isJPEG, jpeg.DecodeConfig},
	"image/png":  {"image/png", isPNG, png.DecodeConfig},
	"image/gif":  {"image/gif", isGIF, gif.DecodeConfig},
	"image/webp": {"image/webp", isWebP, webp.DecodeConfig},
}

// decode decodes data, which detectFormat found to be of type f. WebP goes
// to golang.org/x/image/webp by name: image.Decode would take whichever
// WebP decoder registered first, and the encoder's package registers one
// too (libwebp in WebAssembly). A JPEG's EXIF orientation is applied; a
// GIF gives its first frame.
func (f sourceFormat) decode(data []byte) (image.Image, error) {
	if f.mime == "image/webp" {
		return webp.Decode(bytes.NewReader(data))
	}
	return imaging.Decode(bytes.NewReader(data), imaging.AutoOrientation(true))
}

// detectFormat decides the type from the bytes alone: the upload's name and
// the client's Content-Type are never trusted, so an executable renamed to
// .jpg or an SVG (which can carry scripts) is refused.
func detectFormat(data []byte) (sourceFormat, error) {
	if len(data) == 0 {
		return sourceFormat{}, fmt.Errorf("%w: the file is empty", ErrUnsupportedType)
	}
	sniffed := http.DetectContentType(data)
	f, ok := sourceFormats[sniffed]
	// The explicit magic check guards against a future DetectContentType
	// that sniffs more loosely than the decoders below expect.
	if !ok || !f.magic(data) {
		return sourceFormat{}, fmt.Errorf("%w: %s is not a JPEG, PNG, GIF or WebP image", ErrUnsupportedType, sniffed)
	}
	return f, nil
}

func isJPEG(b []byte) bool { return bytes.HasPrefix(b, []byte("\xff\xd8\xff")) }

func isPNG(b []byte) bool { return bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) }

func isGIF(b []byte) bool {
	return bytes.HasPrefix(b, []byte("GIF87a")) || bytes.HasPrefix(b, []byte("GIF89a"))
}

func isWebP(b []byte) bool {
	return len(b) >= 16 && string(b[0:4]) == "RIFF" && string(b[8:15]) == "WEBPVP8"
}

// checkDimensions reads only the image header and refuses empty images and
// decompression bombs (a few kilobytes that declare gigapixels) before the
// decoder allocates any pixel memory.
func (p *Processor) checkDimensions(f sourceFormat, data []byte) error {
	cfg, err := f.decodeConfig(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%w: cannot read the %s header: %v", ErrInvalidImage, f.mime, err)
	}
	w, h := cfg.Width, cfg.Height
	if w <= 0 || h <= 0 {
		return fmt.Errorf("%w: the image declares %d×%d pixels", ErrInvalidImage, w, h)
	}
	if w > p.cfg.MaxSide || h > p.cfg.MaxSide || int64(w)*int64(h) > p.cfg.MaxPixels {
		return fmt.Errorf("%w: %d×%d pixels exceeds the limit of %d pixels (%d per side)",
			ErrTooManyPixels, w, h, p.cfg.MaxPixels, p.cfg.MaxSide)
	}
	return nil
}
