// Package locales holds the fixed strings of every rendered page in Dutch,
// English and French, as go-i18n message files, and the code that looks them
// up without falling back to another language.
package locales

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

//go:embed *.yaml
var files embed.FS

// Languages are the languages there are messages for, in display order.
var Languages = []string{"nl", "en", "fr"}

var bundle = sync.OnceValues(func() (*i18n.Bundle, error) {
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	for _, lang := range Languages {
		if _, err := b.LoadMessageFileFS(files, lang+".yaml"); err != nil {
			return nil, fmt.Errorf("locales: %w", err)
		}
	}
	return b, nil
})

// Files returns the message file of each language, for tests that compare
// the catalogues.
func Files() fs.FS { return files }

// Messages looks up the messages of one language. A missing message is an
// error, never text in another language; Err returns the first one.
type Messages struct {
	Lang  string
	loc   *i18n.Localizer
	tag   language.Tag
	mu    sync.Mutex
	cache map[string]string
	err   error
}

// For returns the messages of lang.
func For(lang string) (*Messages, error) {
	b, err := bundle()
	if err != nil {
		return nil, err
	}
	supported := false
	for _, l := range Languages {
		supported = supported || l == lang
	}
	if !supported {
		return nil, fmt.Errorf("no messages for language %q", lang)
	}
	return &Messages{Lang: lang, loc: i18n.NewLocalizer(b, lang), tag: language.Make(lang), cache: map[string]string{}}, nil
}

// Err returns the first lookup that failed.
func (m *Messages) Err() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.err
}

func (m *Messages) fail(err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.err == nil {
		m.err = err
	}
}

// T returns message id filled with data (pairs of name and value).
func (m *Messages) T(id string, data ...any) string {
	if len(data) == 0 {
		m.mu.Lock()
		s, ok := m.cache[id]
		m.mu.Unlock()
		if ok {
			return s
		}
	}
	s := m.localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: pairs(data)})
	if len(data) == 0 {
		m.mu.Lock()
		m.cache[id] = s
		m.mu.Unlock()
	}
	return s
}

// Plural returns message id in the plural form for count.
func (m *Messages) Plural(id string, count int) string {
	key := fmt.Sprintf("%s#%d", id, count)
	m.mu.Lock()
	s, ok := m.cache[key]
	m.mu.Unlock()
	if ok {
		return s
	}
	// The form follows the number; the text shows it grouped as the
	// language writes it.
	s = m.localize(&i18n.LocalizeConfig{MessageID: id, PluralCount: count, TemplateData: map[string]any{"Count": m.Number(count)}})
	m.mu.Lock()
	m.cache[key] = s
	m.mu.Unlock()
	return s
}

func (m *Messages) localize(cfg *i18n.LocalizeConfig) string {
	s, tag, err := m.loc.LocalizeWithTag(cfg)
	if err == nil && tag != m.tag {
		err = fmt.Errorf("message %q has no %s text", cfg.MessageID, m.Lang)
	}
	if err != nil {
		m.fail(fmt.Errorf("locales: %s: %w", m.Lang, err))
		return ""
	}
	return s
}

func pairs(data []any) map[string]any {
	if len(data) == 0 {
		return nil
	}
	out := make(map[string]any, len(data)/2)
	for i := 0; i+1 < len(data); i += 2 {
		out[data[i].(string)] = data[i+1]
	}
	return out
}

// Country returns the name of an ISO 3166-1 code, or of EU and EEA.
func (m *Messages) Country(code string) string {
	if code == "EU" || code == "EEA" {
		return m.T("country." + code)
	}
	key := "country#" + code
	m.mu.Lock()
	s, ok := m.cache[key]
	m.mu.Unlock()
	if ok {
		return s
	}
	region, err := language.ParseRegion(code)
	if err == nil {
		s = display.Regions(m.tag).Name(region)
	}
	if s == "" || err != nil {
		m.fail(fmt.Errorf("locales: %s: no name for country %q", m.Lang, code))
		return code
	}
	m.mu.Lock()
	m.cache[key] = s
	m.mu.Unlock()
	return s
}

// List joins items as "a, b and c" in the language.
func (m *Messages) List(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return m.T("list.and", "Head", strings.Join(items[:len(items)-1], ", "), "Last", items[len(items)-1])
}
