package audit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/policyc/policyc/model"
)

// benchPolicy declares a handful of trackers, one of them a pattern.
func benchPolicy() *model.Policy {
	year := &model.Duration{Amount: 1, Unit: "year"}
	return &model.Policy{
		File: "policy.yaml",
		Lists: model.Lists{TrackerCategories: []*model.TrackerCategory{{ID: "necessary"}, {ID: "analytics", ConsentRequired: true}},
			Trackers: []*model.Tracker{
				{ID: "session", Names: []model.TrackerName{{Name: "sid"}}, Category: model.Ref{ID: "necessary"}, Lifetime: year},
				{ID: "stats", Names: []model.TrackerName{{Name: "_pk_id.*"}, {Name: "_pk_ses.*"}}, Category: model.Ref{ID: "analytics"}, Lifetime: year},
			}},
	}
}

// harOf makes a HAR of n requests over a few hosts, each response setting
// a cookie and each request sending some back.
func harOf(n int) []byte {
	var entries []map[string]any
	for i := range n {
		entries = append(entries, map[string]any{
			"startedDateTime": "2026-01-05T10:00:00.000Z",
			"request": map[string]any{"url": fmt.Sprintf("https://host%d.example%d.com/r/%d", i%7, i%13, i),
				"headers": []map[string]string{{"name": "Cookie", "value": "sid=1; _pk_id.1.a=2; c" + fmt.Sprint(i%50) + "=3"}}},
			"response": map[string]any{"headers": []map[string]string{
				{"name": "Date", "value": "Mon, 05 Jan 2026 10:00:00 GMT"},
				{"name": "Set-Cookie", "value": fmt.Sprintf("c%d=v; Max-Age=%d; Path=/", i%50, 3600*(i+1))},
			}},
		})
	}
	b, _ := json.Marshal(map[string]any{"log": map[string]any{"entries": entries}})
	return b
}

func TestReadHARLifetimes(t *testing.T) {
	har := `{"log":{"entries":[
{"startedDateTime":"2026-01-05T10:00:00Z","request":{"url":"https://a.example.com/","headers":[{"name":"Cookie","value":"late=1"}]},
 "response":{"headers":[{"name":"Date","value":"Mon, 05 Jan 2026 10:00:00 GMT"},
  {"name":"set-cookie","value":"m=1; Max-Age=86400\nx=1; Expires=Wed, 07 Jan 2026 10:00:00 GMT\ns=1\nd=1; Max-Age=0"}]}},
{"startedDateTime":"2026-01-05T10:00:01Z","request":{"url":"https://a.example.com/2","headers":[]},
 "response":{"headers":[{"name":"Set-Cookie","value":"late=2; Max-Age=60"}]}}]}}`
	o := &Observation{}
	if err := ReadHAR(o, bytes.NewReader([]byte(har)), BeforeConsent); err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(o.Cookies)
	want := "[{m a.example.com 24h0m0s false 0} {x a.example.com 48h0m0s false 0} {s a.example.com 0s true 0} {late a.example.com 1m0s false 0}]"
	if got != want {
		t.Errorf("cookies\n got %s\nwant %s", got, want)
	}
}

// BenchmarkAuditHAR500 reads and audits a HAR of 500 requests; it should
// take well under 200 ms.
func BenchmarkAuditHAR500(b *testing.B) {
	har := harOf(500)
	p := benchPolicy()
	LookupCookie("warm") // the embedded database is parsed once per process
	b.ResetTimer()
	for b.Loop() {
		o := &Observation{}
		if err := ReadHAR(o, bytes.NewReader(har), BeforeConsent); err != nil {
			b.Fatal(err)
		}
		if len(Audit(p, o)) == 0 {
			b.Fatal("no findings")
		}
	}
}
