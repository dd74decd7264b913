package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/internal/wpimport"
	"github.com/payvand/payvand/internal/wxr"
)

func printImportUsage(w io.Writer) {
	fmt.Fprint(w, `Usage:
  payvand import wordpress EXPORT.xml [--locale-map fa=fa,tj=tg] [--locale CODE]
      [--timezone ZONE] [--section-map FILE] [--uploads DIR] [--fetch-media]
      [--fetch-allow-private] [--dry-run] [--overwrite] [--report FILE]

Imports a WordPress export (Tools → Export, WXR 1.1 or 1.2) into the site's
database: posts become articles, a post's Polylang or WPML translations one
article with a translation per locale; categories become sections (their
tree and translated names kept), tags tags, authors' names bylines.
publish is published at its date, future scheduled, draft and pending
drafts; other statuses and post types are skipped and counted. The file is
read twice and streamed, never held whole; a malformed file is refused
before anything is written, naming its line.

Running it again is safe: each item remembers its WordPress id, so changed
posts are updated and new ones added, never duplicated. A translation
edited in Payvand since the last import is left as it is and reported,
unless --overwrite.

  --locale-map LIST   WordPress language codes to Payvand locales, e.g.
                      fa=fa,tj=tg (fa, tg, tj, ru and en map by default)
  --locale CODE       the locale of posts without a language (a site without
                      Polylang or WPML); default: the first of --locales
  --timezone ZONE     reads the local dates of published and scheduled posts
                      WordPress left without a UTC one; default: the site's
                      offset, as its dated posts show it. A draft keeps
                      only a date its author chose (WordPress's UTC date);
                      others go out when they are published
  --section-map FILE  CSV lines wordpress-category-slug,payvand-section-slug:
                      those categories' posts go into existing sections
  --uploads DIR       a copy of the site's wp-content/uploads: attachments
                      (found by their address below /wp-content/uploads/)
                      go into the media library, with their alt text and
                      caption; featured images become featured pictures,
                      pictures in bodies and [gallery] show the library's
                      copy, and links to them open the library's file.
                      Missing files are reported, never fatal. The text
                      comes first; then the picture phase (decoding,
                      resizing, encoding, one picture per CPU at once) with
                      its own progress bar, after which the posts waiting
                      for a picture get it. A run cut off goes on, when
                      started again, with the pictures not yet done
  --fetch-media       download the attachments --uploads does not have (or
                      all of them, without --uploads) from the old site, at
                      their wp:attachment_url: http and https only, at most
                      5 redirects, 10 s to connect, 30 s to answer, 2 min
                      per file, no file over the media library's upload
                      limit (--max-upload). A file not downloaded is
                      reported as missing with the reason, never fatal;
                      running again tries it again. --dry-run downloads
                      nothing and says how many it would
  --fetch-allow-private
                      let --fetch-media reach an old site on loopback or a
                      private network (an intranet); such addresses are
                      refused otherwise, redirects included, as webhooks
                      refuse them
  --dry-run           report what would be imported; write nothing
  --overwrite         replace translations edited in Payvand since the import
  --report FILE       also write the report as JSON to FILE

Exit codes: 0 imported (some posts may be reported as skipped), 1 failed,
2 wrong command line.
`)
}

type importFlags struct {
	localeMap, locale, sectionMap, report, uploads string
	dryRun, overwrite, fetchMedia, fetchPrivate    bool
}

// importCommand runs `payvand import wordpress`.
func importCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	var f importFlags
	spec := commandSpec{name: "payvand import wordpress", usage: printImportUsage, flags: func(fs *flag.FlagSet) {
		fs.StringVar(&f.localeMap, "locale-map", "", "WordPress language codes to locales")
		fs.StringVar(&f.locale, "locale", "", "locale of posts without a language")
		fs.StringVar(&f.sectionMap, "section-map", "", "CSV of category slug,section slug")
		fs.BoolVar(&f.dryRun, "dry-run", false, "write nothing")
		fs.BoolVar(&f.overwrite, "overwrite", false, "replace Payvand edits")
		fs.StringVar(&f.report, "report", "", "JSON report file")
		fs.StringVar(&f.uploads, "uploads", "", "copy of wp-content/uploads")
		fs.BoolVar(&f.fetchMedia, "fetch-media", false, "download attachments from the old site")
		fs.BoolVar(&f.fetchPrivate, "fetch-allow-private", false, "let --fetch-media reach private addresses")
	}}
	if len(args) == 0 || args[0] != "wordpress" {
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
			printImportUsage(stdout)
			return 0
		}
		fmt.Fprintln(stderr, "payvand: import needs what from: payvand import wordpress EXPORT.xml; see payvand import wordpress --help")
		return 2
	}
	cl, code, done := parseCommand(spec, args[1:], getenv, stdout, stderr)
	if done {
		return code
	}
	if code, done := wantArguments(spec, cl, 1, "the export file EXPORT.xml", stderr); done {
		return code
	}
	opts, err := f.options()
	if err != nil {
		fmt.Fprintf(stderr, "payvand: import: %v\nsee payvand import wordpress --help\n", err)
		return 2
	}
	// --timezone is the site's setting every command takes; given here (or
	// by PAYVAND_TIMEZONE) it reads WordPress's local dates. Otherwise the
	// WordPress site's own offset does, which its posts' dates show.
	if timezoneGiven(args, getenv) {
		opts.Timezone = cl.cfg.TimeZone
	}
	path := cl.args[0]
	if _, err := os.Stat(path); err != nil {
		fmt.Fprintln(stderr, "payvand: import:", err)
		return 2
	}
	if f.uploads != "" {
		if st, err := os.Stat(f.uploads); err != nil || !st.IsDir() {
			fmt.Fprintf(stderr, "payvand: import: --uploads %s is not a folder\n", f.uploads)
			return 2
		}
	}
	store, err := openCommandStore(ctx, cl.cfg, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "payvand:", err)
		return 1
	}
	defer store.Close()
	if opts.Uploads != "" || opts.FetchMedia {
		// Imported pictures are held to the limit uploads in the admin are.
		opts.Processor = media.NewProcessor(media.Config{MaxBytes: cl.cfg.MaxUploadBytes})
		if opts.Media, err = openMediaStore(ctx, cl.cfg); err != nil {
			fmt.Fprintln(stderr, "payvand:", err)
			return 1
		}
	}
	var line *progressLine
	opts.Progress = func(done, total int) {
		if line == nil {
			line = newProgressLine(stdout, "posts", "posts", int64(total), time.Now())
		}
		line.set("posts", int64(done))
	}
	opts.MediaProgress = picturesProgress(stdout, func() {
		// The text is done when the picture phase begins.
		if line != nil {
			line.finish()
			line = nil
		}
	})
	open := func() (io.ReadCloser, error) { return os.Open(path) }
	report, err := wpimport.Run(ctx, store, open, opts)
	if line != nil {
		line.finish()
	}
	if report != nil {
		report.Print(stdout)
		if f.report != "" {
			if werr := writeJSONReport(f.report, report); werr != nil {
				fmt.Fprintln(stderr, "payvand: import: report:", werr)
				if err == nil {
					return 1
				}
			}
		}
	}
	if err != nil {
		var se *wxr.SyntaxError
		switch {
		case errors.As(err, &se):
			fmt.Fprintf(stderr, "payvand: import: %s: %v; nothing was imported\n", path, err)
		case errors.Is(err, context.Canceled):
			fmt.Fprintln(stderr, "payvand: import: stopped; what was imported stays. Run the same command again to complete it")
		default:
			fmt.Fprintln(stderr, "payvand: import:", err)
		}
		return 1
	}
	return 0
}

func (f importFlags) options() (wpimport.Options, error) {
	opts := wpimport.Options{Locale: f.locale, DryRun: f.dryRun, Overwrite: f.overwrite, Uploads: f.uploads,
		FetchMedia: f.fetchMedia, Fetch: wpimport.FetchOptions{AllowPrivate: f.fetchPrivate}}
	if f.fetchPrivate && !f.fetchMedia {
		return opts, errors.New("--fetch-allow-private is for --fetch-media, which is not given")
	}
	var err error
	if opts.LocaleMap, err = wpimport.ParseLocaleMap(f.localeMap); err != nil {
		return opts, err
	}
	if f.sectionMap != "" {
		file, err := os.Open(f.sectionMap)
		if err != nil {
			return opts, fmt.Errorf("--section-map: %w", err)
		}
		defer file.Close()
		if opts.SectionMap, err = wpimport.ParseSectionMap(file); err != nil {
			return opts, err
		}
	}
	return opts, nil
}

// picturesProgress follows the picture phase: first told how many
// pictures earlier runs imported (a run cut off and started again says it
// resumes), then a bar of the rest, with their rate and the time left.
// begin runs at the phase's start.
func picturesProgress(w io.Writer, begin func()) func(done, total int) {
	var bar *progressLine
	started := false
	already := 0
	return func(done, total int) {
		if !started {
			started, already = true, done
			begin()
			if done == total {
				return // all imported before: the report says so
			}
			if done > 0 {
				fmt.Fprintf(w, "%d of %d pictures already imported, resuming\n", done, total)
			}
			bar = newProgressLine(w, "pictures", "pictures", int64(total-already), time.Now())
		}
		if bar == nil {
			return
		}
		bar.set("pictures", int64(done-already))
		if done == total {
			bar.finish()
		}
	}
}

// timezoneGiven says whether the command line or the environment set
// --timezone rather than leaving it at its default.
func timezoneGiven(args []string, getenv func(string) string) bool {
	if getenv("PAYVAND_TIMEZONE") != "" {
		return true
	}
	for _, a := range args {
		if a == "--" {
			break
		}
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if strings.HasPrefix(a, "-") && name == "timezone" {
			return true
		}
	}
	return false
}

func writeJSONReport(path string, r *wpimport.Report) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}
