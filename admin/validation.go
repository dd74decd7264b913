package admin

import (
	"errors"
	"strings"

	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/models"
)

// fieldMessage is a write-path refusal in the user's language: its message
// id is a catalogue key (catalog/*/validation.json), its args fill the
// placeholders.
func fieldMessage(l i18n.Localizer, f models.FieldError) string {
	return l.T(f.ID, f.ArgPairs()...)
}

// refusals translates the write path's refusals of err for a form whose
// inputs are named like the store's fields after prefix ("translations.fa."
// for a pane, "" for most forms); fields outside prefix are left out. It
// returns nil when err is not a ValidationError.
func refusals(l i18n.Localizer, err error, prefix string) map[string]string {
	var v *models.ValidationError
	if !errors.As(err, &v) {
		return nil
	}
	out := map[string]string{}
	for field, f := range v.Fields {
		if name, ok := strings.CutPrefix(field, prefix); ok {
			out[name] = fieldMessage(l, f)
		}
	}
	return out
}

// mergeErrors adds the messages of from to into for the fields into does
// not have a message for yet, and returns into.
func mergeErrors(into, from map[string]string) map[string]string {
	for k, v := range from {
		if _, ok := into[k]; !ok {
			into[k] = v
		}
	}
	return into
}
