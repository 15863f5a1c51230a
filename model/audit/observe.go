package audit

import (
	"net"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/publicsuffix"
)

// Phase says when something was observed: before the visitor chose
// anything in the consent banner, or after accepting all.
type Phase int

const (
	BeforeConsent Phase = iota
	AfterConsent
)

// Cookie is one cookie a site set.
type Cookie struct {
	Name   string
	Domain string
	// Lifetime is how long it is kept from when it was set; 0 with
	// Session for a session cookie, 0 without it when unknown (a cookie a
	// HAR only shows being sent back).
	Lifetime time.Duration
	Session  bool
	Phase    Phase
}

// StorageKey is one key of localStorage or sessionStorage.
type StorageKey struct {
	Technology string // local-storage or session-storage
	Origin     string
	Key        string
	Phase      Phase
}

// Observation is what one or more visits of a site stored and contacted.
type Observation struct {
	// Site is the address of the first page; hosts of another site are
	// third parties.
	Site    string
	Cookies []Cookie
	Storage []StorageKey
	Hosts   []string // every host contacted, in order of first contact
	// StorageRecorded is false for sources that cannot see web storage
	// (HAR files), so that declared storage keys are not reported unseen.
	StorageRecorded bool

	// seenHosts indexes Hosts, so that a HAR of many hosts costs time
	// linear in its size.
	seenHosts map[string]bool
}

// AddHost records a contacted host once.
func (o *Observation) AddHost(host string) {
	if host == "" {
		return
	}
	if o.seenHosts == nil {
		o.seenHosts = make(map[string]bool, len(o.Hosts))
		for _, h := range o.Hosts {
			o.seenHosts[h] = true
		}
	}
	if !o.seenHosts[host] {
		o.seenHosts[host] = true
		o.Hosts = append(o.Hosts, host)
	}
}

// siteOf is the registrable domain of a host ("www.example.co.uk" →
// "example.co.uk"); an IP address or a single label is its own site.
func siteOf(host string) string {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	if net.ParseIP(host) != nil || !strings.Contains(host, ".") {
		return host
	}
	if s, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
		return s
	}
	return host
}

// hostOf is the host name of a URL, without port.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Hostname())
}

// ThirdPartyHosts are the contacted hosts of another site than Site's.
func (o *Observation) ThirdPartyHosts() []string {
	first := siteOf(hostOf(o.Site))
	var out []string
	for _, h := range o.Hosts {
		if siteOf(h) != first {
			out = append(out, h)
		}
	}
	return out
}
