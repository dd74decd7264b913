package admin

import (
	"context"

	"github.com/payvand/payvand/internal/richtext"
)

// editableBody is a stored body as the editor and the admin's pages show
// it: pictures stored by media id get their /media/… src back, the one the
// picker inserts, so they show while editing and a save stores the same
// body again (the write path turns that src back into the id).
func (a *Admin) editableBody(ctx context.Context, body string) (string, error) {
	pics, err := a.store.BodyPictures(ctx, body)
	if err != nil {
		return "", err
	}
	return richtext.EditablePictures(body, pics), nil
}
