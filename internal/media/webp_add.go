package media

import (
	"context"
	"fmt"
	"image"
	"io"

	"github.com/disintegration/imaging"
)

// StoredFile describes one file of a picture already in the store, as its
// database row records it.
type StoredFile struct {
	// Name is the size: VariantOriginal, VariantThumbnail or VariantMedium.
	Name string
	// Path is relative to the Store, as in File.
	Path string
	// MIME is "image/jpeg" or "image/png".
	MIME          string
	Width, Height int
}

// AddWebP makes the WebP copies that a picture stored before WebP existed
// lacks: one beside its original and one beside each of sizes, named as
// Process names them, and writes them to store (files already there are
// kept, so running it twice writes nothing new). The sizes are scaled from
// the stored original to exactly the recorded dimensions, so each WebP
// matches the JPEG or PNG beside it; the original is the best copy left,
// since the upload itself is not kept.
func (p *Processor) AddWebP(ctx context.Context, store Store, original StoredFile, sizes []StoredFile) ([]Variant, error) {
	img, err := p.openStored(ctx, store, original.Path)
	if err != nil {
		return nil, err
	}
	all := append([]StoredFile{original}, sizes...)
	out := make([]Variant, 0, len(all))
	files := make([]File, 0, len(all))
	for _, s := range all {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		f, err := p.encode(resizeTo(img, s.Width, s.Height), webpKind(storedKind(s.MIME)))
		if err != nil {
			return nil, err
		}
		f.Path = webpPath(s.Path)
		out = append(out, Variant{Name: WebPVariantName(s.Name), File: f})
		files = append(files, f)
	}
	if err := putMissing(ctx, store, files); err != nil {
		return nil, fmt.Errorf("media: save webp of %s: %w", original.Path, err)
	}
	return out, nil
}

// openStored decodes a stored original, refusing it as an upload would be
// refused if it is not an image or is larger than the pixel limits allow.
func (p *Processor) openStored(ctx context.Context, store Store, path string) (image.Image, error) {
	f, err := store.Open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("media: open %s: %w", path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("media: read %s: %w", path, err)
	}
	src, err := detectFormat(data)
	if err != nil {
		return nil, fmt.Errorf("media: %s: %w", path, err)
	}
	if err := p.checkDimensions(src, data); err != nil {
		return nil, fmt.Errorf("media: %s: %w", path, err)
	}
	img, err := src.decode(data)
	if err != nil {
		return nil, fmt.Errorf("%w: cannot decode %s: %v", ErrInvalidImage, path, err)
	}
	return img, nil
}

// storedKind is the format of a stored file by its type.
func storedKind(mime string) outputKind {
	if mime == "image/png" {
		return outputPNG
	}
	return outputJPEG
}

// resizeTo scales img to exactly w×h, or returns it when it has that size.
func resizeTo(img image.Image, w, h int) image.Image {
	if b := img.Bounds(); (b.Dx() == w && b.Dy() == h) || w <= 0 || h <= 0 {
		return img
	}
	return imaging.Resize(img, w, h, imaging.Lanczos)
}
