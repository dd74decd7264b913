package config

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/payvand/payvand/internal/siteurl"
)

// siteSettings reads --site-url, the path patterns and --site-name. The
// patterns are checked even without a site URL: GET /api/v1/site shows them.
func (c *Config) siteSettings(v map[string]*string) error {
	var errs []error
	c.SitePaths = siteurl.Patterns{Article: *v["article-path"], Section: *v["section-path"], Tag: *v["tag-path"], Preview: *v["preview-path"]}
	if err := siteurl.CheckPatterns(c.SitePaths); err != nil {
		errs = append(errs, err)
	}
	if raw := strings.TrimSpace(*v["site-url"]); raw != "" {
		if err := siteurl.CheckBase(raw); err != nil {
			errs = append(errs, fmt.Errorf("--site-url: %w", err))
		} else {
			c.SiteURL = strings.TrimRight(raw, "/")
		}
	}
	if len(c.Locales.Codes()) > 0 { // a bad --locales is reported on its own
		names, err := siteNames(*v["site-name"], c.Locales.Codes())
		if err != nil {
			errs = append(errs, err)
		}
		c.SiteNames = names
	}
	return errors.Join(errs...)
}

// siteNames reads "tg=Name,fa=Name": a name per configured locale. A name
// without "code=" is the name of every locale not named otherwise; a
// locale left out takes the default (first) locale's name, so feeds
// always have a title.
func siteNames(raw string, codes []string) (map[string]string, error) {
	names := map[string]string{}
	fallback := ""
	for _, part := range list(raw) {
		code, name, ok := strings.Cut(part, "=")
		if !ok {
			fallback = part
			continue
		}
		code, name = strings.ToLower(strings.TrimSpace(code)), strings.TrimSpace(name)
		if !slices.Contains(codes, code) {
			return nil, fmt.Errorf("--site-name: %q is not one of the configured locales (%s)", code, strings.Join(codes, ","))
		}
		if name == "" {
			return nil, fmt.Errorf("--site-name: the name for %q is empty", code)
		}
		names[code] = name
	}
	if fallback == "" {
		fallback = names[codes[0]]
	}
	if fallback == "" {
		fallback = "Payvand"
	}
	for _, code := range codes {
		if names[code] == "" {
			names[code] = fallback
		}
	}
	return names, nil
}
