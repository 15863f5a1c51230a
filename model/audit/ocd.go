package audit

import (
	_ "embed"
	"encoding/csv"
	"slices"
	"strings"
	"sync"
)

// ocdCSV is the Open Cookie Database (Apache-2.0; ocd/LICENSE and
// ocd/NOTICE name its source and commit).
//
//go:embed ocd/open-cookie-database.csv
var ocdCSV string

// KnownCookie is what the Open Cookie Database says about one cookie or
// storage key.
type KnownCookie struct {
	Platform   string // e.g. "Google Analytics"
	Category   string // Functional, Analytics, Marketing, Security, …
	Name       string // the name, or its prefix when Prefix is set
	Domain     string
	Retention  string // as the database writes it, e.g. "2 years"
	Controller string // the company behind it
	Prefix     bool   // the name matches every key that starts with it
}

type knownCookies struct {
	exact    map[string]*KnownCookie
	prefixes []*KnownCookie // longest first, so the most specific wins
	byDomain map[string]*KnownCookie
}

var (
	ocdOnce sync.Once
	ocd     knownCookies
)

func loadOCD() *knownCookies {
	ocdOnce.Do(func() {
		ocd = knownCookies{exact: map[string]*KnownCookie{}, byDomain: map[string]*KnownCookie{}}
		r := csv.NewReader(strings.NewReader(ocdCSV))
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		if err != nil {
			panic("embedded Open Cookie Database: " + err.Error())
		}
		for _, row := range rows[1:] {
			if len(row) < 10 || row[3] == "" {
				continue
			}
			k := &KnownCookie{Platform: row[1], Category: row[2], Name: row[3], Domain: strings.TrimSpace(row[4]),
				Retention: strings.TrimSpace(row[6]), Controller: strings.TrimSpace(row[7]), Prefix: row[9] == "1"}
			// The first row of a name wins: the database lists the best-known use first.
			if k.Prefix {
				ocd.prefixes = append(ocd.prefixes, k)
			} else if _, dup := ocd.exact[k.Name]; !dup {
				ocd.exact[k.Name] = k
			}
			if d := strings.TrimPrefix(k.Domain, "."); d != "" && k.Controller != "" {
				if _, dup := ocd.byDomain[d]; !dup {
					ocd.byDomain[d] = k
				}
			}
		}
		// Stable: equal lengths keep the database's order.
		slices.SortStableFunc(ocd.prefixes, func(a, b *KnownCookie) int { return len(b.Name) - len(a.Name) })
	})
	return &ocd
}

// LookupCookie returns what the Open Cookie Database says about a cookie or
// storage key name, or nil when it does not know it.
func LookupCookie(name string) *KnownCookie {
	db := loadOCD()
	if k := db.exact[name]; k != nil {
		return k
	}
	for _, k := range db.prefixes {
		if strings.HasPrefix(name, k.Name) {
			return k
		}
	}
	return nil
}

// LookupHost returns a cookie the Open Cookie Database lists for host or a
// parent domain of it, which names the company behind the host.
func LookupHost(host string) *KnownCookie {
	db := loadOCD()
	for h := host; h != ""; {
		if k := db.byDomain[h]; k != nil {
			return k
		}
		i := strings.IndexByte(h, '.')
		if i < 0 {
			break
		}
		h = h[i+1:]
	}
	return nil
}
