// Package cputime reports the CPU time (user and system, of every thread of
// the process) a benchmark used per operation. On a shared machine the wall
// time of an operation says more about the other processes than about the
// code; its CPU time varies far less.
package cputime

import (
	"testing"
	"time"
)

// Measure starts measuring and returns the function that stops and reports
// the CPU time per operation as the metric "cpu-ms/op". Call it after the
// benchmark's setup and defer what it returns:
//
//	defer cputime.Measure(b)()
//	for b.Loop() { ... }
func Measure(b *testing.B) func() {
	start, ok := used()
	return func() {
		if end, _ := used(); ok && b.N > 0 {
			b.ReportMetric(float64(end-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
		}
	}
}
