// Package wpimport imports a WordPress export (WXR) into Payvand: posts
// become articles, their Polylang or WPML translations joined into one
// bilingual article, categories sections, tags tags; everything through
// the store's write path, and remembered per export site so a second run
// updates instead of duplicating.
package wpimport

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/payvand/payvand/internal/media"
)

// Options are one import's settings.
type Options struct {
	// LocaleMap maps WordPress language codes (Polylang slugs, WPML
	// codes) to Payvand locales; DefaultLocaleMap's entries apply where it
	// names none.
	LocaleMap map[string]string
	// Locale is the locale of posts without a language (a site without a
	// translation plugin); empty means the first configured locale.
	Locale string
	// Timezone reads post_date where WordPress left post_date_gmt zero;
	// nil means the site's own offset, as its dated posts show it.
	Timezone *time.Location
	// SectionMap sends WordPress category slugs into existing sections,
	// by section slug.
	SectionMap map[string]string
	// DryRun reads everything, reports what would happen and writes nothing.
	DryRun bool
	// Overwrite updates articles edited in Payvand since the last import.
	Overwrite bool
	// Progress, when set, is told how many posts are done of how many.
	Progress func(done, total int)
	// Uploads is a copy of the site's wp-content/uploads: attachments are
	// imported from it into the media library (Media, through Processor;
	// nil means the default limits). Empty leaves attachments out.
	Uploads   string
	Media     media.Store
	Processor *media.Processor
	// FetchMedia downloads the attachments the uploads folder does not
	// have (or all, without Uploads) from the old site, their
	// wp:attachment_url, within Fetch's limits and the media library's
	// upload limit.
	FetchMedia bool
	Fetch      FetchOptions
	// MediaProgress, when set, is told how many pictures (an attachment
	// with its translations) are done of how many: first, before the
	// picture phase, those earlier runs imported, then after each one.
	MediaProgress func(done, total int)
	// PictureWorkers is how many pictures are processed at once; 0 means
	// one per CPU (GOMAXPROCS).
	PictureWorkers int
}

// DefaultLocaleMap is how the common WordPress language codes map to
// Payvand's locales; tj is the code many Tajik sites chose.
var DefaultLocaleMap = map[string]string{"fa": "fa", "tg": "tg", "tj": "tg", "ru": "ru", "en": "en"}

// ParseLocaleMap reads --locale-map's "fa=fa,tj=tg".
func ParseLocaleMap(s string) (map[string]string, error) {
	out := map[string]string{}
	for _, pair := range strings.Split(s, ",") {
		pair = strings.TrimSpace(pair)
		if pair == "" {
			continue
		}
		from, to, ok := strings.Cut(pair, "=")
		from, to = strings.TrimSpace(from), strings.TrimSpace(to)
		if !ok || from == "" || to == "" {
			return nil, fmt.Errorf("--locale-map: %q is not WORDPRESS=PAYVAND", pair)
		}
		out[strings.ToLower(from)] = to
	}
	return out, nil
}

// ParseSectionMap reads a --section-map file: CSV lines
// wordpress-category-slug,payvand-section-slug.
func ParseSectionMap(r io.Reader) (map[string]string, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.Comment = '#'
	out := map[string]string{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("section map: %w", err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) != 2 || strings.TrimSpace(rec[0]) == "" || strings.TrimSpace(rec[1]) == "" {
			line, _ := cr.FieldPos(0)
			return nil, fmt.Errorf("section map line %d: want wordpress-category-slug,payvand-section-slug", line)
		}
		out[strings.TrimSpace(rec[0])] = strings.TrimSpace(rec[1])
	}
}
