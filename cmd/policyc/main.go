// Command policyc compiles privacy and cookie policies written as YAML into
// HTML, Markdown and JSON pages in Dutch, English and French.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// Exit codes: the contract that scripts and CI rely on.
const (
	exitOK    = 0
	exitInput = 1 // the input has errors, or the run failed; the reason was printed
	exitUsage = 2 // wrong usage
)

// errInput reports that diagnostics with errors were printed.
var errInput = errors.New("the input has errors")

// failure is an error of the run itself (an unwritable folder, a broken
// pipe). Any error not marked otherwise is one; failure only says so
// where a reader might wonder.
type failure struct{ err error }

func (f failure) Error() string { return f.err.Error() }
func (f failure) Unwrap() error { return f.err }

// usageError is a mistake in the command line: an unknown command or flag,
// a flag value out of its set, a missing argument. It is the only error
// that exits 2, and it is marked where it is made.
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

// usagef returns a usage error.
func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

func main() {
	os.Exit(runStreams(os.Args[1:], osStreams()))
}

// run executes the command line with the given outputs, neither of them a
// terminal.
func run(args []string, stdout, stderr io.Writer) int {
	return runStreams(args, &streams{Out: stdout, Err: stderr})
}

// runStreams executes the command line and maps its outcome to an exit
// code, in this one place: errInput and any unexpected error exit 1, a
// usage error 2 with a hint.
func runStreams(args []string, s *streams) int {
	root := newRootCmd(s)
	root.SetArgs(args)
	err := root.Execute()
	var u usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errInput):
		return exitInput
	case errors.As(err, &u):
		fmt.Fprintf(s.Err, "policyc: %v\nRun 'policyc --help' for usage.\n", err)
		return exitUsage
	default:
		fmt.Fprintf(s.Err, "policyc: %v\n", err)
		return exitInput
	}
}
