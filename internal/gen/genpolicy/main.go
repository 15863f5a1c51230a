// Command genpolicy writes the generated benchmark policy into DIR/generated:
// genpolicy [-second] DIR TRACKERS ACTIVITIES. Past 20,000 tracker rows the
// rows are split into included files, each under the 10 MiB file limit.
package main

import (
	"flag"
	"fmt"
	"os"
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
	if _, err := gen.Write(flag.Arg(0), trackers, activities, gen.Options{Second: *second}); err != nil {
		fmt.Fprintln(os.Stderr, "genpolicy:", err)
		os.Exit(1)
	}
}
