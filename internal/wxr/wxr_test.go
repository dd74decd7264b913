package wxr

import (
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"
)

// readAll reads every record of a fixture.
func readAll(t *testing.T, name string) (Site, []any, error) {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := NewReader(f)
	var recs []any
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return r.Site(), recs, nil
		}
		if err != nil {
			return r.Site(), recs, err
		}
		recs = append(recs, rec)
	}
}

func TestReadPolylangExport(t *testing.T) {
	site, recs, err := readAll(t, "polylang.xml")
	if err != nil {
		t.Fatal(err)
	}
	if site.BaseSiteURL != "https://khabar.example" || site.WXRVersion != "1.2" || site.Language != "fa-IR" || site.Title != "Khabar" {
		t.Errorf("site = %+v", site)
	}
	var authors []*Author
	var cats []*Category
	var tags []*Tag
	var terms []*Term
	var items []*Item
	for _, r := range recs {
		switch v := r.(type) {
		case *Author:
			authors = append(authors, v)
		case *Category:
			cats = append(cats, v)
		case *Tag:
			tags = append(tags, v)
		case *Term:
			terms = append(terms, v)
		case *Item:
			items = append(items, v)
		default:
			t.Fatalf("unexpected record %T", r)
		}
	}
	if len(authors) != 1 || authors[0].DisplayName != "مریم رحیمی" || authors[0].Login != "admin" || authors[0].ID != 1 {
		t.Errorf("authors = %+v", authors)
	}
	if len(cats) != 2 || cats[1].Parent != "world" || cats[1].Name != "آسیا" || DecodeSlug(cats[1].Slug) != "آسیا" || cats[1].TermID != 4 {
		t.Errorf("categories = %+v", cats)
	}
	if len(tags) != 1 || tags[0].Slug != "economy" || tags[0].Name != "Economy" {
		t.Errorf("tags = %+v", tags)
	}
	if len(terms) != 4 || terms[1].Taxonomy != "post_translations" || terms[1].Description != `a:2:{s:2:"fa";i:12;s:2:"tj";i:13;}` || terms[2].Taxonomy != "term_language" {
		t.Errorf("terms = %+v", terms)
	}
	if len(items) != 3 {
		t.Fatalf("%d items", len(items))
	}
	fa, tj, att := items[0], items[1], items[2]
	if fa.ID != 12 || fa.Type != "post" || fa.Status != "publish" || fa.Title != "گزارش تازه\u200cترین خبرها" {
		t.Errorf("fa = %+v", fa)
	}
	if !strings.Contains(fa.Content, "<!-- wp:paragraph -->\n<p>متن <strong>نخست</strong> می\u200cآید.</p>") || fa.Excerpt != "چکیده" {
		t.Errorf("fa content %q excerpt %q", fa.Content, fa.Excerpt)
	}
	if fa.Slug() != "خبر-تازه" {
		t.Errorf("fa slug = %q", fa.Slug())
	}
	if fa.GUID != "https://khabar.example/?p=12" || fa.Link != "https://khabar.example/2024/07/%d8%ae%d8%a8%d8%b1/" || fa.Creator != "admin" {
		t.Errorf("fa link/guid/creator = %q %q %q", fa.Link, fa.GUID, fa.Creator)
	}
	if v, ok := fa.MetaValue("_yoast_wpseo_primary_category"); !ok || v != "4" || len(fa.Meta) != 1 {
		t.Errorf("fa meta = %+v (comment meta must not count)", fa.Meta)
	}
	if l := fa.TermsOf("language"); len(l) != 1 || l[0].Slug != "fa" {
		t.Errorf("fa language = %+v", l)
	}
	if c := fa.TermsOf("category"); len(c) != 1 || c[0].Name != "آسیا" {
		t.Errorf("fa categories = %+v", c)
	}
	if d, ok := fa.Date(time.UTC); !ok || !d.Equal(time.Date(2024, 7, 1, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("fa date = %v %v", d, ok)
	}
	if tj.Content != "Сатри якум.\n\nСатри дуюм ғ ӣ қ ӯ ҳ ҷ." || tj.Status != "draft" {
		t.Errorf("tj = %+v", tj)
	}
	dushanbe, _ := time.LoadLocation("Asia/Dushanbe")
	if d, ok := tj.Date(dushanbe); !ok || !d.Equal(time.Date(2024, 7, 2, 4, 0, 0, 0, time.UTC)) {
		t.Errorf("tj date with zero gmt = %v %v, want post_date in the zone", d, ok)
	}
	if att.Type != "attachment" || att.AttachmentURL != "https://khabar.example/wp-content/uploads/2024/07/photo.jpg" || att.Parent != 12 || att.MenuOrder != 3 {
		t.Errorf("attachment = %+v", att)
	}
	if v, _ := att.MetaValue("_wp_attachment_image_alt"); v != "عکس" {
		t.Errorf("alt = %q", v)
	}
	if att.Line <= fa.Line || fa.Line == 0 {
		t.Errorf("lines %d %d", fa.Line, att.Line)
	}
}

func TestReadWXR11(t *testing.T) {
	site, recs, err := readAll(t, "wxr11.xml")
	if err != nil {
		t.Fatal(err)
	}
	if site.WXRVersion != "1.1" || site.BaseSiteURL != "http://old.example" {
		t.Errorf("site = %+v", site)
	}
	it := recs[0].(*Item)
	if it.Content != "Body" || it.Excerpt != "Short" || it.ID != 5 {
		t.Errorf("item = %+v", it)
	}
	if v, _ := it.MetaValue("_wpml_import_translation_group"); v != "g1" {
		t.Errorf("group = %q", v)
	}
}

func TestMalformedExportNamesTheLine(t *testing.T) {
	_, recs, err := readAll(t, "malformed.xml")
	var se *SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("err = %v, want a SyntaxError", err)
	}
	if se.Line != 6 || !strings.Contains(se.Error(), "line 6") {
		t.Errorf("line = %d (%v), want 6", se.Line, se)
	}
	if len(recs) != 1 {
		t.Errorf("%d records before the error, want 1", len(recs))
	}
}

func TestNotAnExport(t *testing.T) {
	for _, doc := range []string{"", "<html><body/></html>"} {
		_, err := NewReader(strings.NewReader(doc)).Next()
		if !errors.Is(err, ErrNotWXR) {
			t.Errorf("%q: err = %v", doc, err)
		}
	}
}

func TestDecodeSlug(t *testing.T) {
	for in, want := range map[string]string{
		"hello-world":                "hello-world",
		"%d8%ae%d8%a8%d8%b1":         "خبر",
		"%D8%AE%D8%A8%D8%B1":         "خبر",
		"bad%zz":                     "bad%zz",
		"%ff%fe":                     "%ff%fe",
		"%d8%b3%d9%84%d8%a7%d9%85-2": "سلام-2",
	} {
		if got := DecodeSlug(in); got != want {
			t.Errorf("DecodeSlug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseTranslations(t *testing.T) {
	tests := []struct {
		in   string
		want map[string]int
		bad  bool
	}{
		{in: `a:2:{s:2:"fa";i:12;s:2:"tj";i:13;}`, want: map[string]int{"fa": 12, "tj": 13}},
		{in: `a:3:{s:2:"fa";i:1;s:2:"ru";i:2;s:2:"en";i:3;}`, want: map[string]int{"fa": 1, "ru": 2, "en": 3}},
		{in: `a:0:{}`, want: map[string]int{}},
		{in: `a:2:{s:2:"fa";s:2:"12";s:4:"sync";a:1:{i:0;s:2:"tj";}}`, want: map[string]int{"fa": 12}},
		{in: `a:1:{s:5:"pt_BR";i:7;}`, want: map[string]int{"pt_BR": 7}},
		{in: `a:1:{s:3:"fa";i:1;}`, bad: true},
		{in: `a:2:{s:2:"fa";i:1;}`, bad: true},
		{in: `fa=12`, bad: true},
		{in: `a:1:{s:99:"fa";i:1;}`, bad: true},
		// A length near the largest int must be refused, not overflow
		// into a slice panic; a huge count must not allocate for it.
		{in: `a:1:{s:9223372036854775807:"fa";i:1;}`, bad: true},
		{in: `a:1:{s:9223372036854775800:"fa";i:1;}`, bad: true},
		{in: `a:4000000000000:{s:2:"fa";i:1;}`, bad: true},
		// Arrays nested beyond any plugin's are refused before they
		// could grow the stack without end.
		{in: nested(maxNesting), want: map[string]int{"fa": 1}},
		{in: nested(maxNesting + 1), bad: true},
	}
	for _, tt := range tests {
		got, err := ParseTranslations(tt.in)
		if tt.bad {
			if err == nil {
				t.Errorf("%s: no error, got %v", tt.in, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s = %v, want %v", tt.in, got, tt.want)
		}
		for k, v := range tt.want {
			if got[k] != v {
				t.Errorf("%s = %v, want %v", tt.in, got, tt.want)
			}
		}
	}
}

// nested is a translations map whose "sync" entry holds arrays nested
// depth deep.
func nested(depth int) string {
	return `a:2:{s:2:"fa";i:1;s:4:"sync";` + strings.Repeat(`a:1:{i:0;`, depth-1) + `a:0:{}` + strings.Repeat("}", depth-1) + "}"
}
