package wpimport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"syscall"
	"time"

	"github.com/payvand/payvand/internal/netguard"
)

// FetchOptions bound the downloads of --fetch-media. A zero field takes
// its value from DefaultFetchOptions.
type FetchOptions struct {
	// AllowPrivate lets the old site be on loopback or a private network
	// (--fetch-allow-private). Off, such addresses are refused when the
	// connection is made, after DNS, on every redirect too: an export is
	// a file anyone may hand over, and its addresses must not reach
	// inside the network Payvand runs in.
	AllowPrivate bool
	// ConnectTimeout bounds the TCP connection and the TLS handshake.
	ConnectTimeout time.Duration
	// HeaderTimeout bounds the wait for the answer's headers once the
	// request is sent.
	HeaderTimeout time.Duration
	// FileTimeout bounds one file's whole download, body included.
	FileTimeout time.Duration
	// MaxRedirects is how many redirects one download follows.
	MaxRedirects int
	// Retries is how many more attempts a transient failure (a 429,
	// 502, 503 or 504, a connection refused or reset) gets; negative
	// means none.
	Retries int
	// RetryWait is the wait before the first retry; it doubles after.
	RetryWait time.Duration
}

// DefaultFetchOptions are the limits a zero FetchOptions field takes.
func DefaultFetchOptions() FetchOptions {
	return FetchOptions{
		ConnectTimeout: 10 * time.Second,
		HeaderTimeout:  30 * time.Second,
		FileTimeout:    2 * time.Minute,
		MaxRedirects:   5,
		Retries:        2,
		RetryWait:      time.Second,
	}
}

func (o FetchOptions) withDefaults() FetchOptions {
	def := DefaultFetchOptions()
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = def.ConnectTimeout
	}
	if o.HeaderTimeout <= 0 {
		o.HeaderTimeout = def.HeaderTimeout
	}
	if o.FileTimeout <= 0 {
		o.FileTimeout = def.FileTimeout
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = def.MaxRedirects
	}
	if o.Retries == 0 {
		o.Retries = def.Retries
	}
	if o.RetryWait <= 0 {
		o.RetryWait = def.RetryWait
	}
	return o
}

// fetchUserAgent names the importer in the old site's logs.
const fetchUserAgent = "Payvand-WordPress-Import/1 (+https://github.com/payvand/payvand)"

// fetcher downloads attachments from the old site.
type fetcher struct {
	client   *http.Client
	opts     FetchOptions
	maxBytes int64
}

// newFetcher returns a fetcher whose downloads stop past maxBytes, the
// media library's upload limit. No proxy from the environment: a proxy
// would connect on our behalf, past the guard.
func newFetcher(o FetchOptions, maxBytes int64) *fetcher {
	o = o.withDefaults()
	transport := &http.Transport{
		Proxy:                 nil,
		DialContext:           netguard.Dialer(o.ConnectTimeout, o.AllowPrivate).DialContext,
		TLSHandshakeTimeout:   o.ConnectTimeout,
		ResponseHeaderTimeout: o.HeaderTimeout,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	client := &http.Client{Transport: transport, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) > o.MaxRedirects {
			return &missingFile{why: fmt.Sprintf("more than %d redirects", o.MaxRedirects)}
		}
		if !isHTTP(req.URL) {
			return &missingFile{why: "redirected to " + req.URL.Redacted() + ", not an http or https address"}
		}
		return nil
	}}
	return &fetcher{client: client, opts: o, maxBytes: maxBytes}
}

func isHTTP(u *url.URL) bool { return (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" }

// open starts downloading u and returns the body, which fails with a
// *missingFile past the size limit or the file's timeout; closing it
// ends the download. A transient failure is tried again a few times.
func (f *fetcher) open(ctx context.Context, u *url.URL) (io.ReadCloser, error) {
	if !isHTTP(u) {
		return nil, &missingFile{why: "not an http or https address"}
	}
	wait := f.opts.RetryWait
	for attempt := 0; ; attempt++ {
		body, err := f.try(ctx, u.String())
		var miss *missingFile
		if err == nil || attempt >= f.opts.Retries || !errors.As(err, &miss) || !miss.transient {
			return body, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(wait):
		}
		wait *= 2
	}
}

// try makes one attempt: the answer's headers, then a body read through
// the limits.
func (f *fetcher) try(ctx context.Context, u string) (io.ReadCloser, error) {
	fileCtx, cancel := context.WithTimeout(ctx, f.opts.FileTimeout)
	req, err := http.NewRequestWithContext(fileCtx, http.MethodGet, u, nil)
	if err != nil {
		cancel()
		return nil, &missingFile{why: err.Error()}
	}
	req.Header.Set("User-Agent", fetchUserAgent)
	resp, err := f.client.Do(req)
	if err != nil {
		err = f.failure(ctx, fileCtx, err) // before cancel, which would end fileCtx too
		cancel()
		return nil, err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		resp.Body.Close()
		cancel()
		s := resp.StatusCode
		return nil, &missingFile{why: "the old site answered HTTP " + resp.Status,
			transient: s == http.StatusTooManyRequests || s == http.StatusBadGateway || s == http.StatusServiceUnavailable || s == http.StatusGatewayTimeout}
	}
	if resp.ContentLength > f.maxBytes {
		resp.Body.Close()
		cancel()
		return nil, f.tooLarge()
	}
	return &download{f: f, parent: ctx, file: fileCtx, body: resp.Body, cancel: cancel}, nil
}

func (f *fetcher) tooLarge() error {
	return &missingFile{why: fmt.Sprintf("larger than the upload limit of %d bytes", f.maxBytes)}
}

// failure turns a failed request or read into the reason reported. A
// stop of the whole run (ctx) stays what it is, so the run stops; the end
// of the file's own time (fileCtx) is a missing file.
func (f *fetcher) failure(ctx, fileCtx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	var miss *missingFile
	if errors.As(err, &miss) {
		return miss
	}
	var refused *netguard.RefusedError
	if errors.As(err, &refused) {
		return &missingFile{why: refused.Error() + " (run with --fetch-allow-private to allow it)"}
	}
	if fileCtx.Err() != nil {
		return &missingFile{why: fmt.Sprintf("not downloaded within %s", f.opts.FileTimeout)}
	}
	why := err.Error()
	if ue := (*url.Error)(nil); errors.As(err, &ue) {
		why = ue.Err.Error() // the address is on the report's line already
	}
	transient := errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.ErrUnexpectedEOF)
	return &missingFile{why: why, transient: transient}
}

// download is a body being read: counted against the size limit as it
// arrives, whatever Content-Length said.
type download struct {
	f      *fetcher
	parent context.Context
	file   context.Context
	body   io.ReadCloser
	cancel context.CancelFunc
	read   int64
}

func (d *download) Read(p []byte) (int, error) {
	n, err := d.body.Read(p)
	d.read += int64(n)
	if d.read > d.f.maxBytes {
		return n, d.f.tooLarge()
	}
	if err != nil && err != io.EOF {
		err = d.f.failure(d.parent, d.file, err)
	}
	return n, err
}

func (d *download) Close() error {
	err := d.body.Close()
	d.cancel()
	return err
}
