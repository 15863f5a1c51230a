// Command genpolicy writes the generated benchmark policy into DIR/generated:
// genpolicy [-second] DIR TRACKERS ACTIVITIES. Past 20,000 tracker rows the
// rows are split into included files, each under the 10 MiB file limit.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/policyc/policyc/internal/gen"
)

func main() {
	second := flag.Bool("second", false, "write the next version, for diff: one lifetime in ten changed and 5% more rows")
	flag.Parse()
	if flag.NArg() != 3 {
		fmt.Fprintln(os.Stderr, "usage: genpolicy [-second] DIR TRACKERS ACTIVITIES")
		os.Exit(2)
	}
	trackers, err1 := strconv.Atoi(flag.Arg(1))
	activities, err2 := strconv.Atoi(flag.Arg(2))
	if err1 != nil || err2 != nil || trackers < 1 || activities < 1 {
		fmt.Fprintln(os.Stderr, "genpolicy: TRACKERS and ACTIVITIES must be positive numbers")
		os.Exit(2)
	}
	dir := filepath.Join(flag.Arg(0), "generated")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "genpolicy:", err)
		os.Exit(1)
	}
	for name, data := range gen.Files(trackers, activities, gen.Options{Second: *second}) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "genpolicy:", err)
			os.Exit(1)
		}
	}
}
