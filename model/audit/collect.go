package audit

import (
	"context"
	"fmt"
	"log"
	"math"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
)

// CollectOptions says what Collect visits.
type CollectOptions struct {
	URL   string
	Paths []string // more pages of the same site, relative to URL
	// AcceptSelector is the CSS selector of the banner's "accept all"
	// button; when set, the pages are visited again after clicking it.
	AcceptSelector string
	Timeout        time.Duration // the whole visit; the browser is stopped at the end
	Browser        string        // the Chromium program; empty finds it on PATH
}

// Collect visits the pages in a headless Chromium, driven through the
// DevTools protocol, and records the cookies (with domain and expiry),
// localStorage and sessionStorage keys and hosts contacted: once before
// any consent, and once after accepting all when an accept selector is
// given. The browser is stopped, and its profile removed, before Collect
// returns.
func Collect(ctx context.Context, opts CollectOptions) (*Observation, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = time.Minute
	}
	pages := []string{opts.URL}
	base, err := url.Parse(opts.URL)
	if err != nil || base.Host == "" {
		return nil, fmt.Errorf("--url %q is not an absolute address", opts.URL)
	}
	for _, p := range opts.Paths {
		ref, err := url.Parse(p)
		if err != nil {
			return nil, fmt.Errorf("--path %q: %v", p, err)
		}
		pages = append(pages, base.ResolveReference(ref).String())
	}

	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	allocOpts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.NoSandbox, // containers and CI runners seldom allow Chromium's sandbox
		chromedp.Flag("disable-features", "HttpsUpgrades"),
	)
	if opts.Browser != "" {
		allocOpts = append(allocOpts, chromedp.ExecPath(opts.Browser))
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, allocOpts...)
	defer cancelAlloc()
	// cdproto lags behind Chromium: events with values it does not know yet
	// (a new IP address space) are skipped, not reported.
	browserCtx, cancelBrowser := chromedp.NewContext(allocCtx, chromedp.WithErrorf(func(format string, args ...any) {
		if !strings.HasPrefix(format, "could not unmarshal event") {
			log.Printf(format, args...)
		}
	}))
	defer cancelBrowser()

	o := &Observation{Site: opts.URL, StorageRecorded: true}
	var mu sync.Mutex
	var hosts []string
	chromedp.ListenTarget(browserCtx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			hosts = append(hosts, hostOf(e.Request.URL))
			mu.Unlock()
		}
	})
	visit := func(phase Phase) error {
		for _, page := range pages {
			var local, session []string
			if err := chromedp.Run(browserCtx,
				network.Enable(),
				chromedp.Navigate(page),
				chromedp.Evaluate(`Object.keys(localStorage).sort()`, &local),
				chromedp.Evaluate(`Object.keys(sessionStorage).sort()`, &session),
			); err != nil {
				return fmt.Errorf("visiting %s: %v", page, err)
			}
			origin := base.Scheme + "://" + base.Host
			if u, err := url.Parse(page); err == nil {
				origin = u.Scheme + "://" + u.Host
			}
			for _, k := range local {
				o.Storage = append(o.Storage, StorageKey{Technology: "local-storage", Origin: origin, Key: k, Phase: phase})
			}
			for _, k := range session {
				o.Storage = append(o.Storage, StorageKey{Technology: "session-storage", Origin: origin, Key: k, Phase: phase})
			}
		}
		var cookies []*network.Cookie
		if err := chromedp.Run(browserCtx, chromedp.ActionFunc(func(ctx context.Context) error {
			var err error
			cookies, err = storage.GetCookies().Do(ctx)
			return err
		})); err != nil {
			return fmt.Errorf("reading cookies: %v", err)
		}
		now := time.Now()
		for _, c := range cookies {
			oc := Cookie{Name: c.Name, Domain: strings.TrimPrefix(c.Domain, "."), Phase: phase, Session: c.Session}
			if !c.Session {
				sec, frac := math.Modf(c.Expires)
				oc.Lifetime = time.Unix(int64(sec), int64(frac*1e9)).Sub(now)
			}
			o.Cookies = append(o.Cookies, oc)
		}
		return nil
	}
	if err := visit(BeforeConsent); err != nil {
		return nil, err
	}
	if opts.AcceptSelector != "" {
		if err := chromedp.Run(browserCtx,
			chromedp.Navigate(opts.URL),
			chromedp.Click(opts.AcceptSelector, chromedp.ByQuery),
		); err != nil {
			return nil, fmt.Errorf("accepting with %q: %v", opts.AcceptSelector, err)
		}
		if err := visit(AfterConsent); err != nil {
			return nil, err
		}
	}
	mu.Lock()
	for _, h := range hosts {
		o.AddHost(h)
	}
	mu.Unlock()
	// Stop the browser and wait for it, so no process outlives the audit.
	if err := chromedp.Cancel(browserCtx); err != nil && ctx.Err() == nil {
		return nil, fmt.Errorf("stopping Chromium: %v", err)
	}
	return o, nil
}
