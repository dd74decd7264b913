package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

func TestSignInAndSwitchToPersian(t *testing.T) {
	s := newSite(t)
	s.run(chromedp.Navigate(s.url + "/admin/login"))
	s.screenshot("login")
	s.signIn("admin@example.com")
	s.useInterface("fa")
	lang := get(s, chromedp.AttributeValue(chromedp.CSS(`html`), "lang")).Value
	dir := get(s, chromedp.AttributeValue(chromedp.CSS(`html`), "dir")).Value
	direction := get(s, chromedp.Evaluate[string](`getComputedStyle(document.querySelector("main")).direction`))
	if lang != "fa" || dir != "rtl" || direction != "rtl" {
		t.Fatalf("after choosing Persian: lang=%q dir=%q computed direction=%q", lang, dir, direction)
	}
	if got := s.text(`[data-testid="flash"]`); got != "زبان رابط کاربری تغییر کرد." {
		t.Fatalf("flash = %q", got)
	}
}
