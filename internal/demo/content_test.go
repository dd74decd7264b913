package demo

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"strings"
	"testing"
)

const zwnj = "\u200c"

// isPublic reports whether a translation is visible now.
func isPublic(t textSeed) bool { return !t.Draft && t.ScheduledIn <= 0 }

func TestSectionsAreConsistent(t *testing.T) {
	if len(demoSections) < 5 {
		t.Fatalf("want at least 5 sections, got %d", len(demoSections))
	}
	seen := map[string]bool{}
	nested := 0
	for _, s := range demoSections {
		if s.Slug == "" || seen[s.Slug] {
			t.Errorf("empty or duplicate section slug %q", s.Slug)
		}
		for _, r := range s.Slug {
			if !(r >= 'a' && r <= 'z' || r == '-') {
				t.Errorf("section slug %q is not lowercase Latin", s.Slug)
				break
			}
		}
		if s.Parent != "" {
			if !seen[s.Parent] {
				t.Errorf("section %q: parent %q must be listed before it", s.Slug, s.Parent)
			}
			nested++
		}
		seen[s.Slug] = true
		for _, loc := range []string{"tg", "fa"} {
			if s.Names[loc] == "" {
				t.Errorf("section %q has no %s name", s.Slug, loc)
			}
		}
	}
	if nested == 0 {
		t.Error("no nested section")
	}
}

func TestArticlesAreConsistent(t *testing.T) {
	sections := map[string]bool{}
	for _, s := range demoSections {
		sections[s.Slug] = true
	}
	if len(demoArticles) != 18 {
		t.Errorf("want 18 articles, got %d", len(demoArticles))
	}
	keys := map[string]bool{}
	hours := map[int]int{}
	noImage := 0
	for _, a := range demoArticles {
		if a.Key == "" || keys[a.Key] {
			t.Errorf("empty or duplicate article key %q", a.Key)
		}
		keys[a.Key] = true
		if !sections[a.Section] {
			t.Errorf("article %q: unknown section %q", a.Key, a.Section)
		}
		if a.HoursAgo < 1 || a.HoursAgo > 400 {
			t.Errorf("article %q: HoursAgo %d outside 1..400", a.Key, a.HoursAgo)
		}
		hours[a.HoursAgo]++
		if a.Image < -1 || a.Image > 9 {
			t.Errorf("article %q: image index %d outside -1..9", a.Key, a.Image)
		}
		if a.Image == -1 {
			noImage++
		}
		if len(a.Texts) == 0 {
			t.Errorf("article %q has no texts", a.Key)
		}
		for loc, tx := range a.Texts {
			if loc != "tg" && loc != "fa" {
				t.Errorf("article %q: unexpected locale %q", a.Key, loc)
			}
			if tx.Title == "" || tx.Summary == "" || tx.Body == "" || tx.Byline == "" {
				t.Errorf("article %q/%s: empty title, summary, body or byline", a.Key, loc)
			}
		}
	}
	ties := 0
	for _, n := range hours {
		if n > 1 {
			ties++
		}
	}
	if ties == 0 {
		t.Error("no two articles share HoursAgo")
	}
	if noImage < 2 || noImage > 3 {
		t.Errorf("want 2 or 3 articles without image, got %d", noImage)
	}
}

func TestRelatedLinks(t *testing.T) {
	keys := map[string]bool{}
	for _, a := range demoArticles {
		keys[a.Key] = true
	}
	pairs := map[[2]string]bool{}
	for _, a := range demoArticles {
		for _, r := range a.Related {
			if !keys[r] {
				t.Errorf("article %q: related key %q does not exist", a.Key, r)
			}
			if r == a.Key {
				t.Errorf("article %q links to itself", a.Key)
			}
			p := [2]string{a.Key, r}
			if p[0] > p[1] {
				p[0], p[1] = p[1], p[0]
			}
			if pairs[p] {
				t.Errorf("related pair %v given twice", p)
			}
			pairs[p] = true
		}
	}
	if len(pairs) < 6 || len(pairs) > 10 {
		t.Errorf("want about 8 related links, got %d", len(pairs))
	}
}

func TestLocaleCoverage(t *testing.T) {
	public := map[string]int{}
	tgOnly, faOnly, faScheduled, faDraft := 0, 0, 0, 0
	for _, a := range demoArticles {
		tg, hasTG := a.Texts["tg"]
		fa, hasFA := a.Texts["fa"]
		for loc, tx := range a.Texts {
			if isPublic(tx) {
				public[loc]++
			}
		}
		switch {
		case hasTG && !hasFA:
			tgOnly++
		case hasFA && !hasTG:
			faOnly++
		}
		if hasTG && hasFA && isPublic(tg) {
			if fa.ScheduledIn == 48 && !fa.Draft {
				faScheduled++
			}
			if fa.Draft {
				faDraft++
			}
		}
	}
	for _, loc := range []string{"tg", "fa"} {
		if public[loc] < 12 {
			t.Errorf("locale %s: want at least 12 public articles, got %d", loc, public[loc])
		}
	}
	if tgOnly != 2 || faOnly != 1 {
		t.Errorf("want 2 tg-only and 1 fa-only article, got %d and %d", tgOnly, faOnly)
	}
	if faScheduled != 1 || faDraft != 1 {
		t.Errorf("want one scheduled and one draft fa text beside a public tg text, got %d and %d", faScheduled, faDraft)
	}
}

func TestRequiredTitle(t *testing.T) {
	const want = "Вохӯрии вазири фарҳанг бо ҷавонони эҷодкор"
	for _, a := range demoArticles {
		if a.Texts["tg"].Title == want {
			return
		}
	}
	t.Errorf("no tg title %q", want)
}

func TestPersianOrthography(t *testing.T) {
	count, ltr := 0, 0
	for _, a := range demoArticles {
		tx, ok := a.Texts["fa"]
		if !ok {
			continue
		}
		all := tx.Title + tx.Summary + tx.Body + tx.Byline
		count += strings.Count(all, zwnj)
		if strings.Contains(tx.Body, `dir="ltr"`) {
			ltr++
		}
		for _, bad := range []rune{'\u064A', '\u0643', '\u0649'} { // Arabic yeh, kaf, alef maksura
			if strings.ContainsRune(all, bad) {
				t.Errorf("article %q/fa contains Arabic letter %U", a.Key, bad)
			}
		}
		if strings.Contains(all, zwnj+" ") || strings.Contains(all, " "+zwnj) || strings.Contains(all, zwnj+zwnj) {
			t.Errorf("article %q/fa has a stray ZWNJ", a.Key)
		}
	}
	if count < 40 {
		t.Errorf("want at least 40 ZWNJs in Persian texts, got %d", count)
	}
	if ltr == 0 {
		t.Error("no Persian body has a dir=\"ltr\" paragraph")
	}
}

func TestTajikLetters(t *testing.T) {
	used := map[rune]bool{}
	for _, a := range demoArticles {
		tx, ok := a.Texts["tg"]
		if !ok {
			continue
		}
		all := tx.Title + tx.Summary + tx.Body
		if !strings.ContainsAny(all, "ғӣқӯҳҷ") {
			t.Errorf("article %q/tg uses no Tajik letter", a.Key)
		}
		if strings.ContainsRune(all, '\u200c') {
			t.Errorf("article %q/tg contains a ZWNJ", a.Key)
		}
		for _, r := range all {
			used[r] = true
		}
	}
	for _, r := range "ғӣқӯҳҷ" {
		if !used[r] {
			t.Errorf("Tajik letter %c never used", r)
		}
	}
}

func TestBodiesAreWellFormed(t *testing.T) {
	for _, a := range demoArticles {
		for loc, tx := range a.Texts {
			paras := strings.Count(tx.Body, "<p>") + strings.Count(tx.Body, "<p ")
			if paras < 3 || paras > 5 {
				t.Errorf("article %q/%s: %d paragraphs, want 3..5", a.Key, loc, paras)
			}
			agency := map[string]string{"tg": "/Паёмнигор/.", "fa": "/پیام" + zwnj + "نگار/."}[loc]
			first, _, _ := strings.Cut(tx.Body, "</p>")
			if !strings.HasPrefix(tx.Body, "<p>") || !strings.Contains(first, agency) {
				t.Errorf("article %q/%s: first paragraph lacks the dateline", a.Key, loc)
			}
			d := xml.NewDecoder(strings.NewReader("<div>" + tx.Body + "</div>"))
			for {
				_, err := d.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Errorf("article %q/%s: body is not well formed: %v", a.Key, loc, err)
					break
				}
			}
		}
	}
}

// The source must spell every ZWNJ as a visible \u200c escape.
func TestSourceHasNoRawZWNJ(t *testing.T) {
	src, err := os.ReadFile("content.go")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(src, []byte(zwnj)) {
		t.Error("content.go contains a raw U+200C; write it as \\u200c")
	}
	if n := bytes.Count(src, []byte(`\u200c`)); n < 40 {
		t.Errorf("want at least 40 \\u200c escapes in content.go, got %d", n)
	}
}
