//go:build ignore

// save_latency signs in to a running Payvand and times an editor's pane
// saves, one after another, as the editor page's Save button sends them
// (htmx, X-CSRF-Token). It prints the median, 90th and 99th percentile and
// the slowest save. docs/BENCHMARKS.md runs it beside a wrk flood of
// anonymous sign-in pages.
//
//	go run docs/bench/save_latency.go -url http://127.0.0.1:18081 \
//	  -email admin@example.com -password '…' -article 1 -saves 60 -every 250ms
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
)

var csrfField = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

func main() {
	base := flag.String("url", "http://127.0.0.1:18081", "server")
	email := flag.String("email", "admin@example.com", "account")
	password := flag.String("password", "", "password")
	article := flag.Int("article", 1, "article id")
	locale := flag.String("locale", "tg", "pane to save")
	saves := flag.Int("saves", 60, "number of saves")
	every := flag.Duration("every", 250*time.Millisecond, "pause between saves")
	flag.Parse()

	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	page := get(c, *base+"/admin/login")
	m := csrfField.FindStringSubmatch(page)
	if m == nil {
		log.Fatal("no CSRF token on the sign-in page")
	}
	resp := post(c, *base, "/admin/login", url.Values{"email": {*email}, "password": {*password}, "csrf_token": {m[1]}}, nil)
	if resp.StatusCode != http.StatusSeeOther {
		log.Fatalf("sign in: %s", resp.Status)
	}
	edit := fmt.Sprintf("%s/admin/articles/%d", *base, *article)
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(get(c, edit)))
	if err != nil {
		log.Fatal(err)
	}
	token := csrfField.FindStringSubmatch(must(doc.Html()))[1]
	form := doc.Find(`form.pane[data-locale="` + *locale + `"]`)
	action, _ := form.Attr("hx-post")
	var took []time.Duration
	for i := range *saves {
		values := fieldsOf(form)
		values.Set(*locale+".summary", fmt.Sprintf("Хулоса, нусхаи %d", i))
		start := time.Now()
		resp := post(c, *base, action, values, http.Header{"X-Csrf-Token": {token}, "Hx-Request": {"true"}})
		took = append(took, time.Since(start))
		if resp.StatusCode != http.StatusOK {
			log.Fatalf("save %d: %s", i, resp.Status)
		}
		fragment, _ := goquery.NewDocumentFromReader(resp.Body)
		resp.Body.Close()
		form = fragment.Find(`form.pane`)
		time.Sleep(*every)
	}
	slices.Sort(took)
	at := func(q float64) time.Duration { return took[int(q*float64(len(took)-1))].Round(100 * time.Microsecond) }
	fmt.Printf("saves=%d median=%v p90=%v p99=%v max=%v\n", len(took), at(0.5), at(0.9), at(0.99), took[len(took)-1].Round(100*time.Microsecond))
}

// fieldsOf is what the browser would send for the pane form.
func fieldsOf(form *goquery.Selection) url.Values {
	v := url.Values{}
	form.Find("input[name], textarea[name], select[name]").Each(func(_ int, s *goquery.Selection) {
		name, _ := s.Attr("name")
		switch {
		case goquery.NodeName(s) == "textarea":
			v.Add(name, s.Text())
		case goquery.NodeName(s) == "select":
			v.Add(name, s.Find("option[selected]").AttrOr("value", ""))
		case s.AttrOr("type", "") == "checkbox" || s.AttrOr("type", "") == "radio":
			if _, on := s.Attr("checked"); on {
				v.Add(name, s.AttrOr("value", "on"))
			}
		default:
			v.Add(name, s.AttrOr("value", ""))
		}
	})
	return v
}

func get(c *http.Client, u string) string {
	resp, err := c.Get(u)
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	doc, _ := goquery.NewDocumentFromReader(resp.Body)
	b.WriteString(must(doc.Html()))
	return b.String()
}

func post(c *http.Client, base, path string, form url.Values, header http.Header) *http.Response {
	req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := c.Do(req)
	if err != nil {
		log.Fatal(err)
	}
	return resp
}

func must(s string, err error) string {
	if err != nil {
		log.Fatal(err)
	}
	return s
}
