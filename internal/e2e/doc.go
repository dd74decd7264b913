// Package e2e holds Payvand's browser tests: the whole server (public API
// and admin) on a loopback port, driven through Debian's Chromium with
// chromedp, as an editor would use it. The package has no non-test code.
package e2e
