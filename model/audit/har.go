package audit

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// harFile is the part of a HAR 1.2 file (as Chrome DevTools and Playwright
// save them) the audit reads.
type harFile struct {
	Log struct {
		Entries []harEntry `json:"entries"`
	} `json:"log"`
}

type harEntry struct {
	StartedDateTime string `json:"startedDateTime"`
	Request         struct {
		URL     string      `json:"url"`
		Headers []harHeader `json:"headers"`
		Cookies []harCookie `json:"cookies"`
	} `json:"request"`
	Response struct {
		Headers []harHeader `json:"headers"`
		Cookies []harCookie `json:"cookies"`
	} `json:"response"`
}

type harHeader struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

type harCookie struct {
	Name    string `json:"name"`
	Domain  string `json:"domain"`
	Expires string `json:"expires"`
}

// ReadHAR adds to o what a HAR file records: the hosts of its requests,
// the cookies its responses set (Set-Cookie headers and cookies arrays,
// with their lifetime counted from the response) and the cookies its
// requests send back (set by a script; lifetime unknown). A HAR records no
// web storage.
func ReadHAR(o *Observation, r io.Reader, phase Phase) error {
	var h harFile
	if err := json.NewDecoder(r).Decode(&h); err != nil {
		return fmt.Errorf("not a HAR file: %v", err)
	}
	seen := map[string]int{} // name and domain → index in o.Cookies; -1 for earlier files
	for _, c := range o.Cookies {
		if c.Phase == phase {
			seen[c.Name+"\x00"+c.Domain] = -1
		}
	}
	add := func(c Cookie, known bool) {
		key := c.Name + "\x00" + c.Domain
		if i, ok := seen[key]; ok {
			// A later Set-Cookie with a known lifetime completes a cookie
			// first seen being sent back.
			if i >= 0 && known && o.Cookies[i].Lifetime == 0 && !o.Cookies[i].Session {
				o.Cookies[i] = c
			}
			return
		}
		seen[key] = len(o.Cookies)
		o.Cookies = append(o.Cookies, c)
	}
	for _, e := range h.Log.Entries {
		if o.Site == "" {
			o.Site = e.Request.URL
		}
		host := hostOf(e.Request.URL)
		o.AddHost(host)
		started, _ := time.Parse(time.RFC3339Nano, e.StartedDateTime)
		var date time.Time
		for _, hd := range e.Response.Headers {
			if strings.EqualFold(hd.Name, "Date") {
				date, _ = http.ParseTime(hd.Value)
			}
		}
		if date.IsZero() {
			date = started
		}
		fromHeaders := false
		for _, hd := range e.Response.Headers {
			if !strings.EqualFold(hd.Name, "Set-Cookie") {
				continue
			}
			// Chrome joins several Set-Cookie headers with newlines.
			for _, line := range strings.Split(hd.Value, "\n") {
				sc, err := http.ParseSetCookie(strings.TrimSpace(line))
				if err != nil {
					continue
				}
				fromHeaders = true
				c := Cookie{Name: sc.Name, Domain: cookieDomain(sc.Domain, host), Phase: phase}
				switch {
				case sc.MaxAge > 0:
					c.Lifetime = time.Duration(sc.MaxAge) * time.Second
				case sc.MaxAge < 0:
					continue // a deletion
				case !sc.Expires.IsZero() && !date.IsZero():
					if c.Lifetime = sc.Expires.Sub(date); c.Lifetime <= 0 {
						continue
					}
				default:
					c.Session = true
				}
				add(c, true)
			}
		}
		if !fromHeaders {
			for _, hc := range e.Response.Cookies {
				c := Cookie{Name: hc.Name, Domain: cookieDomain(hc.Domain, host), Phase: phase, Session: true}
				if exp, err := time.Parse(time.RFC3339Nano, hc.Expires); err == nil && !started.IsZero() {
					c.Session = false
					if c.Lifetime = exp.Sub(started); c.Lifetime <= 0 {
						continue
					}
				}
				add(c, true)
			}
		}
		for _, rc := range requestCookies(e) {
			add(Cookie{Name: rc, Domain: host, Phase: phase}, false)
		}
	}
	return nil
}

// requestCookies are the names of the cookies a request sends.
func requestCookies(e harEntry) []string {
	var names []string
	for _, c := range e.Request.Cookies {
		names = append(names, c.Name)
	}
	if len(names) > 0 {
		return names
	}
	for _, hd := range e.Request.Headers {
		if !strings.EqualFold(hd.Name, "Cookie") {
			continue
		}
		cs, err := http.ParseCookie(hd.Value)
		if err != nil {
			continue
		}
		for _, c := range cs {
			names = append(names, c.Name)
		}
	}
	return names
}

func cookieDomain(attr, host string) string {
	if d := strings.TrimPrefix(strings.ToLower(attr), "."); d != "" {
		return d
	}
	return host
}
