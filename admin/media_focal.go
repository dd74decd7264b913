package admin

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/models"
)

// mediaFocalSave sets the picture's focal point, which an editor clicks on
// the picture (or types), and cuts its crops around it again. The crops
// are made from the stored original before the row changes, so the page
// and the API never name a crop that is not written yet; the old crops'
// files go once nothing names them.
func (a *Admin) mediaFocalSave(c *gin.Context) {
	ctx := c.Request.Context()
	m := a.loadMedia(c)
	if m == nil {
		return
	}
	l := a.localizer(c)
	focal, ok := parseFocalPoint(c.PostForm("focal_x"), c.PostForm("focal_y"))
	if !ok {
		a.renderMediaEdit(c, http.StatusUnprocessableEntity, m, mediaTextFormOf(m),
			map[string]string{"focal_point": l.T("validation.focal_point")})
		return
	}
	if a.media.store == nil {
		a.fail(c, errors.New("focal point refused: the admin has no media store"))
		return
	}
	release, err := a.media.acquire(ctx)
	if err != nil {
		a.fail(c, err)
		return
	}
	crops, err := a.media.proc.Recrop(ctx, a.media.store, m.Path, m.Hash, focal)
	release()
	if err != nil {
		a.fail(c, a.store.ReportWrite(err))
		return
	}
	rows := models.MediaVariantsOf(crops)
	stale, err := a.store.SetMediaFocalPoint(ctx, m.ID, m.Hash, focal, rows)
	var invalid *models.ValidationError
	switch {
	case errors.As(err, &invalid):
		a.renderMediaEdit(c, http.StatusUnprocessableEntity, m, mediaTextFormOf(m), refusals(l, err, ""))
		return
	case errors.Is(err, models.ErrConflict):
		// The file was replaced while the crops were cut from the old one.
		a.removeUnused(ctx, variantPaths(rows))
		a.renderMediaEdit(c, http.StatusConflict, m, mediaTextFormOf(m), map[string]string{"focal_point": l.T("error.conflict")})
		return
	case err != nil:
		a.removeUnused(ctx, variantPaths(rows))
		a.fail(c, err)
		return
	}
	a.removeUnused(ctx, stale)
	a.flash(c, l.T("media.focal_saved"))
	redirect(c, mediaEditURL(m.ID)+"#focal")
}

// parseFocalPoint reads the two coordinates from 0 to 1 the focal point
// form posts; a comma is read as the decimal point, as some keyboards
// type it.
func parseFocalPoint(rawX, rawY string) (media.FocalPoint, bool) {
	var xy [2]float64
	for i, raw := range []string{rawX, rawY} {
		v, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(raw), ",", "."), 64)
		if err != nil {
			return media.FocalPoint{}, false
		}
		xy[i] = v
	}
	f, err := media.FocalPointOf(xy[0], xy[1])
	return f, err == nil
}

// formatFocal writes a coordinate for the form: at most four decimals, no
// trailing zeros.
func formatFocal(units int) string {
	return strconv.FormatFloat(float64(units)/media.FocalScale, 'f', -1, 64)
}

func variantPaths(rows []models.MediaVariant) []string {
	out := make([]string, len(rows))
	for i, v := range rows {
		out[i] = v.Path
	}
	return out
}
