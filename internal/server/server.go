// Package server assembles Payvand's HTTP handler and server: the public API
// now, the admin beside it later, behind shared logging and recovery.
package server

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/payvand/payvand/admin"
	"github.com/payvand/payvand/api"
)

// Options configures the router.
type Options struct {
	API   *api.API
	Admin *admin.Admin
	// TrustedProxies are the proxies whose X-Forwarded-For is believed;
	// empty trusts none, so a client cannot fake its address.
	TrustedProxies []string
	Logger         *slog.Logger
}

// NewRouter returns the Gin engine with every route registered.
func NewRouter(opts Options) (*gin.Engine, error) {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	if err := r.SetTrustedProxies(opts.TrustedProxies); err != nil {
		return nil, fmt.Errorf("trusted proxies: %w", err)
	}
	r.RemoteIPHeaders = []string{"X-Forwarded-For", "X-Real-IP"}
	r.HandleMethodNotAllowed = true
	// Gin's own trailing-slash redirect would answer API paths such as
	// /api/v1/tg/articles/ (or a slug of %2F) with an HTML 301. Under
	// /api/v1 only an old slug redirects, so the router never does; the
	// admin keeps the convenience through adminSlashRedirect.
	r.RedirectTrailingSlash = false
	r.Use(requestLogger(opts.Logger), recovery(opts.Logger))
	opts.API.Register(r)
	if opts.Admin != nil {
		opts.Admin.Register(r)
		r.GET("/", func(c *gin.Context) { c.Redirect(http.StatusFound, "/admin") })
	}
	r.NoRoute(func(c *gin.Context) {
		if strings.HasPrefix(c.Request.URL.Path, "/api/") || strings.HasPrefix(c.Request.URL.Path, "/feeds/") {
			opts.API.NoRoute(c)
			return
		}
		if opts.Admin != nil && (c.Request.URL.Path == "/admin" || strings.HasPrefix(c.Request.URL.Path, "/admin/")) {
			if adminSlashRedirect(r, c) {
				return
			}
			opts.Admin.NoRoute(c)
			return
		}
		c.String(http.StatusNotFound, "404 page not found")
	})
	r.NoMethod(func(c *gin.Context) {
		if strings.HasPrefix(c.Request.URL.Path, "/api/") {
			opts.API.NoMethod(c)
			return
		}
		c.String(http.StatusMethodNotAllowed, "405 method not allowed")
	})
	return r, nil
}

// NewHTTPServer wraps handler in a server with timeouts on every phase, so a
// slow or idle client cannot hold a connection open for ever.
func NewHTTPServer(addr string, handler http.Handler, logger *slog.Logger) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       60 * time.Second, // uploads of up to 20 MB on a slow line
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
}

// requestLogger logs each request once it is answered.
func requestLogger(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		status := c.Writer.Status()
		level := slog.LevelInfo
		if status >= 500 {
			level = slog.LevelError
		}
		log.Log(c.Request.Context(), level, "request",
			"method", c.Request.Method, "path", c.Request.URL.Path, "status", status,
			"duration", time.Since(start), "client", c.ClientIP())
	}
}

// recovery turns a panic into a logged 500 instead of a dropped connection.
func recovery(log *slog.Logger) gin.HandlerFunc {
	return gin.CustomRecoveryWithWriter(io.Discard, func(c *gin.Context, err any) {
		log.Error("panic while serving request", "path", c.Request.URL.Path, "panic", err)
		c.AbortWithStatusJSON(http.StatusInternalServerError, gin.H{"error": gin.H{
			"code": "internal", "message": "Something went wrong on the server; it has been logged.", "details": gin.H{},
		}})
	})
}
