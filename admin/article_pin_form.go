package admin

import (
	"strconv"
	"strings"
	"time"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// pinForm is an article's featured pin as the editor's shared fields post
// it, kept as typed so a refused one comes back unchanged.
type pinForm struct {
	Pinned   bool
	Position string
	// Until is datetime-local in the site's time zone, "" for no end.
	Until string
}

func pinFormOf(pin *models.ArticlePin, tz *time.Location) pinForm {
	if pin == nil {
		return pinForm{}
	}
	f := pinForm{Pinned: true, Position: strconv.Itoa(pin.Position)}
	if until := pin.Until(); until != nil {
		f.Until = until.In(tz).Format(datetimeLocal)
	}
	return f
}

// validate checks what only the form knows, the number and the date as
// typed; the range and the end's being ahead are the write path's.
func (f pinForm) validate(l i18n.Localizer, tz *time.Location) map[string]string {
	errs := map[string]string{}
	if !f.Pinned {
		return errs
	}
	if _, err := strconv.Atoi(strings.TrimSpace(f.Position)); err != nil && strings.TrimSpace(f.Position) != "" {
		errs["pin_position"] = l.T("validation.pin_position", "max", models.MaxPinPosition)
	}
	if f.Until != "" {
		if _, err := time.ParseInLocation(datetimeLocal, f.Until, tz); err != nil {
			errs["pin_until"] = l.T("editor.error.published_at")
		}
	}
	return errs
}

// change is the write path's pin change of a valid form; an empty position
// is 0, the top.
func (f pinForm) change(tz *time.Location) *models.PinChange {
	if !f.Pinned {
		return &models.PinChange{}
	}
	position, _ := strconv.Atoi(strings.TrimSpace(f.Position))
	change := &models.PinChange{Pinned: true, Position: position}
	if t, err := time.ParseInLocation(datetimeLocal, f.Until, tz); err == nil {
		change.Until = &t
	}
	return change
}

func (f pinForm) props() views.PinFields {
	return views.PinFields{Pinned: f.Pinned, Position: f.Position, Until: f.Until}
}
