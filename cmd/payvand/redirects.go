package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/payvand/payvand/internal/siteurl"
	"github.com/payvand/payvand/models"
)

func printRedirectsUsage(w io.Writer) {
	fmt.Fprint(w, `Usage:
  payvand redirects export --format nginx|csv [--output FILE] [flags]

export writes every old address an import recorded (see payvand import
wordpress) that leads to public content now, with the page it leads to on
the site, so a proxy can answer old links with a 301:

  nginx  two map blocks to include in nginx's http block: $payvand_redirect
         by decoded path ($uri; each path with and without its trailing
         slash) and $payvand_redirect_query by path and query as the old
         links wrote them ($request_uri). Use them in a server block:
           if ($payvand_redirect) { return 301 $payvand_redirect; }
           if ($payvand_redirect_query) { return 301 $payvand_redirect_query; }
  csv    path,type,locale,id,url with a header line

  --format F     nginx or csv
  --output FILE  write there instead of standard output

The site's pages are built from --site-url and its path patterns (the flags
of payvand serve; see payvand help), so --site-url is required.
`)
}

// redirectsCommand runs `payvand redirects export` and returns the exit
// code: 0 done, 1 failed, 2 a wrong command line.
func redirectsCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	var format, output *string
	spec := commandSpec{name: "payvand redirects", usage: printRedirectsUsage, flags: func(fs *flag.FlagSet) {
		format = fs.String("format", "", "nginx or csv")
		output = fs.String("output", "", "file to write")
	}}
	cl, code, done := parseCommand(spec, args, getenv, stdout, stderr)
	if done {
		return code
	}
	switch {
	case len(cl.args) != 1 || cl.args[0] != "export":
		printRedirectsUsage(stderr)
		return 2
	case *format != "nginx" && *format != "csv":
		fmt.Fprintln(stderr, "payvand: redirects export needs --format nginx or --format csv")
		return 2
	}
	site := cl.cfg.SiteURLs()
	if site == nil {
		fmt.Fprintln(stderr, "payvand: redirects export needs --site-url (PAYVAND_SITE_URL): the map leads to the site's pages")
		return 2
	}
	store, err := openCommandStore(ctx, cl.cfg, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "payvand:", err)
		return 1
	}
	defer store.Close()
	n, err := writeRedirects(ctx, store, site, *format, *output, stdout)
	if err != nil {
		fmt.Fprintln(stderr, "payvand:", err)
		return 1
	}
	fmt.Fprintf(stderr, "payvand: %d old addresses written\n", n)
	return 0
}

// writeRedirects writes the map to path, or to stdout when path is empty;
// a file is written whole or not at all.
func writeRedirects(ctx context.Context, store *models.Store, site *siteurl.Builder, format, path string, stdout io.Writer) (int, error) {
	if path == "" {
		return exportRedirects(ctx, store, site, format, stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".part-*")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name())
	n, err := exportRedirects(ctx, store, site, format, tmp)
	if closeErr := tmp.Close(); err == nil {
		err = closeErr
	}
	if err != nil {
		return 0, err
	}
	return n, os.Rename(tmp.Name(), path)
}

// exportRedirects writes the map in format to w and counts the addresses.
func exportRedirects(ctx context.Context, store *models.Store, site *siteurl.Builder, format string, w io.Writer) (int, error) {
	buf := bufio.NewWriter(w)
	var paths, queries []string
	n := 0
	var rows *csv.Writer
	if format == "csv" {
		rows = csv.NewWriter(buf)
		if err := rows.Write([]string{"path", "type", "locale", "id", "url"}); err != nil {
			return 0, err
		}
	}
	err := store.EachRedirect(ctx, func(r models.RedirectTarget) error {
		target := redirectURL(site, r)
		if target == "" {
			return nil
		}
		n++
		if rows != nil {
			return rows.Write([]string{r.Path, string(r.Kind), r.Locale, strconv.FormatUint(uint64(r.ID), 10), target})
		}
		if strings.Contains(r.Path, "?") {
			queries = append(queries, nginxMapLine(r.Path, target))
			return nil
		}
		paths = append(paths, nginxMapLine(r.Path, target))
		if r.Path != "/" {
			paths = append(paths, nginxMapLine(r.Path+"/", target))
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	if rows != nil {
		rows.Flush()
		if err := rows.Error(); err != nil {
			return 0, err
		}
	} else {
		writeNginxMaps(buf, paths, queries)
	}
	return n, buf.Flush()
}

func redirectURL(site *siteurl.Builder, r models.RedirectTarget) string {
	var u *string
	switch r.Kind {
	case models.RedirectArticle:
		u = site.Article(r.Locale, r.Slug, r.ID)
	case models.RedirectSection:
		u = site.Section(r.Locale, r.Slug)
	case models.RedirectTag:
		u = site.Tag(r.Locale, r.Slug)
	}
	if u == nil {
		return ""
	}
	return *u
}

func writeNginxMaps(w io.Writer, paths, queries []string) {
	fmt.Fprintln(w, "# Old addresses recorded by payvand import; written by payvand redirects export.")
	writeNginxMap(w, "By decoded path ($uri), with and without the trailing slash.", "$uri", "$payvand_redirect", paths)
	writeNginxMap(w, "By path and query as the old links wrote them ($request_uri).", "$request_uri", "$payvand_redirect_query", queries)
}

// writeNginxMap writes one map block from source to variable, "" by default.
func writeNginxMap(w io.Writer, comment, source, variable string, lines []string) {
	fmt.Fprintf(w, "# %s\nmap %s %s {\n    default \"\";\n", comment, source, variable)
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
	fmt.Fprintln(w, "}")
}

// nginxMapLine is one map entry, both sides quoted: nginx strings take
// UTF-8 as it is, and only the quote and backslash need escaping. A "$"
// stays as it is: nginx compares a map's keys literally (a backslash
// before it would be kept and never match), and the values, site
// addresses built from slugs, never hold one.
func nginxMapLine(from, to string) string {
	return "    " + nginxQuote(from) + " " + nginxQuote(to) + ";"
}

func nginxQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
