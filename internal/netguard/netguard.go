// Package netguard keeps Payvand's outgoing connections (webhook deliveries,
// attachments fetched by the WordPress import) away from addresses inside
// the network the server runs in: the guard against server-side request
// forgery, applied when a connection is made, after DNS.
package netguard

import (
	"fmt"
	"net"
	"net/netip"
	"syscall"
	"time"
)

// blockedPrefixes are the address ranges a guarded connection may not
// reach unless private addresses are allowed: loopback, private networks,
// link-local (cloud metadata services live there: 169.254.169.254,
// fd00:ec2::254), carrier-grade NAT, "this network", and the other
// special-purpose ranges that lead inside a provider rather than to a
// public site.
var blockedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),      // this network, unspecified
	netip.MustParsePrefix("10.0.0.0/8"),     // private
	netip.MustParsePrefix("100.64.0.0/10"),  // carrier-grade NAT
	netip.MustParsePrefix("127.0.0.0/8"),    // loopback
	netip.MustParsePrefix("169.254.0.0/16"), // link-local, metadata
	netip.MustParsePrefix("172.16.0.0/12"),  // private
	netip.MustParsePrefix("192.0.0.0/24"),   // IETF protocol assignments
	netip.MustParsePrefix("192.168.0.0/16"), // private
	netip.MustParsePrefix("198.18.0.0/15"),  // benchmarking
	netip.MustParsePrefix("224.0.0.0/4"),    // multicast
	netip.MustParsePrefix("240.0.0.0/4"),    // reserved, broadcast
	netip.MustParsePrefix("::/128"),         // unspecified
	netip.MustParsePrefix("::1/128"),        // loopback
	netip.MustParsePrefix("64:ff9b::/96"),   // NAT64: would reach an IPv4 address unchecked
	netip.MustParsePrefix("64:ff9b:1::/48"), // local-use NAT64
	netip.MustParsePrefix("fc00::/7"),       // unique local, includes fd00:ec2::254
	netip.MustParsePrefix("fe80::/10"),      // link-local
	netip.MustParsePrefix("ff00::/8"),       // multicast
}

// Refused reports why ip may not be reached, or "" when it may.
func Refused(ip netip.Addr) string {
	// ::ffff:127.0.0.1 is 127.0.0.1, and a zoned address (fe80::1%eth0)
	// matches no prefix until its zone is dropped.
	ip = ip.Unmap().WithZone("")
	for _, p := range blockedPrefixes {
		if p.Contains(ip) {
			return fmt.Sprintf("%s is in the non-public range %s", ip, p)
		}
	}
	return ""
}

// Dialer returns a net.Dialer with the given connect timeout that, unless
// allowPrivate, refuses a connection to a non-public address with a
// *RefusedError. The check runs in Control, on the address actually being
// connected to after DNS resolution, so a name that resolves to a public
// address when it is checked and to a private one later (DNS rebinding)
// is refused too.
func Dialer(timeout time.Duration, allowPrivate bool) *net.Dialer {
	d := &net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second}
	if allowPrivate {
		return d
	}
	d.Control = func(network, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return fmt.Errorf("address %q: %w", address, err)
		}
		if why := Refused(ap.Addr()); why != "" {
			return &RefusedError{Reason: why}
		}
		return nil
	}
	return d
}

// RefusedError is a connection the guard refused. Callers add how their
// own setting allows it (--webhook-allow-private, --fetch-allow-private).
type RefusedError struct{ Reason string }

func (e *RefusedError) Error() string { return "refused: " + e.Reason }
