package admin

import (
	"strconv"
	"strings"
	"time"

	"github.com/payvand/payvand/internal/datefmt"
	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/models"
	"github.com/payvand/payvand/views"
)

// pinForm is an article's featured pin as the editor's shared fields post
// it, kept as typed so a refused one comes back unchanged.
type pinForm struct {
	Pinned   bool
	Position string
	// Until is the end as typed (see datefmt.ParseField), or a stored one
	// as "2006-01-02T15:04" in the site's time zone; "" for no end.
	Until string
	// Loaded is the pin as the form showed it when it was loaded (its
	// token), posted back unchanged: a save whose pin still reads the same
	// leaves the pin alone, so a pin set meanwhile in the article list is
	// not undone by a save of other shared fields.
	Loaded string
}

// token says what the form's pin means, in one string: "" unpinned,
// else the position and the end as typed.
func (f pinForm) token() string {
	if !f.Pinned {
		return ""
	}
	position := strings.TrimSpace(f.Position)
	if position == "" {
		position = "0"
	}
	return position + "|" + untilKey(f.Until)
}

// untilKey is the end's wall-clock time, however it is written: the field
// shows a stored end in the interface's calendar, and posted back unchanged
// it must read as the same pin.
func untilKey(s string) string {
	if t, err := datefmt.ParseField(s, time.UTC); err == nil {
		return t.Format(datetimeLocal)
	}
	return s
}

// changed tells a pin the editor touched from the one the form loaded.
func (f pinForm) changed() bool { return f.token() != f.Loaded }

func pinFormOf(pin *models.ArticlePin, tz *time.Location) pinForm {
	if pin == nil {
		return pinForm{}
	}
	f := pinForm{Pinned: true, Position: strconv.Itoa(pin.Position)}
	if until := pin.Until(); until != nil {
		f.Until = until.In(tz).Format(datetimeLocal)
	}
	f.Loaded = f.token()
	return f
}

// validate checks what only the form knows, the number and the date as
// typed; the range and the end's being ahead are the write path's.
func (f pinForm) validate(l i18n.Localizer, tz *time.Location) map[string]string {
	errs := map[string]string{}
	if !f.Pinned || !f.changed() {
		return errs
	}
	if _, err := strconv.Atoi(strings.TrimSpace(f.Position)); err != nil && strings.TrimSpace(f.Position) != "" {
		errs["pin_position"] = l.T("validation.pin_position", "max", models.MaxPinPosition)
	}
	if f.Until != "" {
		if _, err := datefmt.ParseField(f.Until, tz); err != nil {
			errs["pin_until"] = l.T("editor.error.published_at_format", "example", datefmt.FieldExample(l.Code, tz))
		}
	}
	return errs
}

// change is the write path's pin change of a valid form, nil when the
// editor left the pin as loaded; an empty position is 0, the top.
func (f pinForm) change(tz *time.Location) *models.PinChange {
	if !f.changed() {
		return nil
	}
	if !f.Pinned {
		return &models.PinChange{}
	}
	position, _ := strconv.Atoi(strings.TrimSpace(f.Position))
	change := &models.PinChange{Pinned: true, Position: position}
	if t, err := datefmt.ParseField(f.Until, tz); err == nil {
		change.Until = &t
	}
	return change
}

func (f pinForm) props() views.PinFields {
	return views.PinFields{Pinned: f.Pinned, Position: f.Position, Until: f.Until, Loaded: f.Loaded}
}
