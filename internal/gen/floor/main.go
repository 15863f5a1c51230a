// Command floor is the lower bound a YAML-to-pages compiler cannot beat: it
// parses every YAML file named on the command line into a yaml.Node tree and
// writes BYTES bytes to OUT_FILE. usage: floor OUT_FILE BYTES FILE...
package main

import (
	"bytes"
	"fmt"
	"os"
	"strconv"

	"go.yaml.in/yaml/v3"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: floor OUT_FILE BYTES FILE...")
		os.Exit(2)
	}
	n, err := strconv.Atoi(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor: BYTES:", err)
		os.Exit(2)
	}
	for _, f := range os.Args[3:] {
		b, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, "floor:", err)
			os.Exit(1)
		}
		var node yaml.Node
		if err := yaml.Unmarshal(b, &node); err != nil {
			fmt.Fprintln(os.Stderr, "floor:", err)
			os.Exit(1)
		}
	}
	if err := os.WriteFile(os.Args[1], bytes.Repeat([]byte("x"), n), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}
