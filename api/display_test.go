package api

import (
	"fmt"
	"net/http"
	"testing"
	"time"
	_ "time/tzdata" // the tests must not depend on the host's zone database
)

// TestPublishedAtDisplay checks that each locale's dateline is printed in
// the configured time zone, and in UTC when none is configured. The fixture
// article "both" was published at 04:00 UTC on 12 July 2024 (22 Tir 1403),
// 09:00 in Dushanbe.
func TestPublishedAtDisplay(t *testing.T) {
	env := newTestEnv(t)
	dushanbe, err := time.LoadLocation("Asia/Dushanbe")
	if err != nil {
		t.Fatal(err)
	}
	inDushanbe := env.newRouter(Options{TimeZone: dushanbe})
	tests := []struct {
		name, locale string
		zoned        bool
		want         string
	}{
		{"Tajik in Dushanbe", "tg", true, "12 июл 2024, 09:00"},
		{"Persian in Dushanbe", "fa", true, "۲۲ تیر ۱۴۰۳، ۰۹:۰۰"},
		{"Tajik without a zone is UTC", "tg", false, "12 июл 2024, 04:00"},
		{"Persian without a zone is UTC", "fa", false, "۲۲ تیر ۱۴۰۳، ۰۴:۰۰"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := env.with(t)
			if tt.zoned {
				env.router = inDushanbe
			}
			var one articleResp
			env.getJSON(fmt.Sprintf("/api/v1/%s/articles/%d", tt.locale, env.ids["both"]), http.StatusOK, &one)
			if one.Data.PublishedAt != "2024-07-12T04:00:00Z" {
				t.Errorf("published_at = %q, want it in UTC whatever the zone", one.Data.PublishedAt)
			}
			if one.Data.PublishedAtDisplay != tt.want {
				t.Errorf("article published_at_display = %q, want %q", one.Data.PublishedAtDisplay, tt.want)
			}
			var list listBody
			env.getJSON("/api/v1/"+tt.locale+"/articles?limit=50", http.StatusOK, &list)
			found := false
			for _, s := range list.Data {
				if s.ID == env.ids["both"] {
					found = true
					if s.PublishedAtDisplay != tt.want {
						t.Errorf("list published_at_display = %q, want %q", s.PublishedAtDisplay, tt.want)
					}
				}
			}
			if !found {
				t.Errorf("the list lacks the fixture article")
			}
		})
	}
}
