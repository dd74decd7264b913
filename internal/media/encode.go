package media

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"

	"github.com/disintegration/imaging"
)

// outputKind is a format this package writes. imaging cannot encode WebP,
// and JPEG plus PNG cover every browser, so these two are all it needs.
type outputKind int

const (
	outputJPEG outputKind = iota
	outputPNG
)

// originalKind chooses the stored format of the original. JPEG stays JPEG
// and PNG stays PNG. A GIF becomes a PNG of its first frame: PNG is
// lossless and keeps transparency, and a one-frame file named .gif would
// wrongly suggest the animation survived. WebP becomes PNG when it has
// transparency and JPEG otherwise, because WebP cannot be written here.
func originalKind(src sourceFormat, opaque bool) outputKind {
	switch {
	case src.mime == "image/jpeg":
		return outputJPEG
	case src.mime == "image/webp" && opaque:
		return outputJPEG
	default:
		return outputPNG
	}
}

// variantKind is JPEG for opaque images, which makes small sizes a fraction
// of a PNG's weight, and PNG when transparency must be kept.
func variantKind(opaque bool) outputKind {
	if opaque {
		return outputJPEG
	}
	return outputPNG
}

// encode writes img in the given format. Re-encoding from pixels is what
// strips EXIF, GPS positions and anything else hidden in the upload.
func (p *Processor) encode(img image.Image, kind outputKind) (File, error) {
	var buf bytes.Buffer
	f := File{Width: img.Bounds().Dx(), Height: img.Bounds().Dy()}
	var err error
	switch kind {
	case outputJPEG:
		f.MIME, f.Ext = "image/jpeg", ".jpg"
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: p.cfg.JPEGQuality})
	default:
		f.MIME, f.Ext = "image/png", ".png"
		err = png.Encode(&buf, img)
	}
	if err != nil {
		return File{}, fmt.Errorf("media: encode %s: %w", f.MIME, err)
	}
	f.data = buf.Bytes()
	f.Size = int64(len(f.data))
	return f, nil
}

// variants makes the thumbnail and the medium size. Their names hang off
// the original's hash, so changing the sizes later means regenerating the
// variants rather than expecting new names.
func (p *Processor) variants(ctx context.Context, img image.Image, hash string, opaque bool) ([]Variant, error) {
	specs := []struct {
		name, suffix string
		box          int
	}{
		{VariantThumbnail, "-thumb", p.cfg.ThumbnailSize},
		{VariantMedium, "-medium", p.cfg.MediumSize},
	}
	out := make([]Variant, 0, len(specs))
	for _, s := range specs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		f, err := p.encode(fit(img, s.box), variantKind(opaque))
		if err != nil {
			return nil, err
		}
		f.Path = storagePath(hash, s.suffix, f.Ext)
		out = append(out, Variant{Name: s.name, File: f})
	}
	return out, nil
}

// fit scales img down to fit a box×box square, keeping the aspect ratio
// and never upscaling. It is used instead of imaging.Fit, which rounds a
// very thin image down to zero pixels and returns an empty image.
func fit(img image.Image, box int) image.Image {
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	if w <= box && h <= box {
		return img
	}
	if w >= h {
		w, h = box, scaleSide(h, box, w)
	} else {
		w, h = scaleSide(w, box, h), box
	}
	return imaging.Resize(img, w, h, imaging.Lanczos)
}

// scaleSide returns side×box/longest rounded to the nearest pixel, at
// least one.
func scaleSide(side, box, longest int) int {
	return max(1, int((int64(side)*int64(box)+int64(longest)/2)/int64(longest)))
}
