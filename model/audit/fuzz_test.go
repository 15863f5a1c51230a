package audit

import (
	"bytes"
	"os"
	"testing"

	"github.com/policyc/policyc/model"
)

// FuzzHAR: any bytes as a HAR file, read before and after consent and
// audited against a policy, without a panic; what is read is bounded by
// the input (no cookie or host made up), and every finding has a position.
func FuzzHAR(f *testing.F) {
	if b, err := os.ReadFile("../../cmd/policyc/testdata/audit/shop.har"); err == nil {
		f.Add(b)
	}
	f.Add(harOf(20))
	f.Add([]byte(`{"log":{"entries":[{"startedDateTime":"2026-01-05T10:00:00Z","request":{"url":"https://a.example.com/","headers":[{"name":"Cookie","value":"late=1"}]},` +
		`"response":{"headers":[{"name":"Date","value":"Mon, 05 Jan 2026 10:00:00 GMT"},{"name":"set-cookie","value":"m=1; Max-Age=86400\nx=1; Expires=Wed, 07 Jan 2026 10:00:00 GMT\ns=1\nd=1; Max-Age=0"}]}}]}}`))
	f.Add([]byte(`{"log":{"entries":[{"request":{"url":"http://[::1]:80/","cookies":[{"name":""}]},"response":{"cookies":[{"name":"a","domain":".","expires":"9999-12-31T23:59:59Z"}]}}]}}`))
	f.Add([]byte(`{"log":{"entries":[{"startedDateTime":"0001-01-01T00:00:00Z","request":{"url":"%zz"},"response":{"headers":[{"name":"Set-Cookie","value":"a=b; Max-Age=9223372036854775807"}]}}]}}`))
	f.Add([]byte(`{"log":null}`))
	p, diags := model.LoadFile("../../cmd/policyc/testdata/audit/shop/policy.yaml")
	if diags.HasErrors() {
		f.Fatal(diags)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		o := &Observation{}
		for _, phase := range []Phase{BeforeConsent, AfterConsent} {
			if err := ReadHAR(o, bytes.NewReader(data), phase); err != nil {
				return
			}
		}
		if len(o.Cookies) > 2*len(data) || len(o.Hosts) > len(data) {
			t.Errorf("%d bytes of HAR gave %d cookies and %d hosts", len(data), len(o.Cookies), len(o.Hosts))
		}
		for _, d := range Audit(p, o) {
			if d.Pos.File == "" || d.Pos.Line < 1 {
				t.Errorf("finding without a position: %+v", d)
			}
		}
	})
}
