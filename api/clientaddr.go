package api

import (
	"net/http"
	"net/netip"
	"strings"
)

// sourceAddress is the address a request comes from, as the audit log
// records it and failed authentications are counted by: the connection's
// peer. X-Forwarded-For is read only when the peer is one of
// TrustedProxies, since anyone can send the header: trusting it by default
// would let a client choose the address it is counted under. Then the
// client is the last address of the header that is not itself a trusted
// proxy (the proxies append, so earlier entries are the client's own
// claims).
func (s *Server) sourceAddress(r *http.Request) string {
	peer := remoteHost(r.RemoteAddr)
	if len(s.TrustedProxies) == 0 || !s.trusted(peer) {
		return peer
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			return peer // a hop we cannot read: the proxy's is the last sure address
		}
		if !s.trusted(a.String()) {
			return a.String()
		}
	}
	return peer
}

// trusted reports whether addr is within TrustedProxies.
func (s *Server) trusted(addr string) bool {
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return false
	}
	a = a.Unmap()
	for _, p := range s.TrustedProxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// addressKey is the key failed authentications from addr are counted
// under: the address itself for IPv4, its /64 network for IPv6, the
// smallest block a host is commonly given (one host holds billions of
// addresses of it).
func addressKey(addr string) string {
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return addr
	}
	a = a.Unmap()
	if a.Is4() {
		return a.String()
	}
	p, _ := a.WithZone("").Prefix(64)
	return p.String()
}
