package s3store_test

import (
	"bytes"
	"crypto/rand"
	"io"
	"net"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/payvand/payvand/internal/s3store"
	"github.com/payvand/payvand/internal/s3test"
)

// Serving the end of a large picture (a resumed download, a Range request)
// fetches that end from the server, not the whole object: a proxy between
// the store and the server counts what the server sends.
func TestSeekThenReadFetchesOnlyTheRange(t *testing.T) {
	srv := s3test.Start(t)
	direct := srv.Store(t)
	data := make([]byte, 8<<20)
	_, _ = rand.Read(data)
	if err := direct.Put(t.Context(), "ab/big.jpg", bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	proxy := startCountingProxy(t, strings.TrimPrefix(srv.Endpoint, "http://"))
	loc := direct.Location()
	loc.Endpoint = proxy.addr
	viaProxy, err := s3store.New(t.Context(), loc, srv.Credentials)
	if err != nil {
		t.Fatal(err)
	}
	f, err := viaProxy.Open(t.Context(), "ab/big.jpg")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	before := proxy.received.Load()
	rs := f.(io.ReadSeeker)
	if _, err := rs.Seek(int64(len(data))-1000, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	got := make([]byte, 1000)
	if _, err := io.ReadFull(rs, got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, data[len(data)-1000:]) {
		t.Fatal("the last 1000 bytes differ")
	}
	if n := proxy.received.Load() - before; n > 64<<10 {
		t.Errorf("reading the last 1000 bytes of 8 MiB fetched %d bytes", n)
	}
}

// countingProxy forwards TCP connections to a server and counts the bytes
// the server sends back.
type countingProxy struct {
	addr     string
	received atomic.Int64
}

func startCountingProxy(t *testing.T, target string) *countingProxy {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	p := &countingProxy{addr: l.Addr().String()}
	go func() {
		for {
			client, err := l.Accept()
			if err != nil {
				return
			}
			go p.forward(client, target)
		}
	}()
	return p
}

func (p *countingProxy) forward(client net.Conn, target string) {
	defer client.Close()
	server, err := net.Dial("tcp", target)
	if err != nil {
		return
	}
	defer server.Close()
	go func() { _, _ = io.Copy(server, client); server.Close() }()
	_, _ = io.Copy(countingWriter{client, &p.received}, server)
}

type countingWriter struct {
	w io.Writer
	n *atomic.Int64
}

func (c countingWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n.Add(int64(n))
	return n, err
}
