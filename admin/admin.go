// Package admin is the editors' and admins' web interface under /admin:
// Gin handlers over templ views, on the models' write path. Every
// state-changing request is authenticated, checked against the user's role
// and CSRF-protected.
package admin

import (
	"context"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/payvand/payvand/assets"
	"github.com/payvand/payvand/internal/i18n"
	"github.com/payvand/payvand/internal/media"
	"github.com/payvand/payvand/internal/password"
	"github.com/payvand/payvand/internal/preview"
	"github.com/payvand/payvand/internal/siteurl"
	"github.com/payvand/payvand/models"
)

// Options configures the admin.
type Options struct {
	Store *models.Store
	// PublicURL decides whether cookies are marked Secure (https).
	PublicURL string
	// TimeZone is where dates are shown.
	TimeZone *time.Location
	Logger   *slog.Logger
	// IdleTimeout and Lifetime bound a session's life.
	IdleTimeout time.Duration
	Lifetime    time.Duration
	// Limits throttles failed sign-ins; zero limits take DefaultLoginLimits.
	Limits LoginLimits
	// MaxUploadBytes is the largest accepted picture upload; 0 means 20 MB.
	MaxUploadBytes int64
	// Media is where uploaded pictures are stored; nil refuses uploads.
	Media media.Store
	// MediaURL is --media-url: the preview answers media URLs under it, as
	// the API does.
	MediaURL string
	// Preview signs preview tokens; nil signs with the default lifetime.
	Preview *preview.Signer
	// SiteURLs builds links to the site frontend (View on site, Preview on
	// site); nil (no --site-url) shows neither.
	SiteURLs *siteurl.Builder
	// ImportDir is where WordPress exports uploaded to the Import page
	// wait for their run (a folder under the data folder; the system's
	// temporary folder when empty), MaxImportBytes the largest accepted
	// (0 means 1 GB).
	ImportDir      string
	MaxImportBytes int64
}

// Admin serves /admin.
type Admin struct {
	store    *models.Store
	sessions *scs.SessionManager
	i18n     *i18n.Bundle
	tz       *time.Location
	log      *slog.Logger
	limiter  *loginThrottle
	devices  deviceSigner
	// dummyHash is verified when an email is unknown, so a failed sign-in
	// takes as long whether or not the account exists.
	dummyHash string
	origin    *http.CrossOriginProtection
	media     *mediaLibrary
	preview   *preview.Signer
	publicURL string
	mediaURL  string
	site      *siteurl.Builder
	// csrf signs the CSRF cookie of visitors who have not signed in.
	csrf csrfSigner
	// imports runs the Import page's imports in the background.
	imports *importRunner
}

// New returns the admin for opts.
func New(opts Options) (*Admin, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.TimeZone == nil {
		opts.TimeZone = time.UTC
	}
	if opts.IdleTimeout == 0 {
		opts.IdleTimeout = 2 * time.Hour
	}
	if opts.Lifetime == 0 {
		opts.Lifetime = 12 * time.Hour
	}
	bundle, err := i18n.Load()
	if err != nil {
		return nil, err
	}
	deviceSecret, err := opts.Store.DeviceSecret(context.Background())
	if err != nil {
		return nil, err
	}
	dummy, err := password.Hash("payvand-timing-equaliser")
	if err != nil {
		return nil, err
	}
	// Read (or made) once here, so no visitor's request ever writes it.
	csrfKey, err := opts.Store.CSRFSecret(context.Background())
	if err != nil {
		return nil, err
	}
	sm := scs.New()
	sm.Store = opts.Store.Sessions()
	sm.IdleTimeout = opts.IdleTimeout
	sm.Lifetime = opts.Lifetime
	sm.HashTokenInStore = true
	sm.Cookie.Name = "payvand_session"
	sm.Cookie.Path = "/admin"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = strings.HasPrefix(opts.PublicURL, "https://")
	return &Admin{
		store: opts.Store, sessions: sm, i18n: bundle, tz: opts.TimeZone, log: opts.Logger,
		limiter: newLoginThrottle(opts.Store, opts.Limits), devices: deviceSigner{secret: deviceSecret}, dummyHash: dummy, origin: http.NewCrossOriginProtection(),
		media: newMediaLibrary(opts.Media, opts.MaxUploadBytes), preview: opts.Preview, site: opts.SiteURLs,
		publicURL: strings.TrimRight(opts.PublicURL, "/"), mediaURL: opts.MediaURL, csrf: csrfSigner{key: csrfKey, now: opts.Store.Now},
		imports: newImportRunner(opts.Store, opts.Logger, opts.ImportDir, opts.MaxImportBytes),
	}, nil
}

// Close stops the imports running in the background of this instance and
// waits until each has recorded itself as interrupted (the import is safe
// to run again). Call it before closing the store.
func (a *Admin) Close() {
	a.imports.close()
}

var _ fs.FS = assets.Static
