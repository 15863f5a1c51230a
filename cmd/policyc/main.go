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
	exitInput = 1 // the input has errors; diagnostics were printed
	exitUsage = 2 // wrong usage
)

// errInput reports that diagnostics with errors were printed.
var errInput = errors.New("the input has errors")

// failure is an error of the run itself (an unwritable folder, a broken
// pipe), as opposed to a usage mistake.
type failure struct{ err error }

func (f failure) Error() string { return f.err.Error() }
func (f failure) Unwrap() error { return f.err }

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the command line and maps its outcome to an exit code, in
// this one place.
func run(args []string, stdout, stderr io.Writer) int {
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	var f failure
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errInput):
		return exitInput
	case errors.As(err, &f):
		fmt.Fprintf(stderr, "policyc: %v\n", err)
		return exitInput
	default:
		fmt.Fprintf(stderr, "policyc: %v\nRun 'policyc --help' for usage.\n", err)
		return exitUsage
	}
}
