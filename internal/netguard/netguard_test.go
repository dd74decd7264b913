package netguard

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"strings"
	"testing"
	"time"
)

func TestNonPublicAddressesAreRefused(t *testing.T) {
	for _, addr := range []string{"127.0.0.1", "127.5.5.5", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
		"100.64.0.1", "0.0.0.0", "::", "::1", "fe80::1", "fd00:ec2::254", "fc00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a00:1", "fe80::1%eth0"} {
		if Refused(netip.MustParseAddr(addr)) == "" {
			t.Errorf("%s is allowed", addr)
		}
	}
	for _, addr := range []string{"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111"} {
		if why := Refused(netip.MustParseAddr(addr)); why != "" {
			t.Errorf("%s is refused: %s", addr, why)
		}
	}
}

// The dialer checks the address it connects to, so "localhost" is refused
// as its loopback address, and allowed when private addresses are.
func TestDialerRefusesLoopbackUnlessAllowed(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	for _, host := range []string{"127.0.0.1", "localhost"} {
		addr := net.JoinHostPort(host, port)
		_, err := Dialer(time.Second, false).DialContext(context.Background(), "tcp4", addr)
		var refused *RefusedError
		if !errors.As(err, &refused) || !strings.Contains(refused.Error(), "127.0.0.1 is in the non-public range 127.0.0.0/8") {
			t.Errorf("dial %s without private addresses: %v, want a refusal naming 127.0.0.1", addr, err)
		}
		c, err := Dialer(time.Second, true).DialContext(context.Background(), "tcp4", addr)
		if err != nil {
			t.Errorf("dial %s with private addresses: %v", addr, err)
			continue
		}
		c.Close()
	}
}
