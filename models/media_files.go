package models

import (
	"cmp"
	"slices"

	"github.com/payvand/payvand/internal/media"
)

// MediaFile is one stored file of a picture: one size in one format.
type MediaFile struct {
	// Size is media.VariantThumbnail, media.VariantMedium or
	// media.VariantOriginal, whatever the format.
	Size string
	// MimeType is "image/jpeg", "image/png" or "image/webp".
	MimeType      string
	Path          string // relative to the media root
	Width, Height int
	ByteSize      int64
}

// sizeRank orders sizes of equal pixel count, as a picture smaller than
// the thumbnail box has three sizes of the same dimensions.
var sizeRank = map[string]int{media.VariantThumbnail: 0, media.VariantMedium: 1, media.VariantOriginal: 2}

// Files lists every stored file of m, the original included: the smallest
// size first and, within a size, the JPEG or PNG before its WebP copy,
// which is the order a srcset reads. A picture stored before WebP copies
// were made lists none until they are added (see AddMediaVariants). The
// crops, which change the picture's shape, are not among them (see Crops).
func (m Media) Files() []MediaFile {
	out := make([]MediaFile, 0, len(m.Variants)+1)
	out = append(out, MediaFile{Size: media.VariantOriginal, MimeType: m.MimeType, Path: m.Path, Width: m.Width, Height: m.Height, ByteSize: m.ByteSize})
	for _, v := range m.Variants {
		if media.IsCrop(v.Name) {
			continue
		}
		out = append(out, MediaFile{Size: media.SizeOfVariant(v.Name), MimeType: v.MimeType, Path: v.Path, Width: v.Width, Height: v.Height, ByteSize: v.ByteSize})
	}
	slices.SortStableFunc(out, func(a, b MediaFile) int {
		return cmp.Or(
			cmp.Compare(a.Width*a.Height, b.Width*b.Height),
			cmp.Compare(sizeRank[a.Size], sizeRank[b.Size]),
			cmp.Compare(boolRank(a.MimeType == "image/webp"), boolRank(b.MimeType == "image/webp")),
		)
	})
	return out
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// HasWebP reports whether m has the WebP copies of its sizes.
func (m Media) HasWebP() bool {
	for _, v := range m.Variants {
		if v.MimeType == "image/webp" {
			return true
		}
	}
	return false
}

// MediaVariantsOf turns the variants the media pipeline made into rows.
func MediaVariantsOf(vs []media.Variant) []MediaVariant {
	out := make([]MediaVariant, 0, len(vs))
	for _, v := range vs {
		out = append(out, MediaVariant{Name: v.Name, Path: v.Path, Width: v.Width, Height: v.Height, ByteSize: v.Size, MimeType: v.MIME})
	}
	return out
}
