package wpimport

import (
	"context"
	"io"
	"testing"

	"github.com/payvand/payvand/internal/media"
)

// panickingStore is a media store whose writes panic, as a decoder or a
// store might on a file nobody foresaw.
type panickingStore struct{ media.Store }

func (panickingStore) Put(context.Context, string, io.Reader) error { panic("a file nobody foresaw") }

// A panic while a picture is processed fails that picture alone: it is
// reported, the others and the posts are imported, the process lives on.
func TestPicturePanicFailsThatPictureAlone(t *testing.T) {
	s := newStore(t)
	opts, uploads := mediaOptions(t)
	opts.Media = panickingStore{opts.Media}
	writePicture(t, uploads, "2024/07/sea.jpg", true, 70)
	data := mediaExport(
		mediaAttachment(700, uploadsBase+"2024/07/sea.jpg", "fa", "دریا", ""),
		mediaPost(1, "fa", 700),
	)
	rep := run(t, s, data, opts)
	if rep.Media.Failed != 1 || rep.Media.Imported != 0 || rep.Articles.Created != 1 {
		t.Errorf("media %+v articles %+v", rep.Media, rep.Articles)
	}
	if len(rep.Warnings) == 0 {
		t.Error("the failed picture is not reported")
	}
}
