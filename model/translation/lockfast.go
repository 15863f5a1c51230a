package translation

import (
	"strings"
	"unicode/utf8"
)

// readLockFast reads a lock laid out exactly as Marshal writes it, without
// building a YAML node tree: that tree costs as much as loading the policy
// itself, and check reads every lock. It declines (ok false) anything else:
// another layout, quoting it does not know, a text whose sha256 does not
// match, a repeated path or language; ParseLock then reads the file in full
// and reports what is wrong. Every text it reads is checked against its
// sha256, so a text it could misread is declined, never accepted.
func readLockFast(data []byte) (l *Lock, ok bool) {
	if !lockPrintable(data) {
		return nil, false
	}
	lines := strings.Split(string(data), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	i := 0
	for i < len(lines) && (lines[i] == "" || lines[i][0] == '#') {
		i++
	}
	if i+2 >= len(lines) || lines[i] != "format: "+LockFormat || lines[i+2] != "fields:" {
		return nil, false
	}
	source, found := strings.CutPrefix(lines[i+1], "source: ")
	if !found || !langCode.MatchString(source) {
		return nil, false
	}
	l = NewLock(source)
	l.Version = 2
	l.sourcePos.Line, l.sourcePos.Col = i+2, len("source: ")+1
	i += 3
	for i < len(lines) {
		path, ok := lockKey(lines[i], 2)
		if !ok || l.Entries[path] != nil {
			return nil, false
		}
		i++
		entries := map[string]Entry{}
		l.Entries[path] = entries
		for i < len(lines) && strings.HasPrefix(lines[i], "    - sha256: ") {
			hash := lines[i][len("    - sha256: "):]
			i++
			if i >= len(lines) {
				return nil, false
			}
			rest, found := strings.CutPrefix(lines[i], "      source: ")
			if !found {
				return nil, false
			}
			i++
			text, ok := lockScalar(rest, lines, &i, 6)
			if !ok || hash != Hash(source, text) || i >= len(lines) || lines[i] != "      translations:" {
				return nil, false
			}
			i++
			n := 0
			for ; i < len(lines); n++ {
				lang, ok := lockKey(lines[i], 8)
				if !ok {
					break
				}
				if _, dup := entries[lang]; dup || lang == source || !langCode.MatchString(lang) || i+2 >= len(lines) {
					return nil, false
				}
				th, found := strings.CutPrefix(lines[i+1], "          sha256: ")
				if !found {
					return nil, false
				}
				rest, found := strings.CutPrefix(lines[i+2], "          text: ")
				if !found {
					return nil, false
				}
				i += 3
				translation, ok := lockScalar(rest, lines, &i, 10)
				if !ok || th != Hash(lang, translation) {
					return nil, false
				}
				entries[lang] = Entry{Hash: hash, Source: text, TranslationHash: th, Translation: translation}
			}
			if n == 0 {
				return nil, false
			}
		}
		if len(entries) == 0 {
			return nil, false
		}
	}
	return l, true
}

// lockPrintable reports whether data is UTF-8 of characters YAML reads as
// printable, with no line break but LF and no tab: what lockScalar can read
// without YAML's rules for the others.
func lockPrintable(data []byte) bool {
	for len(data) > 0 {
		c := data[0]
		if c < utf8.RuneSelf {
			if c != '\n' && (c < 0x20 || c == 0x7f) {
				return false
			}
			data = data[1:]
			continue
		}
		r, size := utf8.DecodeRune(data)
		switch {
		case r == utf8.RuneError && size == 1,
			r < 0xa0, r == 0x2028, r == 0x2029, r == 0xfeff,
			r >= 0xd800 && r < 0xe000, r == 0xfffe, r == 0xffff:
			return false
		}
		data = data[size:]
	}
	return true
}

// lockKey reads "KEY:" indented by exactly indent spaces, KEY a plain
// scalar.
func lockKey(line string, indent int) (string, bool) {
	if len(line) <= indent || strings.TrimLeft(line[:indent+1], " ") != line[indent:indent+1] {
		return "", false
	}
	key, found := strings.CutSuffix(line[indent:], ":")
	if !found || !lockPlain(key) {
		return "", false
	}
	return key, true
}

// lockPlain reports whether s, alone on its line after "key: ", is a plain
// YAML scalar whose value is s itself: no indicator at its start, nothing
// that starts a comment or a mapping, no surrounding space, and not a null.
func lockPlain(s string) bool {
	if s == "" || strings.ContainsRune("-?:,[]{}#&*!|>'\"%@` ", rune(s[0])) || strings.HasSuffix(s, " ") || strings.HasSuffix(s, ":") {
		return false
	}
	if strings.Contains(s, ": ") || strings.Contains(s, " #") {
		return false
	}
	switch s {
	case "~", "null", "Null", "NULL":
		return false
	}
	return true
}

// lockScalar reads the value that starts as rest after "key: " on the line
// before lines[*i], the key indented by indent: a plain or single-quoted
// scalar on that line, or a literal block (|- or |) on the lines after it,
// which it consumes.
func lockScalar(rest string, lines []string, i *int, indent int) (string, bool) {
	switch {
	case rest == "|-" || rest == "|":
		var b strings.Builder
		block := 0 // the indentation of the block's lines, from its first
		end := *i
		for j := *i; j < len(lines); j++ {
			line := lines[j]
			spaces := len(line) - len(strings.TrimLeft(line, " "))
			if block == 0 {
				if spaces <= indent || spaces == len(line) {
					// A block starting with an empty line, or with none.
					return "", false
				}
				block = spaces
			}
			switch {
			case spaces >= block:
				b.WriteString(line[block:])
			case spaces == len(line):
				// an empty line inside the block
			default:
				j = len(lines) // a less indented line ends the block
				continue
			}
			b.WriteByte('\n')
			end = j + 1
		}
		if block == 0 {
			return "", false
		}
		*i = end
		text := strings.TrimRight(b.String(), "\n")
		if rest == "|" {
			text += "\n"
		}
		return text, true
	case strings.HasPrefix(rest, "'"):
		inner, found := strings.CutSuffix(rest[1:], "'")
		if !found || strings.Contains(strings.ReplaceAll(inner, "''", ""), "'") {
			return "", false
		}
		return strings.ReplaceAll(inner, "''", "'"), true
	case lockPlain(rest):
		return rest, true
	}
	return "", false
}
