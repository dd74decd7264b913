package config

import (
	"io"
	"reflect"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaults(t *testing.T) {
	cfg, err := Load(nil, env(nil), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != ":8080" || cfg.DataDir != "data" || cfg.PublicURL != "http://localhost:8080" {
		t.Errorf("addr/data/public url = %q %q %q", cfg.Addr, cfg.DataDir, cfg.PublicURL)
	}
	if !reflect.DeepEqual(cfg.Locales.Codes(), []string{"tg", "fa"}) {
		t.Errorf("locales = %v", cfg.Locales.Codes())
	}
	if cfg.CacheControl != "public, max-age=60" || !reflect.DeepEqual(cfg.CORSOrigins, []string{"*"}) {
		t.Errorf("cache control %q, cors %v", cfg.CacheControl, cfg.CORSOrigins)
	}
	if cfg.AdminEmail != "admin@example.com" || cfg.NoDemo || cfg.ViewWindow != 30*time.Minute {
		t.Errorf("admin %q no-demo %v window %v", cfg.AdminEmail, cfg.NoDemo, cfg.ViewWindow)
	}
}

func TestFlagBeatsEnvironmentAndEnvBeatsDefault(t *testing.T) {
	e := env(map[string]string{"PAYVAND_ADDR": "127.0.0.1:9000", "PAYVAND_DATA": "/srv/payvand", "PAYVAND_LOCALES": "ru,en", "PAYVAND_NO_DEMO": "true", "PAYVAND_ADMIN_PASSWORD": "secret-pass"})
	cfg, err := Load([]string{"--data", "/tmp/x"}, e, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != "127.0.0.1:9000" || cfg.PublicURL != "http://127.0.0.1:9000" {
		t.Errorf("addr %q public %q", cfg.Addr, cfg.PublicURL)
	}
	if cfg.DataDir != "/tmp/x" || cfg.DatabasePath() != "/tmp/x/payvand.db" {
		t.Errorf("data dir %q", cfg.DataDir)
	}
	if cfg.Locales.Default().Code != "ru" || !cfg.NoDemo || cfg.AdminPassword != "secret-pass" {
		t.Errorf("locales %v no-demo %v", cfg.Locales.Codes(), cfg.NoDemo)
	}
}

func TestBadValuesAreNamed(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--locales", "tg,tg"}, "--locales"},
		{[]string{"--public-url", "ftp://x"}, "--public-url"},
		{[]string{"--cache-ttl", "soon"}, "--cache-ttl"},
		{[]string{"--no-demo=maybe"}, "--no-demo"},
		{[]string{"--addr", "8080"}, "--addr"},
		{[]string{"--log-format", "xml"}, "--log-format"},
		{[]string{"--timezone", "Mars/Olympus"}, "--timezone"},
		{[]string{"--max-upload", "lots"}, "--max-upload"},
		{[]string{"stray"}, "unexpected argument"},
	}
	for _, tt := range tests {
		_, err := Load(tt.args, env(nil), io.Discard)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Load(%v) error = %v, want it to mention %q", tt.args, err, tt.want)
		}
	}
}

func TestUsageListsEveryFlagAndVariable(t *testing.T) {
	var b strings.Builder
	PrintUsage(&b)
	for _, s := range settings {
		if !strings.Contains(b.String(), "--"+s.flag) || !strings.Contains(b.String(), s.env) {
			t.Errorf("usage lacks --%s / %s", s.flag, s.env)
		}
	}
}

func TestUsageGivesEachDefaultOnce(t *testing.T) {
	var b strings.Builder
	PrintUsage(&b)
	for line := range strings.Lines(b.String()) {
		if n := strings.Count(line, "(default"); strings.HasPrefix(line, "  --") && n != 1 {
			t.Errorf("%d defaults in %q", n, line)
		}
	}
}

func TestNoDemoIsASwitch(t *testing.T) {
	for _, args := range [][]string{{"--no-demo"}, {"--no-demo=true"}, {"-no-demo", "--addr", ":9"}} {
		cfg, err := Load(args, env(nil), io.Discard)
		if err != nil || !cfg.NoDemo {
			t.Errorf("Load(%v): no-demo %v, err %v", args, cfg.NoDemo, err)
		}
	}
	cfg, err := Load([]string{"--no-demo=false"}, env(map[string]string{"PAYVAND_NO_DEMO": "true"}), io.Discard)
	if err != nil || cfg.NoDemo {
		t.Errorf("--no-demo=false over the environment: %v %v", cfg.NoDemo, err)
	}
}

// --max-import bounds the Import page's exports, which go to disk: far
// beyond --max-upload's 1 GB cap, within its own.
func TestMaxImport(t *testing.T) {
	tests := []struct {
		args []string
		env  map[string]string
		want int64
	}{
		{nil, nil, 1 << 30},
		{[]string{"--max-import", "5GB"}, nil, 5 << 30},
		{[]string{"--max-import", "200MB"}, nil, 200 << 20},
		{nil, map[string]string{"PAYVAND_MAX_IMPORT": "64GB"}, 64 << 30},
	}
	for _, tt := range tests {
		cfg, err := Load(tt.args, env(tt.env), io.Discard)
		if err != nil || cfg.MaxImportBytes != tt.want {
			t.Errorf("Load(%v, %v): %d bytes, err %v; want %d", tt.args, tt.env, cfg.MaxImportBytes, err, tt.want)
		}
	}
	for _, bad := range []string{"0", "65GB", "lots"} {
		if _, err := Load([]string{"--max-import", bad}, env(nil), io.Discard); err == nil || !strings.Contains(err.Error(), "--max-import") {
			t.Errorf("--max-import %q: error %v, want one naming --max-import", bad, err)
		}
	}
}

func TestMaxUpload(t *testing.T) {
	tests := []struct {
		args []string
		env  map[string]string
		want int64
	}{
		{nil, nil, 20 << 20},
		{[]string{"--max-upload", "512KB"}, nil, 512 << 10},
		{[]string{"--max-upload", "5 mb"}, nil, 5 << 20},
		{[]string{"--max-upload", "1G"}, nil, 1 << 30},
		{[]string{"--max-upload", "1048576"}, nil, 1 << 20},
		{[]string{"--max-upload", "300B"}, nil, 300},
		{nil, map[string]string{"PAYVAND_MAX_UPLOAD": "8MB"}, 8 << 20},
		{[]string{"--max-upload=2MB"}, map[string]string{"PAYVAND_MAX_UPLOAD": "8MB"}, 2 << 20},
	}
	for _, tt := range tests {
		cfg, err := Load(tt.args, env(tt.env), io.Discard)
		if err != nil || cfg.MaxUploadBytes != tt.want {
			t.Errorf("Load(%v, %v): %d bytes, err %v; want %d", tt.args, tt.env, cfg.MaxUploadBytes, err, tt.want)
		}
	}
	for _, bad := range []string{"", "0", "-5MB", "20TB", "MB", "1.5MB", "2GB", "9223372036854775807"} {
		if _, err := Load([]string{"--max-upload", bad}, env(nil), io.Discard); err == nil || !strings.Contains(err.Error(), "--max-upload") {
			t.Errorf("--max-upload %q: error %v, want one naming --max-upload", bad, err)
		}
	}
}

func TestPreviewLifetime(t *testing.T) {
	tests := []struct {
		args []string
		env  map[string]string
		want time.Duration
	}{
		{nil, nil, time.Hour},
		{[]string{"--preview-lifetime", "30m"}, nil, 30 * time.Minute},
		{nil, map[string]string{"PAYVAND_PREVIEW_LIFETIME": "24h"}, 24 * time.Hour},
		{[]string{"--preview-lifetime=2h"}, map[string]string{"PAYVAND_PREVIEW_LIFETIME": "24h"}, 2 * time.Hour},
	}
	for _, tt := range tests {
		cfg, err := Load(tt.args, env(tt.env), io.Discard)
		if err != nil || cfg.PreviewLifetime != tt.want {
			t.Errorf("Load(%v, %v): %v, err %v; want %v", tt.args, tt.env, cfg.PreviewLifetime, err, tt.want)
		}
	}
	for _, bad := range []string{"0", "0s", "-1h", "soon", ""} {
		if _, err := Load([]string{"--preview-lifetime", bad}, env(nil), io.Discard); err == nil || !strings.Contains(err.Error(), "--preview-lifetime") {
			t.Errorf("--preview-lifetime %q: error %v, want one naming --preview-lifetime", bad, err)
		}
	}
}

func TestLatinSlugs(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want []string
	}{
		{"default is none", nil, nil, nil},
		{"flag", []string{"--latin-slugs", "fa"}, nil, []string{"fa"}},
		{"spaces and case", []string{"--latin-slugs", " FA , tg "}, nil, []string{"fa", "tg"}},
		{"environment", nil, map[string]string{"PAYVAND_LATIN_SLUGS": "fa"}, []string{"fa"}},
		{"flag beats environment", []string{"--latin-slugs", "tg"}, map[string]string{"PAYVAND_LATIN_SLUGS": "fa"}, []string{"tg"}},
		{"configured locales", []string{"--locales", "ru,ar", "--latin-slugs", "ar"}, nil, []string{"ar"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Load(tt.args, env(tt.env), io.Discard)
			if err != nil || !reflect.DeepEqual(cfg.LatinSlugLocales, tt.want) {
				t.Errorf("Load(%v, %v): latin slugs %v, err %v; want %v", tt.args, tt.env, cfg.LatinSlugLocales, err, tt.want)
			}
		})
	}
}

func TestLatinSlugsMustBeConfiguredLocales(t *testing.T) {
	for _, args := range [][]string{
		{"--latin-slugs", "ar"},
		{"--latin-slugs", "fa,xx"},
		{"--locales", "tg,ru", "--latin-slugs", "fa"},
	} {
		_, err := Load(args, env(nil), io.Discard)
		if err == nil || !strings.Contains(err.Error(), "--latin-slugs") {
			t.Errorf("Load(%v) error = %v, want one naming --latin-slugs", args, err)
		}
	}
}

func TestDatabaseSettings(t *testing.T) {
	cfg, err := Load([]string{"--data", "/srv/site"}, env(nil), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.DatabaseURL() != "sqlite:/srv/site/payvand.db" || cfg.DBMaxConns != 0 {
		t.Errorf("default database %q, max conns %d; want sqlite:/srv/site/payvand.db, 0", cfg.DatabaseURL(), cfg.DBMaxConns)
	}
	pg := "postgres://payvand@db:5432/site?sslmode=disable"
	cfg, err = Load(nil, env(map[string]string{"PAYVAND_DATABASE_URL": pg, "PAYVAND_DB_MAX_CONNS": "25"}), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.DatabaseURL() != pg || cfg.DBMaxConns != 25 {
		t.Errorf("database %q, max conns %d from the environment", cfg.DatabaseURL(), cfg.DBMaxConns)
	}
	cfg, err = Load([]string{"--database", "sqlite:/var/lib/payvand/site.db"}, env(nil), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.DatabasePath() != "/var/lib/payvand/site.db" {
		t.Errorf("database path %q, want the sqlite: URL's", cfg.DatabasePath())
	}
	if _, err := Load([]string{"--db-max-conns", "-1"}, env(nil), io.Discard); err == nil || !strings.Contains(err.Error(), "--db-max-conns") {
		t.Errorf("--db-max-conns -1: %v, want an error naming it", err)
	}
}
