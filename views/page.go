// Package views holds the admin's templ components. Components take typed
// props, never maps, and translate through the page's Localizer, so every
// screen speaks the signed-in user's interface language and direction.
package views

import (
	"time"

	"github.com/payvand/payvand/internal/i18n"
)

// Page is what the layout needs on every admin page.
type Page struct {
	L     i18n.Localizer
	Title string
	// Nonce is this response's Content-Security-Policy nonce.
	Nonce string
	// CSRF is the token every state-changing request must carry.
	CSRF string
	// User is the signed-in user; nil on the sign-in page.
	User *UserBadge
	// Nav names the active navigation item: "articles", "sections", …
	Nav   string
	Flash string
	// TimeZone is the site's time zone, where the admin shows and reads
	// dates.
	TimeZone *time.Location
	// WritesFailing is the banner shown to signed-in users while the
	// server's writes fail (a full disk); empty otherwise.
	WritesFailing string
	// WebhooksFailing counts the webhook endpoints paused for failing, shown
	// to admins beside the menu's Webhooks link.
	WebhooksFailing int64
}

// zone is the site's time zone, UTC when the page was built without one.
func (p Page) zone() *time.Location {
	if p.TimeZone == nil {
		return time.UTC
	}
	return p.TimeZone
}

// WriteHealthID is the id of the layout's banner slot, where an htmx answer
// to a refused write is put.
const WriteHealthID = "write-health"

// UserBadge is the signed-in user as the layout shows them.
type UserBadge struct {
	Name    string
	Email   string
	Role    string
	IsAdmin bool
}

// htmxConfig makes htmx 2 swap 422 responses (forms re-rendered with their
// errors), 409 ones (the conflict view, which keeps the editor's text) and
// 503 ones (a save the full disk refused, which keeps it too),
// and carry the CSP nonce onto the styles it injects. A 409 or 503 stays an error,
// so nothing that waits for a successful save takes it for one.
func htmxConfig(nonce string) string {
	return `{"inlineStyleNonce":"` + nonce + `","responseHandling":[{"code":"204","swap":false},{"code":"[23]..","swap":true},{"code":"422","swap":true},{"code":"409","swap":true,"error":true},{"code":"503","swap":true,"error":true},{"code":"[45]..","swap":false,"error":true}]}`
}

// csrfHeaders is the hx-headers value that sends the CSRF token with every
// htmx request on the page.
func csrfHeaders(token string) string {
	return `{"X-CSRF-Token":"` + token + `"}`
}
