package main

import (
	"io"
	"os"

	"golang.org/x/term"
)

// streams are where a command writes: its output and its messages, and
// whether the output is a terminal, which decides colour under --color
// auto. Tests make their own, terminal or not.
type streams struct {
	Out, Err io.Writer
	// In is the standard input; InTerminal reports whether it is a
	// terminal, where init asks its questions.
	In         io.Reader
	InTerminal bool
	// OutTerminal reports whether Out is a terminal.
	OutTerminal bool
	// Getenv reads the environment (NO_COLOR, TERM); nil reads none.
	Getenv func(string) string
}

// osStreams are the process's standard output and error.
func osStreams() *streams {
	return &streams{Out: os.Stdout, Err: os.Stderr, OutTerminal: isTerminal(os.Stdout), Getenv: os.Getenv,
		In: os.Stdin, InTerminal: term.IsTerminal(int(os.Stdin.Fd()))}
}

func isTerminal(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

func (s *streams) getenv(key string) string {
	if s.Getenv == nil {
		return ""
	}
	return s.Getenv(key)
}

// color reports whether output in the given mode (auto, always, never) is
// coloured: under auto, on a terminal unless NO_COLOR asks for none or
// TERM is dumb.
func (s *streams) color(mode string) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	return s.OutTerminal && s.getenv("NO_COLOR") == "" && s.getenv("TERM") != "dumb"
}
