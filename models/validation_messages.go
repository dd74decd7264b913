package models

import (
	"maps"
	"slices"
)

// englishMessages are the English texts of the write path's message ids.
// The admin shows the same ids from its catalogues
// (internal/i18n/catalog/*/validation.json) in the user's language; a test
// keeps both lists of ids equal.
var englishMessages = map[string]string{
	"validation.section_required":      "choose a section",
	"validation.text_unstorable":       "holds a NUL or a byte that is not UTF-8 text; remove it",
	"validation.section_missing":       "section {id} does not exist",
	"validation.picture_missing":       "picture {id} does not exist",
	"validation.user_missing":          "user {id} does not exist",
	"validation.article_missing":       "article {id} does not exist",
	"validation.unknown_locale":        "{locale} is not one of this site's languages",
	"validation.locale_twice":          "this language is given twice",
	"validation.status_invalid":        "unknown status {status}",
	"validation.title_required":        "a published translation needs a title",
	"validation.body_required":         "a published translation needs a body",
	"validation.too_long":              "at most {max} characters",
	"validation.body_too_large":        "the body's HTML may have at most {max_kb} KB",
	"validation.body_text_lost":        "cleaning the body's HTML would lose text starting at {text}; fix the markup",
	"validation.slug_required":         "a section needs a slug of Latin letters, digits and dashes",
	"validation.slug_taken":            "another section already uses {slug}",
	"validation.slug_exhausted":        "no free slug found; choose another",
	"validation.name_empty":            "the name cannot be empty",
	"validation.name_required":         "the section needs a name in the default language ({language})",
	"validation.parent_missing":        "parent section {id} does not exist",
	"validation.parent_cycle":          "a section cannot be placed inside itself",
	"validation.move_to_self":          "articles cannot be moved to the section being deleted",
	"validation.email_invalid":         "enter an email address such as name@example.com",
	"validation.email_taken":           "an account with this email already exists",
	"validation.role_invalid":          "role must be admin or editor",
	"validation.last_admin":            "this is the last active admin; make someone else an admin first",
	"validation.password_too_short":    "a password needs at least {min} characters",
	"validation.password_too_long":     "a password may have at most {max} characters",
	"validation.webhook_url_invalid":   "must be an http or https URL without a user name",
	"validation.webhook_event_unknown": "{type} is not an event type ({types})",
	"validation.tag_name_required":     "a tag needs a name in at least one language",
	"validation.tag_slug_required":     "a tag needs a slug of Latin letters, digits and dashes",
	"validation.tag_slug_taken":        "another tag uses or used {slug}",
	"validation.tag_missing":           "tag {id} does not exist",
	"validation.tag_merge_self":        "a tag cannot be merged into itself",
	"validation.pin_position":          "a position is a whole number from 0 to {max}",
	"validation.pin_until_past":        "the end of a pin must be in the future",
	"validation.canonical_url_invalid": "must be an absolute http or https URL such as https://example.com/page",
	"validation.redirect_path":         "give an old address such as /2024/07/old-slug/ or https://old.example.org/?p=12",
	"validation.redirect_target":       "an old address leads to exactly one article, section or tag",
	"validation.bulk_none":             "select at least one article",
	"validation.bulk_too_many":         "select at most {max} articles at once",
	"validation.bulk_action":           "choose what to do with the selected articles",
	"validation.bulk_no_translation":   "it has no translation in this language",
	"validation.focal_point":           "a focal point is two numbers from 0 to 1, measured from the top-left corner",
}

// ValidationMessageIDs lists every message id a ValidationError may carry,
// sorted, so the admin's catalogues can be checked against it.
func ValidationMessageIDs() []string {
	return slices.Sorted(maps.Keys(englishMessages))
}
