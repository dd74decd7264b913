package media

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"path"
	"strings"

	"github.com/disintegration/imaging"
	"github.com/gen2brain/webp"
)

// outputKind is a format this package writes. JPEG and PNG are what every
// browser shows; the WebP copy beside each is what most browsers prefer
// (a <picture> source), at about a third of the JPEG's weight.
type outputKind int

const (
	outputJPEG outputKind = iota
	outputPNG
	// outputWebP is lossy WebP, written beside a JPEG.
	outputWebP
	// outputWebPLossless is written beside a PNG: it keeps every pixel and
	// the alpha channel, as the PNG does (up to maxLosslessWebPPixels).
	outputWebPLossless
)

// webpMethod is libwebp's effort from 0 (fastest) to 6. cwebp's default
// is 4; in WebAssembly, 2 encodes a medium-size photo about four times as
// fast for files about 6 % larger, which keeps an upload (and the demo
// seed) quick on a small server (measurements in docs/BENCHMARKS.md).
const webpMethod = 2

// webpLosslessEffort is what libwebp reads as the quality of a lossless
// encoding: not fidelity (every pixel is kept) but effort, from 0 to 100.
// 50 (at method 2) writes files within 1 % of 75's (at method 4) in a
// quarter to two thirds of the time.
const webpLosslessEffort = 50

// maxLosslessWebPPixels bounds the lossless WebP copies of pictures with
// transparency. Lossless WebP of a photograph is slow in WebAssembly (about
// 40 s for 3000×2000 on the shared two-core machine, and 2.6 MB) where
// lossy WebP with alpha takes 4 s (53 KB); an upload must finish within
// the server's write timeout. The thumbnail and the medium size are always
// below it; a larger original gets a lossy copy whose alpha channel libwebp
// still stores losslessly, and keeps its exact PNG beside it.
const maxLosslessWebPPixels = 1 << 20

// originalKind chooses the stored format of the original. JPEG stays JPEG
// and PNG stays PNG. A GIF becomes a PNG of its first frame: PNG is
// lossless and keeps transparency, and a one-frame file named .gif would
// wrongly suggest the animation survived. WebP becomes PNG when it has
// transparency and JPEG otherwise, so that the original always has a
// format every browser shows; its WebP copy is made beside it.
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

// webpKind is the WebP written beside a file of kind: lossy beside a JPEG,
// lossless beside a PNG, so a transparent or pixel-exact picture stays so.
func webpKind(kind outputKind) outputKind {
	if kind == outputPNG {
		return outputWebPLossless
	}
	return outputWebP
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
	case outputWebP, outputWebPLossless:
		f.MIME, f.Ext = "image/webp", ".webp"
		opts := webp.Options{Quality: p.cfg.WebPQuality, Method: webpMethod}
		if kind == outputWebPLossless && f.Width*f.Height <= maxLosslessWebPPixels {
			opts.Quality, opts.Lossless = webpLosslessEffort, true
		}
		err = webp.Encode(&buf, img, opts)
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

// scaledSize is one size of a picture, scaled but not yet encoded.
type scaledSize struct {
	name, suffix string
	img          image.Image
	kind         outputKind
}

// scaledSizes makes the thumbnail and the medium size. Their names hang
// off the original's hash, so changing the sizes later means regenerating
// the variants rather than expecting new names.
func (p *Processor) scaledSizes(img image.Image, opaque bool) []scaledSize {
	return []scaledSize{
		{VariantThumbnail, "-thumb", fit(img, p.cfg.ThumbnailSize), variantKind(opaque)},
		{VariantMedium, "-medium", fit(img, p.cfg.MediumSize), variantKind(opaque)},
	}
}

// variants encodes the scaled sizes in their own format.
func (p *Processor) variants(ctx context.Context, sizes []scaledSize, hash string) ([]Variant, error) {
	out := make([]Variant, 0, len(sizes))
	for _, s := range sizes {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		f, err := p.encode(s.img, s.kind)
		if err != nil {
			return nil, err
		}
		f.Path = storagePath(hash, s.suffix, f.Ext)
		out = append(out, Variant{Name: s.name, File: f})
	}
	return out, nil
}

// webpVariants encodes the WebP copy of each size, stored beside its JPEG
// or PNG under the same name with the .webp extension.
func (p *Processor) webpVariants(ctx context.Context, sizes []scaledSize, hash string) ([]Variant, error) {
	out := make([]Variant, 0, len(sizes))
	for _, s := range sizes {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		f, err := p.encode(s.img, webpKind(s.kind))
		if err != nil {
			return nil, err
		}
		f.Path = storagePath(hash, s.suffix, f.Ext)
		out = append(out, Variant{Name: WebPVariantName(s.name), File: f})
	}
	return out, nil
}

// webpPath is where the WebP copy of the file at rel is stored: the same
// name with the .webp extension, as webpVariants names it.
func webpPath(rel string) string {
	return strings.TrimSuffix(rel, path.Ext(rel)) + ".webp"
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
