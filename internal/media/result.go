package media

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// File describes one stored image file and carries its encoded bytes until
// Result.Save writes them.
type File struct {
	// Path is the file's location relative to the Store, e.g.
	// "ab/ab12…-thumb.jpg"; PublicPath turns it into a URL path.
	Path string
	// MIME is the stored type: "image/jpeg", "image/png" or "image/webp".
	MIME string
	// Ext is the stored extension: ".jpg", ".png" or ".webp".
	Ext string
	// Width and Height are in pixels, after EXIF orientation was applied.
	Width, Height int
	// Size is the number of encoded bytes.
	Size int64

	data []byte
}

// Variant is a scaled copy of the original, or the WebP copy of a size.
type Variant struct {
	// Name is VariantThumbnail or VariantMedium, or WebPVariantName of
	// one of them or of VariantOriginal.
	Name string
	File
}

// Result is what Process makes of one upload: the re-encoded original
// (the embedded File) and its variants.
type Result struct {
	// Hash is the hex SHA-256 of the stored original's bytes; every file
	// name is derived from it.
	Hash string
	// OriginalName is the upload's base name cleaned of control and bidi
	// override characters, kept for display only, never used as a path.
	OriginalName string
	// SourceMIME is the type detected in the upload, e.g. "image/webp".
	SourceMIME string
	File
	// Variants holds the thumbnail and the medium size, then the WebP
	// copies of the thumbnail, the medium size and the original.
	Variants []Variant
	// Crops holds the square and wide crops around the focal point, then
	// their WebP copies.
	Crops []Variant
}

// Variant returns the variant with the given name.
func (r *Result) Variant(name string) (Variant, bool) {
	for _, v := range r.Variants {
		if v.Name == name {
			return v, true
		}
	}
	return Variant{}, false
}

// Save writes the original and its variants to store, skipping files that
// already exist: names come from content, so an existing file already
// holds these bytes and a repeated upload costs no writes. The original is
// written last, so its presence means the whole set was saved.
func (r *Result) Save(ctx context.Context, store Store) error {
	files := make([]File, 0, len(r.Variants)+len(r.Crops)+1)
	for _, v := range slices.Concat(r.Variants, r.Crops) {
		files = append(files, v.File)
	}
	files = append(files, r.File)
	if err := putMissing(ctx, store, files); err != nil {
		return fmt.Errorf("media: save %s: %w", r.Hash, err)
	}
	return nil
}

// putMissing writes each file that store does not hold yet, in order.
func putMissing(ctx context.Context, store Store, files []File) error {
	for _, f := range files {
		ok, err := store.Exists(ctx, f.Path)
		if err != nil {
			return err
		}
		if ok {
			continue
		}
		if err := store.Put(ctx, f.Path, bytes.NewReader(f.data)); err != nil {
			return err
		}
	}
	return nil
}

// maxNameBytes bounds the kept original name; file systems allow 255.
const maxNameBytes = 255

// cleanName keeps the base name of an upload for display. Bidi override and
// isolate characters could make "gpj.exe" read as "exe.jpg", so they go,
// together with other control characters.
func cleanName(name string) string {
	name = strings.ToValidUTF8(name, "")
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if name == "." || name == "/" {
		return ""
	}
	for len(name) > maxNameBytes {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	return name
}
