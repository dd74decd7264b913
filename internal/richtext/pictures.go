package richtext

import (
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"github.com/payvand/payvand/internal/media"
)

// MediaIDAttr is the attribute by which a stored body names a picture of
// the media library: <img data-media-id="12" alt="…">. Bodies store the
// picture, not a file: the files' addresses and sizes are filled in when
// answering (RenderPictures), so a replaced file shows everywhere.
const MediaIDAttr = "data-media-id"

// PictureFile is one stored file of a picture.
type PictureFile struct {
	// Name is the variant's name ("thumbnail", "medium"); "" for the original.
	Name string
	// Path is relative to the media root, e.g. "ab/ab12…-medium.jpg".
	Path string
	// MIME is the file's type; srcset lists only the original's.
	MIME          string
	Width, Height int
}

// Picture is a media item as bodies show it: its original and every
// stored variant.
type Picture struct {
	Original PictureFile
	Variants []PictureFile
}

// Pictures holds the pictures a set of bodies names, by media id.
type Pictures map[uint]Picture

// bodyFile is the size a body shows: the medium size in a format every
// browser reads, else the original (a picture smaller than the medium
// size). An opaque PNG's medium size is a JPEG, so the format is not the
// original's.
func (p Picture) bodyFile() PictureFile {
	for _, v := range p.Variants {
		if v.Name == media.VariantMedium && everyBrowserReads(v) {
			return v
		}
	}
	return p.Original
}

// srcsetFiles is every stored size in a format every browser reads,
// narrowest first, one per width: the candidates of a srcset, which cannot
// say a format, so the WebP copies stay out (a frontend that wants them
// builds a <picture> from the API's image variants).
func (p Picture) srcsetFiles() []PictureFile {
	out := []PictureFile{p.Original}
	for _, v := range p.Variants {
		if everyBrowserReads(v) {
			out = append(out, v)
		}
	}
	slices.SortStableFunc(out, func(a, b PictureFile) int { return a.Width - b.Width })
	return slices.CompactFunc(out, func(a, b PictureFile) bool { return a.Width == b.Width })
}

// everyBrowserReads tells the JPEG and PNG files, which the media
// processor writes for every size, from their WebP copies.
func everyBrowserReads(f PictureFile) bool { return f.MIME != "image/webp" }

// Blank reports whether a body shows a reader nothing: no text and no
// picture. A photo story (pictures with no caption) or a gallery is
// not blank; an embed's placeholder carries its address as text.
func Blank(body string) bool {
	if strings.TrimSpace(PlainText(body)) != "" {
		return false
	}
	blank := true
	eachTag(body, "img", func([]html.Attribute) { blank = false })
	return blank
}

// PictureIDs returns the media ids the pictures of a stored body name,
// each once, in order of appearance, so their files can be loaded in one
// query.
func PictureIDs(body string) []uint {
	var ids []uint
	eachTag(body, "img", func(attrs []html.Attribute) {
		if id, ok := mediaID(attrs); ok && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	})
	return ids
}

// PicturePaths returns the storage paths ("ab/ab12….jpg") that the
// pictures of a body point at with a /media/… src, each once: the files a
// save may turn into media ids (ReferencePictures).
func PicturePaths(body string) []string {
	var paths []string
	eachTag(body, "img", func(attrs []html.Attribute) {
		if rel, ok := mediaPath(attrs); ok && !slices.Contains(paths, rel) {
			paths = append(paths, rel)
		}
	})
	return paths
}

// ReferencePictures is how a body is stored: every picture whose src is a
// /media/… file that idOf knows becomes <img data-media-id="…"> in the
// place of its src; every other attribute stays as the editor wrote it.
// A picture pointing elsewhere keeps its src and loses any data-media-id
// beside it, since the src is what the editor saw.
func ReferencePictures(body string, idOf map[string]uint) string {
	return rewriteImages(body, func(attrs []html.Attribute) ([]html.Attribute, bool) {
		if _, ok := attrValue(attrs, "src"); !ok {
			return attrs, true
		}
		rel, _ := mediaPath(attrs)
		id, known := idOf[rel]
		out := make([]html.Attribute, 0, len(attrs))
		for _, a := range attrs {
			switch {
			case a.Key == MediaIDAttr:
			case a.Key == "src" && known:
				out = append(out, html.Attribute{Key: MediaIDAttr, Val: strconv.FormatUint(uint64(id), 10)})
			default:
				out = append(out, a)
			}
		}
		return out, true
	})
}

// RenderPictures is how a stored body is answered: each picture named by
// media id gets src (the size that fits a body), srcset (every stored JPEG or
// PNG size, when there are several) and the width and
// height of its src, so a page does not shift while it loads; its other
// attributes, alt text first of all, stay as stored, and width and height
// typed by the editor win. URLs are mediaBase followed by the file's
// storage path, so mediaBase ends in a slash: the public media address
// ("https://cms.example.tj/media/", or a CDN's), or "" for relative
// /media/… paths. A
// picture whose media item does not exist is left out: an <img> without a
// source would show a broken frame, and its alt text describes a picture
// nobody can see; so is the figure around it, caption and all (see
// figures.go).
func RenderPictures(body string, pics Pictures, mediaBase string) string {
	if mediaBase == "" {
		mediaBase = media.PathPrefix
	}
	dropped := false
	body = rewriteImages(body, func(attrs []html.Attribute) ([]html.Attribute, bool) {
		id, ok := mediaID(attrs)
		if !ok {
			return attrs, true
		}
		pic, ok := pics[id]
		if !ok {
			dropped = true
			return nil, false
		}
		src := pic.bodyFile()
		_, typedWidth := attrValue(attrs, "width")
		_, typedHeight := attrValue(attrs, "height")
		out := make([]html.Attribute, 0, len(attrs)+4)
		for _, a := range attrs {
			switch a.Key {
			case "src", "srcset":
			case MediaIDAttr:
				out = append(out, html.Attribute{Key: "src", Val: mediaBase + src.Path})
				if set := pic.srcsetFiles(); len(set) > 1 {
					out = append(out, html.Attribute{Key: "srcset", Val: srcset(set, mediaBase)})
				}
				if !typedWidth && !typedHeight {
					out = append(out, html.Attribute{Key: "width", Val: strconv.Itoa(src.Width)},
						html.Attribute{Key: "height", Val: strconv.Itoa(src.Height)})
				}
				out = append(out, a)
			default:
				out = append(out, a)
			}
		}
		return out, true
	})
	if dropped {
		body = dropEmptyFigures(body)
	}
	return body
}

// EditablePictures is a stored body as the admin's editor loads it: each
// picture named by media id gets back the /media/… src of the size a body
// shows, in the place of its data-media-id and nothing more, so that
// saving the editor's HTML again (ReferencePictures) stores the same body.
// A picture whose media item does not exist stays as stored.
func EditablePictures(body string, pics Pictures) string {
	return rewriteImages(body, func(attrs []html.Attribute) ([]html.Attribute, bool) {
		id, ok := mediaID(attrs)
		if !ok {
			return attrs, true
		}
		pic, ok := pics[id]
		if !ok {
			return attrs, true
		}
		out := make([]html.Attribute, 0, len(attrs))
		for _, a := range attrs {
			switch a.Key {
			case "src":
			case MediaIDAttr:
				out = append(out, html.Attribute{Key: "src", Val: media.PublicPath(pic.bodyFile().Path)})
			default:
				out = append(out, a)
			}
		}
		return out, true
	})
}

func srcset(files []PictureFile, mediaBase string) string {
	parts := make([]string, len(files))
	for i, f := range files {
		parts[i] = mediaBase + f.Path + " " + strconv.Itoa(f.Width) + "w"
	}
	return strings.Join(parts, ", ")
}

// mediaID reads a picture's data-media-id.
func mediaID(attrs []html.Attribute) (uint, bool) { return idAttr(attrs, MediaIDAttr) }

// idAttr reads a record id (digits, not 0) from the attribute key.
func idAttr(attrs []html.Attribute, key string) (uint, bool) {
	v, ok := attrValue(attrs, key)
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseUint(v, 10, 0)
	if err != nil || id == 0 {
		return 0, false
	}
	return uint(id), true
}

// mediaPath reads the storage path of a picture whose src is a /media/…
// path, as the picker and the upload page write them.
func mediaPath(attrs []html.Attribute) (string, bool) {
	src, ok := attrValue(attrs, "src")
	if !ok {
		return "", false
	}
	rel, ok := strings.CutPrefix(src, media.PathPrefix)
	return rel, ok && rel != ""
}

func attrValue(attrs []html.Attribute, key string) (string, bool) {
	for _, a := range attrs {
		if a.Key == key && a.Namespace == "" {
			return a.Val, true
		}
	}
	return "", false
}
