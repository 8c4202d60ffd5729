// Package allocgate keeps the runtime's memory figures from growing by accident. A test measures
// deterministic counts in process (allocations and bytes per request, per watch event, heap per cached
// object) and hands them to Check with the file in which the repository records them; Check fails the
// test when a figure grows more than Tolerance over its record, and names the figures that shrank by
// more than that so the record can be tightened. Nothing here measures time.
//
// The record is a text file of "name value" lines ('#' starts a comment). Run the test with
// -allocgate.update to rewrite it from the current figures: do that on purpose, in the change that
// explains why a figure moved.
//
// Layer: test support, a leaf; it imports only the standard library.
package allocgate

import (
	"bufio"
	"flag"
	"fmt"
	"maps"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Tolerance is how much a figure may grow over its record before Check fails: 10%.
const Tolerance = 0.10

var update = flag.Bool("allocgate.update", false, "rewrite the recorded allocation figures from this run")

// Check compares got (figure name → value) with the figures recorded in file. It fails t for every
// figure more than Tolerance over its record, for every figure missing from the record and for every
// recorded figure no longer measured. With -allocgate.update it rewrites file instead.
func Check(t testing.TB, file string, got map[string]float64) {
	t.Helper()
	if *update {
		if err := write(file, got); err != nil {
			t.Fatal(err)
		}
		t.Logf("allocgate: recorded %d figures in %s", len(got), file)
		return
	}
	want, err := read(file)
	if err != nil {
		t.Fatalf("%v (run the test with -allocgate.update to record the figures)", err)
	}
	for _, name := range slices.Sorted(maps.Keys(got)) {
		g := got[name]
		w, ok := want[name]
		switch {
		case !ok:
			t.Errorf("%s = %.1f is not recorded in %s: record it with -allocgate.update", name, g, file)
		case g > w*(1+Tolerance):
			t.Errorf("%s grew to %.1f, %.0f%% over the %.1f recorded in %s: find out why, and if it is meant, "+
				"record it with -allocgate.update in the change that says why", name, g, 100*(g/w-1), w, file)
		case g < w*(1-Tolerance):
			t.Logf("%s shrank to %.1f from the %.1f recorded: tighten the record with -allocgate.update", name, g, w)
		}
	}
	for name := range want {
		if _, ok := got[name]; !ok {
			t.Errorf("%s is recorded in %s but no longer measured", name, file)
		}
	}
}

// PerOp runs f n times after one warm-up run and returns the allocations and bytes allocated per run,
// counted over the whole process (run nothing else meanwhile).
func PerOp(n int, f func()) (allocs, bytes float64) {
	f()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range n {
		f()
	}
	runtime.ReadMemStats(&after)
	return float64(after.Mallocs-before.Mallocs) / float64(n), float64(after.TotalAlloc-before.TotalAlloc) / float64(n)
}

// HeapInUse returns the heap in use after a garbage collection.
func HeapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

func read(file string) (map[string]float64, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	figures := map[string]float64{}
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text, _, _ := strings.Cut(sc.Text(), "#")
		fields := strings.Fields(text)
		if len(fields) == 0 {
			continue
		}
		if len(fields) != 2 {
			return nil, fmt.Errorf("%s:%d: want \"name value\", got %q", file, line, sc.Text())
		}
		v, err := strconv.ParseFloat(fields[1], 64)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", file, line, err)
		}
		figures[fields[0]] = v
	}
	return figures, sc.Err()
}

func write(file string, figures map[string]float64) error {
	var b strings.Builder
	b.WriteString("# Memory figures recorded by allocgate.Check (see its package doc); a figure may not grow more\n")
	fmt.Fprintf(&b, "# than %.0f%%. Rewrite with: go test -run <the gate test> -allocgate.update, in the change that says why.\n", 100*Tolerance)
	for _, name := range slices.Sorted(maps.Keys(figures)) {
		fmt.Fprintf(&b, "%s %s\n", name, strconv.FormatFloat(figures[name], 'f', 1, 64))
	}
	return os.WriteFile(file, []byte(b.String()), 0o644)
}
