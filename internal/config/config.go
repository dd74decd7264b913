// Package config reads Payvand's settings from command-line flags and
// environment variables into one Config value. Every flag has an
// environment variable; a flag given on the command line wins.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/payvand/payvand/internal/locale"
	"github.com/payvand/payvand/internal/s3store"
	"github.com/payvand/payvand/internal/siteurl"
)

// Config is everything the server needs to start.
type Config struct {
	Addr    string
	DataDir string
	// Database is --database: "" (SQLite in DataDir), sqlite:PATH or a
	// postgres:// URL; models.ParseDatabaseURL reads it.
	Database string
	// DBMaxConns is the PostgreSQL pool size; 0 leaves models' default.
	DBMaxConns     int
	PublicURL      string
	Locales        locale.Set
	NoDemo         bool
	AdminEmail     string
	AdminPassword  string
	CacheControl   string
	CORSOrigins    []string
	TrustedProxies []string
	CacheTTL       time.Duration
	ViewWindow     time.Duration
	ViewFlush      time.Duration
	LogFormat      string
	LogLevel       string
	TimeZone       *time.Location
	// MaxUploadBytes is the largest accepted media upload, in bytes.
	MaxUploadBytes int64
	// MaxImportBytes is the largest WordPress export the admin's Import
	// page accepts, in bytes.
	MaxImportBytes int64
	// PreviewLifetime is how long a draft preview token works.
	PreviewLifetime time.Duration
	// LatinSlugLocales are the locales whose slugs are transliterated to
	// Latin letters even though their script would keep its own letters.
	LatinSlugLocales []string
	// WebhookAllowPrivate lets webhooks reach loopback and private
	// addresses, which are refused by default (SSRF).
	WebhookAllowPrivate bool
	// SiteURL is where readers see the site frontend (not Payvand's own
	// PublicURL); "" when not configured, and then no public URL is made.
	SiteURL string
	// SitePaths are the site's page path patterns under SiteURL.
	SitePaths siteurl.Patterns
	// SiteNames is the site's name per locale code; every configured
	// locale has one.
	SiteNames map[string]string
	// MediaS3 is the bucket uploaded pictures are kept in; nil keeps them
	// in MediaDir (--media-store file).
	MediaS3 *s3store.Location
	// MediaCredentials sign the requests to MediaS3, from the AWS_*
	// variables.
	MediaCredentials s3store.Credentials
	// MediaURL is the base of the pictures' URLs in API answers, such as a
	// CDN; "" means PublicURL + /media.
	MediaURL string
}

// SiteURLs builds public site URLs; nil when no site URL is configured.
func (c Config) SiteURLs() *siteurl.Builder {
	if c.SiteURL == "" {
		return nil
	}
	b, err := siteurl.New(c.SiteURL, c.SitePaths)
	if err != nil {
		return nil // Load has refused this already
	}
	return b
}

// DatabasePath is the SQLite file: the one --database names as
// sqlite:PATH, or payvand.db inside the data folder.
func (c Config) DatabasePath() string {
	if path, ok := strings.CutPrefix(c.Database, "sqlite:"); ok && path != "" {
		return path
	}
	return filepath.Join(c.DataDir, "payvand.db")
}

// DatabaseURL is the database to open: --database, or sqlite: and the
// data folder's file when it is empty.
func (c Config) DatabaseURL() string {
	if c.Database == "" {
		return "sqlite:" + c.DatabasePath()
	}
	return c.Database
}

// MediaDir is the folder uploaded pictures are stored in.
func (c Config) MediaDir() string { return filepath.Join(c.DataDir, "media") }

// setting describes one flag and its environment variable.
type setting struct {
	flag, env, def, usage string
}

// boolFlags are the settings given as bare switches (--no-demo).
var boolFlags = map[string]bool{"no-demo": true, "webhook-allow-private": true}

// boolValue lets a bool setting be given as a bare switch while still
// holding its value as text, like every other setting.
type boolValue struct{ s *string }

func (b boolValue) String() string {
	if b.s == nil {
		return ""
	}
	return *b.s
}

func (b boolValue) Set(v string) error { *b.s = v; return nil }

// IsBoolFlag tells the flag package that "--no-demo" alone means true.
func (b boolValue) IsBoolFlag() bool { return true }

// settings lists every option in the order --help shows them.
var settings = []setting{
	{"addr", "PAYVAND_ADDR", ":8080", "address to listen on"},
	{"data", "PAYVAND_DATA", "data", "folder for the database and media"},
	{"database", "PAYVAND_DATABASE_URL", "", "database: sqlite:PATH or postgres://USER@HOST:5432/DB?sslmode=… (default: sqlite: and --data/payvand.db)"},
	{"db-max-conns", "PAYVAND_DB_MAX_CONNS", "0", "size of this process's PostgreSQL connection pool; one more connection listens for other instances' events (and one more during start-up), so keep instances × (this + 2) below the server's max_connections (default 0, meaning 10)"},
	{"public-url", "PAYVAND_PUBLIC_URL", "", "public base URL of the site (default: from --addr, e.g. http://localhost:8080)"},
	{"locales", "PAYVAND_LOCALES", locale.DefaultCodes, "content languages, comma-separated; the first is the default"},
	{"site-url", "PAYVAND_SITE_URL", "", "address of the site frontend readers see, e.g. https://news.example.tj; enables public URLs in API answers"},
	{"article-path", "PAYVAND_ARTICLE_PATH", siteurl.DefaultArticlePath, "path of an article page on the site: {locale}, {slug}, {id}"},
	{"section-path", "PAYVAND_SECTION_PATH", siteurl.DefaultSectionPath, "path of a section page on the site: {locale}, {section}"},
	{"tag-path", "PAYVAND_TAG_PATH", siteurl.DefaultTagPath, "path of a tag page on the site: {locale}, {tag}"},
	{"preview-path", "PAYVAND_PREVIEW_PATH", "", "path of the site's draft preview page: {locale}, {id}, {slug}, {token}, e.g. /{locale}/preview/{id}?token={token}"},
	{"site-name", "PAYVAND_SITE_NAME", "Payvand", "site name per locale, e.g. tg=Вазорати фарҳанг,fa=وزارت فرهنگ; a name without code= is every locale's"},
	{"latin-slugs", "PAYVAND_LATIN_SLUGS", "", "locales whose slugs are Latin transliterations even for right-to-left scripts, comma-separated"},
	{"no-demo", "PAYVAND_NO_DEMO", "false", "start with an empty site instead of demo content"},
	{"admin-email", "PAYVAND_ADMIN_EMAIL", "admin@example.com", "email of the first admin, created on first start"},
	{"cache-control", "PAYVAND_CACHE_CONTROL", "public, max-age=60", "Cache-Control header of API responses"},
	{"cors-origins", "PAYVAND_CORS_ORIGINS", "*", "origins allowed to call the API, comma-separated"},
	{"trusted-proxies", "PAYVAND_TRUSTED_PROXIES", "", "proxy addresses or CIDRs whose X-Forwarded-For is believed, comma-separated"},
	{"cache-ttl", "PAYVAND_CACHE_TTL", "30s", "longest time an API response is served from memory (0 disables)"},
	{"view-window", "PAYVAND_VIEW_WINDOW", "30m", "repeated views of an article from one address within this time count once"},
	{"view-flush", "PAYVAND_VIEW_FLUSH", "5s", "how often counted views are written to the database"},
	{"preview-lifetime", "PAYVAND_PREVIEW_LIFETIME", "1h", "how long a draft preview link given to a site frontend works"},
	{"media-store", "PAYVAND_MEDIA_STORE", "file", "where uploaded pictures are kept: file (the media folder of --data) or s3://BUCKET/PREFIX?endpoint=URL&region=REGION&path_style=true, with keys from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"},
	{"media-url", "PAYVAND_MEDIA_URL", "", "base URL of pictures in API answers, e.g. a CDN serving the media store: https://cdn.example.tj/media (default: --public-url/media)"},
	{"max-upload", "PAYVAND_MAX_UPLOAD", "20MB", "largest accepted picture upload: bytes, or a number with KB, MB or GB (1 MB = 1024 KB)"},
	{"max-import", "PAYVAND_MAX_IMPORT", "1GB", "largest WordPress export the admin's Import page accepts (streamed to disk, never held in memory); the command takes any size"},
	{"webhook-allow-private", "PAYVAND_WEBHOOK_ALLOW_PRIVATE", "false", "let webhooks reach loopback, private and link-local addresses (for tests and private networks)"},
	{"timezone", "PAYVAND_TIMEZONE", "Asia/Dushanbe", "time zone dates are shown in (IANA name)"},
	{"log-format", "PAYVAND_LOG_FORMAT", "text", "log format: text or json"},
	{"log-level", "PAYVAND_LOG_LEVEL", "info", "log level: debug, info, warn or error"},
}

// AdminPasswordEnv is read for the first admin's password. It has no flag,
// so the password never shows in a process list.
const AdminPasswordEnv = "PAYVAND_ADMIN_PASSWORD"

// Load parses args (without the program and command name) over the
// environment read through getenv. It takes no positional arguments.
func Load(args []string, getenv func(string) string, usage io.Writer) (Config, error) {
	fs := flag.NewFlagSet("payvand", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.Usage = func() { PrintUsage(usage) }
	load := Register(fs, getenv)
	rest, err := ParseInterleaved(fs, args)
	if err != nil {
		return Config{}, err
	}
	if len(rest) > 0 {
		return Config{}, fmt.Errorf("unexpected argument %q", rest[0])
	}
	return load()
}

// Register adds every setting's flag to fs, with its environment variable
// read through getenv as the default, so a command can add flags of its
// own beside them. Once fs is parsed, the returned function checks the
// values and builds the Config.
func Register(fs *flag.FlagSet, getenv func(string) string) func() (Config, error) {
	values := map[string]*string{}
	for _, s := range settings {
		def := s.def
		if v := getenv(s.env); v != "" {
			def = v
		}
		if boolFlags[s.flag] {
			v := def
			fs.Var(boolValue{&v}, s.flag, s.usage)
			values[s.flag] = &v
			continue
		}
		values[s.flag] = fs.String(s.flag, def, s.usage)
	}
	return func() (Config, error) {
		cfg, err := build(values, getenv(AdminPasswordEnv))
		cfg.MediaCredentials = s3store.CredentialsFromEnv(getenv)
		return cfg, err
	}
}

func build(v map[string]*string, adminPassword string) (Config, error) {
	var errs []error
	cfg := Config{
		Addr: *v["addr"], DataDir: *v["data"], Database: *v["database"], AdminEmail: *v["admin-email"], AdminPassword: adminPassword,
		CacheControl: *v["cache-control"], CORSOrigins: list(*v["cors-origins"]), TrustedProxies: list(*v["trusted-proxies"]),
		LogFormat: *v["log-format"], LogLevel: *v["log-level"],
	}
	var err error
	if cfg.Locales, err = locale.Parse(*v["locales"]); err != nil {
		errs = append(errs, fmt.Errorf("--locales: %w", err))
	} else if cfg.LatinSlugLocales, err = latinSlugLocales(*v["latin-slugs"], cfg.Locales); err != nil {
		errs = append(errs, err)
	}
	for name, dst := range map[string]*bool{"no-demo": &cfg.NoDemo, "webhook-allow-private": &cfg.WebhookAllowPrivate} {
		switch *v[name] {
		case "true", "1", "yes":
			*dst = true
		case "false", "0", "no", "":
		default:
			errs = append(errs, fmt.Errorf("--%s: %q is not true or false", name, *v[name]))
		}
	}
	for name, dst := range map[string]*time.Duration{"cache-ttl": &cfg.CacheTTL, "view-window": &cfg.ViewWindow, "view-flush": &cfg.ViewFlush, "preview-lifetime": &cfg.PreviewLifetime} {
		if *dst, err = time.ParseDuration(*v[name]); err != nil || *dst < 0 {
			errs = append(errs, fmt.Errorf("--%s: %q is not a duration such as 30s or 5m", name, *v[name]))
		}
	}
	if d, err := time.ParseDuration(*v["preview-lifetime"]); err == nil && d == 0 {
		// A token that expires as it is issued would open nothing.
		errs = append(errs, fmt.Errorf("--preview-lifetime: must be longer than 0, such as 1h or 30m"))
	}
	if cfg.PublicURL, err = publicURL(*v["public-url"], cfg.Addr); err != nil {
		errs = append(errs, err)
	}
	if err := cfg.siteSettings(v); err != nil {
		errs = append(errs, err)
	}
	if cfg.MediaS3, err = mediaStore(*v["media-store"]); err != nil {
		errs = append(errs, err)
	}
	if cfg.MediaURL, err = mediaURL(*v["media-url"]); err != nil {
		errs = append(errs, err)
	}
	if cfg.TimeZone, err = time.LoadLocation(*v["timezone"]); err != nil {
		errs = append(errs, fmt.Errorf("--timezone: %q is not a time zone such as Asia/Dushanbe", *v["timezone"]))
	}
	if n, err := strconv.Atoi(*v["db-max-conns"]); err != nil || n < 0 {
		errs = append(errs, fmt.Errorf("--db-max-conns: %q is not a number of connections (0 for the default)", *v["db-max-conns"]))
	} else {
		cfg.DBMaxConns = n
	}
	if cfg.MaxUploadBytes, err = parseBytes(*v["max-upload"], maxUploadLimit); err != nil {
		errs = append(errs, fmt.Errorf("--max-upload: %w", err))
	}
	if cfg.MaxImportBytes, err = parseBytes(*v["max-import"], maxImportLimit); err != nil {
		errs = append(errs, fmt.Errorf("--max-import: %w", err))
	}
	if cfg.LogFormat != "text" && cfg.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("--log-format: %q is not text or json", cfg.LogFormat))
	}
	return cfg, errors.Join(errs...)
}

// latinSlugLocales reads --latin-slugs: each code must be a configured
// locale, or the setting would silently do nothing.
func latinSlugLocales(raw string, locales locale.Set) ([]string, error) {
	var codes []string
	for _, code := range list(raw) {
		code = strings.ToLower(code)
		if !locales.Has(code) {
			return nil, fmt.Errorf("--latin-slugs: %q is not one of the configured locales (%s)", code, strings.Join(locales.Codes(), ","))
		}
		codes = append(codes, code)
	}
	return codes, nil
}

// publicURL checks the configured base URL, or derives one from the listen
// address for a server run on one's own machine.
func publicURL(raw, addr string) (string, error) {
	if raw == "" {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return "", fmt.Errorf("--addr: %q is not host:port", addr)
		}
		if host == "" || host == "0.0.0.0" || host == "::" {
			host = "localhost"
		}
		return "http://" + net.JoinHostPort(host, port), nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("--public-url: %q is not an http(s) URL", raw)
	}
	return strings.TrimRight(raw, "/"), nil
}

// mediaStore reads --media-store: nil for the file store, else the bucket.
func mediaStore(raw string) (*s3store.Location, error) {
	if raw == "file" || raw == "" {
		return nil, nil
	}
	loc, err := s3store.ParseURL(raw)
	if err != nil {
		return nil, fmt.Errorf("--media-store: %w", err)
	}
	return &loc, nil
}

// mediaURL checks --media-url: an absolute http(s) URL, kept without its
// trailing slash so that paths join with one.
func mediaURL(raw string) (string, error) {
	if raw == "" {
		return "", nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("--media-url: %q is not an http(s) URL without query, such as https://cdn.example.tj/media", raw)
	}
	return strings.TrimRight(raw, "/"), nil
}

// maxUploadLimit caps --max-upload: the media pipeline holds a whole upload
// in memory, so a larger limit would only invite running out of it.
const maxUploadLimit = 1 << 30

// maxImportLimit caps --max-import: an export is streamed to disk, so
// only the disk bounds it; 64 GB is far beyond any WordPress site's text.
const maxImportLimit = 64 << 30

// byteUnits are the suffixes parseBytes accepts, longest first so that
// "MB" is not read as "B". They are binary, like the media pipeline's
// default of 20 MB = 20 << 20 bytes.
var byteUnits = []struct {
	suffix string
	factor int64
}{{"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}}

// parseBytes reads a size such as "20MB", "512 KB" or "1048576", up to
// limit bytes.
func parseBytes(raw string, limit int64) (int64, error) {
	s := strings.ToUpper(strings.TrimSpace(raw))
	factor := int64(1)
	for _, u := range byteUnits {
		if strings.HasSuffix(s, u.suffix) {
			s, factor = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.factor
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 || n > limit/factor {
		return 0, fmt.Errorf("%q is not a size from 1 byte to %dGB, such as 20MB, 512KB or 1048576", raw, limit>>30)
	}
	return n * factor, nil
}

func list(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// PrintUsage writes the commands, flags and environment variables.
func PrintUsage(w io.Writer) {
	fmt.Fprint(w, `Payvand — a headless CMS for bilingual news sites.

Usage:
  payvand [serve] [flags]   run the server (the default command)
  payvand healthcheck       exit 0 when the server at --addr answers /healthz
  payvand user create --email E --role admin|editor [--name N] [flags]
                            add an account; see payvand user create --help
  payvand backup FILE.tar.gz|FOLDER [flags]
                            copy the database and media of --data while the
                            server runs, then verify the copy
  payvand restore FILE.tar.gz|FOLDER --data DIR [--force]
                            restore a backup into an empty DIR (--force
                            replaces what DIR holds; stop the server first)
  payvand webhook add --url URL [--events T,…] [--locales L,…]
                            add a webhook endpoint, print its id and secret
  payvand webhook list      list webhook endpoints
  payvand webhook pause|resume ID [--skip-held]
                            stop or restart deliveries to an endpoint
  payvand copy --from DATABASE --to DATABASE [--resume|--replace]
  payvand copy --from-media STORE --to-media STORE
                            move a site between SQLite and PostgreSQL, or its
                            pictures between stores; see payvand copy --help
  payvand import wordpress EXPORT.xml [--dry-run] [flags]
                            bring a WordPress site's posts in, translations
                            joined; see payvand import wordpress --help
  payvand redirects export --format nginx|csv [--output FILE]
                            write the old addresses an import recorded as an
                            nginx map or CSV (needs --site-url)
  payvand version           print the version
  payvand help              show this help

Flags may come before or after a command's other arguments. Every command
takes these (each can also be set by its environment variable):
`)
	// The columns are as wide as the longest flag and variable, so a new
	// setting never pushes its line out of step.
	flagWidth, envWidth := 0, 0
	for _, s := range settings {
		flagWidth, envWidth = max(flagWidth, len(s.flag)), max(envWidth, len(s.env))
	}
	for _, s := range settings {
		usage := s.usage
		// A usage that explains its default itself (--database: "sqlite:
		// and --data/payvand.db") says more than the bare value would.
		if !strings.Contains(usage, "(default") {
			def := s.def
			if def == "" {
				def = `""`
			}
			usage += " (default " + def + ")"
		}
		fmt.Fprintf(w, "  --%-*s %-*s %s\n", flagWidth, s.flag, envWidth, s.env, usage)
	}
	fmt.Fprintf(w, "\n  %s sets the first admin's password; when unset, one is generated and printed once.\n", AdminPasswordEnv)
	fmt.Fprintln(w, "  A weak one (zxcvbn score below 3) stops the first start with exit code 2 and the reason.")
	fmt.Fprintln(w, "  AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN sign the requests to an s3:// --media-store.")
}
