package models

import (
	"net/url"
	"strings"

	"gorm.io/gorm"
)

// checkSEO validates a translation's search and social fields and returns
// them as they are stored: texts exactly as typed, the canonical URL
// without the spaces a paste brings around it (a URL is an identifier).
func checkSEO(v validation, prefix string, seo TranslationSEO) TranslationSEO {
	v.checkLength(prefix+"seo_title", seo.Title, SEOTitleMaxRunes)
	v.checkLength(prefix+"seo_description", seo.Description, SEODescriptionMaxRunes)
	seo.CanonicalURL = strings.TrimSpace(seo.CanonicalURL)
	v.checkLength(prefix+"canonical_url", seo.CanonicalURL, CanonicalURLMaxRunes)
	if seo.CanonicalURL != "" && !isAbsoluteHTTPURL(seo.CanonicalURL) {
		v.add(prefix+"canonical_url", "validation.canonical_url_invalid")
	}
	return seo
}

// isAbsoluteHTTPURL reports whether raw is an http or https URL with a
// host and no user name: the only kind a canonical link may name.
func isAbsoluteHTTPURL(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.User == nil &&
		!strings.ContainsAny(raw, " \t\r\n")
}

// checkSEOImage turns a social image that does not exist into a message
// beside its field rather than a foreign-key failure.
func checkSEOImage(tx *gorm.DB, in TranslationInput) error {
	if in.SEO.ImageID == nil || exists(tx, &Media{}, *in.SEO.ImageID) {
		return nil
	}
	v := validation{}
	v.add("translations."+in.Locale+".seo_image_id", "validation.picture_missing", "id", *in.SEO.ImageID)
	return v.err()
}

// indexableOnly keeps the rows of table (a listing index with article_id
// and locale) whose translation search engines may index: feeds and
// sitemaps leave noindex translations out. The few marked ones are found
// in a partial index (migration 0017).
func indexableOnly(db *gorm.DB, table string) *gorm.DB {
	return db.Where(`NOT EXISTS (SELECT 1 FROM article_translations nx
		WHERE nx.article_id = ` + table + `.article_id AND nx.locale = ` + table + `.locale AND ` + flagIs(db, "nx.noindex", true) + `)`)
}
