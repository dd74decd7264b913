package config

import (
	"io"
	"reflect"
	"strings"
	"testing"
)

func TestSiteSettings(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		wantErr string
		check   func(t *testing.T, cfg Config)
	}{
		{name: "defaults: no site URL, default patterns, one name for every locale", check: func(t *testing.T, cfg Config) {
			if cfg.SiteURL != "" || cfg.SiteURLs() != nil {
				t.Errorf("site url %q, builder %v", cfg.SiteURL, cfg.SiteURLs())
			}
			if cfg.SitePaths.Article != "/{locale}/news/{slug}" || cfg.SitePaths.Section != "/{locale}/section/{section}" || cfg.SitePaths.Tag != "/{locale}/tag/{tag}" || cfg.SitePaths.Preview != "" {
				t.Errorf("paths %+v", cfg.SitePaths)
			}
			if !reflect.DeepEqual(cfg.SiteNames, map[string]string{"tg": "Payvand", "fa": "Payvand"}) {
				t.Errorf("names %v", cfg.SiteNames)
			}
		}},
		{name: "site URL from the environment, trailing slash dropped", env: map[string]string{"PAYVAND_SITE_URL": "https://news.example.tj/"}, check: func(t *testing.T, cfg Config) {
			if cfg.SiteURL != "https://news.example.tj" || cfg.SiteURLs() == nil {
				t.Errorf("site url %q", cfg.SiteURL)
			}
		}},
		{name: "names per locale, text kept as given", args: []string{"--site-name", "tg=Вазорати фарҳанг,fa=وزارت\u200cفرهنگ"}, check: func(t *testing.T, cfg Config) {
			if !reflect.DeepEqual(cfg.SiteNames, map[string]string{"tg": "Вазорати фарҳанг", "fa": "وزارت\u200cفرهنگ"}) {
				t.Errorf("names %v", cfg.SiteNames)
			}
		}},
		{name: "a locale left out takes the default locale's name", args: []string{"--site-name", "tg=Ахбор"}, check: func(t *testing.T, cfg Config) {
			if cfg.SiteNames["fa"] != "Ахбор" {
				t.Errorf("names %v", cfg.SiteNames)
			}
		}},
		{name: "preview path with token", args: []string{"--preview-path", "/{locale}/preview/{id}?token={token}"}, check: func(t *testing.T, cfg Config) {
			if cfg.SitePaths.Preview != "/{locale}/preview/{id}?token={token}" {
				t.Errorf("preview %q", cfg.SitePaths.Preview)
			}
		}},
		{name: "relative site URL", args: []string{"--site-url", "news.example.tj"}, wantErr: "--site-url"},
		{name: "site URL of another scheme", args: []string{"--site-url", "ftp://news.example.tj"}, wantErr: "--site-url"},
		{name: "unknown placeholder", args: []string{"--article-path", "/{lang}/{slug}"}, wantErr: "--article-path"},
		{name: "article path without slug or id", args: []string{"--article-path", "/{locale}/news"}, wantErr: "must contain {slug} or {id}"},
		{name: "section path without section", args: []string{"--section-path", "/{locale}"}, wantErr: "--section-path"},
		{name: "tag path with a section", args: []string{"--tag-path", "/{section}/{tag}"}, wantErr: "--tag-path"},
		{name: "preview path without token", args: []string{"--preview-path", "/{locale}/preview/{id}"}, wantErr: "--preview-path"},
		{name: "site name of an unknown locale", args: []string{"--site-name", "ru=Новости"}, wantErr: "--site-name"},
		{name: "empty site name", args: []string{"--site-name", "tg="}, wantErr: "--site-name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Load(tt.args, env(tt.env), io.Discard)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to name %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, cfg)
		})
	}
}

func TestHelpListsSiteSettings(t *testing.T) {
	var sb strings.Builder
	PrintUsage(&sb)
	for _, want := range []string{"--site-url", "PAYVAND_SITE_URL", "--article-path", "--section-path", "--tag-path", "--preview-path", "--site-name"} {
		if !strings.Contains(sb.String(), want) {
			t.Errorf("help lacks %s", want)
		}
	}
}
