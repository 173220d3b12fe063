package webhook

import (
	"fmt"
	"net"
	"net/netip"
	"strings"
	"syscall"
)

// The addresses deliveries are refused by default: a subscription is a URL
// any account's user writes, and without this wat would fetch it from
// inside the operator's network (SSRF). Loopback, private, shared (CGN),
// link-local (with the cloud metadata service at 169.254.169.254),
// unique-local, unspecified, multicast and reserved ranges.
var refused = mustPrefixes(
	"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
	"192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
	"::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8", "64:ff9b::/96", "fd00:ec2::254/128",
)

func mustPrefixes(cidrs ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(cidrs))
	for i, c := range cidrs {
		out[i] = netip.MustParsePrefix(c)
	}
	return out
}

// Allow is the operator's exceptions to the refused ranges (wat serve
// --webhook-allow): CIDR prefixes or addresses, whose addresses are
// allowed, and host names, whose resolved addresses are.
type Allow struct {
	prefixes []netip.Prefix
	hosts    map[string]bool
}

// ParseAllow reads a list of CIDR prefixes, addresses and host names,
// each entry possibly comma-separated.
func ParseAllow(entries []string) (*Allow, error) {
	a := &Allow{hosts: map[string]bool{}}
	for _, e := range entries {
		for _, v := range strings.Split(e, ",") {
			v = strings.TrimSpace(v)
			switch {
			case v == "":
			case strings.Contains(v, "/"):
				p, err := netip.ParsePrefix(v)
				if err != nil {
					return nil, fmt.Errorf("webhook allow %q: not a CIDR prefix", v)
				}
				a.prefixes = append(a.prefixes, p.Masked())
			default:
				if ip, err := netip.ParseAddr(v); err == nil {
					a.prefixes = append(a.prefixes, netip.PrefixFrom(ip.Unmap(), ip.Unmap().BitLen()))
				} else if validHost(v) {
					a.hosts[strings.ToLower(strings.TrimSuffix(v, "."))] = true
				} else {
					return nil, fmt.Errorf("webhook allow %q: not a CIDR prefix, address or host name", v)
				}
			}
		}
	}
	return a, nil
}

func validHost(h string) bool {
	if h == "" || len(h) > 253 {
		return false
	}
	for _, c := range h {
		if !(c == '.' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// Permits reports whether a delivery to ip, reached by the name host (as
// the URL names it), may go: ip in an allowed prefix, host an allowed name,
// or ip in none of the refused ranges.
func (a *Allow) Permits(host string, ip netip.Addr) bool {
	ip = ip.Unmap()
	if a != nil {
		for _, p := range a.prefixes {
			if p.Contains(ip) {
				return true
			}
		}
		if a.hosts[strings.ToLower(strings.TrimSuffix(host, "."))] {
			return true
		}
	}
	for _, p := range refused {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// ErrRefused is a delivery whose address the operator does not allow.
type ErrRefused struct{ Host, IP string }

func (e *ErrRefused) Error() string {
	return fmt.Sprintf("webhook: %s resolves to %s, which is not allowed (wat serve --webhook-allow)", e.Host, e.IP)
}

// control is the net.Dialer Control of a connection to host: it runs
// after the name is resolved, on the very address about to be connected,
// so a name that resolves to a refused address at delivery time (DNS
// rebinding) is refused whatever it resolved to before.
func (a *Allow) control(host string) func(network, address string, c syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		h, _, err := net.SplitHostPort(address)
		if err != nil {
			return err
		}
		ip, err := netip.ParseAddr(h)
		if err != nil {
			return fmt.Errorf("webhook: dialing %q: not an address", address)
		}
		if !a.Permits(host, ip) {
			return &ErrRefused{Host: host, IP: ip.String()}
		}
		return nil
	}
}
