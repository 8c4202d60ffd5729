package main

import (
	"fmt"
	"strings"

	"github.com/kubegen/kubegen/test/bench/internal/binsize"
)

// table is everything one run measured, printed as one markdown table with ratios to client-go.
type table struct {
	title string
	sizes []int
	meds  []map[string]result // per size: client -> medians
	bins  []binsize.Result    // with -binsize
}

func (t *table) add(n int, med map[string]result) {
	t.sizes = append(t.sizes, n)
	t.meds = append(t.meds, med)
}

// columns are the table's clients: client-go last, as the reference of every ratio.
func columns() []string {
	var cs []string
	for _, c := range clients {
		if c != "client-go" {
			cs = append(cs, c)
		}
	}
	if len(cs) < len(clients) {
		cs = append(cs, "client-go")
	}
	return cs
}

// heading names each client's column for what it measures.
var heading = map[string]string{
	"kubegen":           "kubegen (defaults)",
	"kubegen-watchlist": "kubegen watch-list on",
	"kubegen-list":      "kubegen watch-list off",
	"client-go":         "client-go (defaults)",
}

// print writes the table to stdout: for each size the sync wall time, CPU, heap after sync and peak
// ÷ heap of each client, then the binary sizes; each kubegen cell carries its ratio to client-go's.
func (t *table) print(cold int) {
	cs := columns()
	fmt.Printf("%s\n\n| figure | N |", t.title)
	for _, c := range cs {
		h := heading[c]
		if h == "" {
			h = c
		}
		fmt.Printf(" %s |", h)
	}
	fmt.Printf("\n| --- | ---: |%s\n", strings.Repeat(" ---: |", len(cs)))
	figures := []struct {
		name  string
		value func(result) float64
		unit  func(float64) string
	}{
		{"sync wall time", func(r result) float64 { return r.sync.Seconds() }, seconds},
		{"informer CPU", func(r result) float64 { return r.cpu.Seconds() }, seconds},
		{"heap after sync", func(r result) float64 { return r.heap }, func(v float64) string { return fmt.Sprintf("%.1f MB", v) }},
		{"peak heap ÷ heap after sync", func(r result) float64 { return ratio(r.peak, r.heap) }, func(v float64) string { return fmt.Sprintf("%.2f", v) }},
	}
	for i, n := range t.sizes {
		for _, f := range figures {
			cells := make([]float64, len(cs))
			for j, c := range cs {
				cells[j] = f.value(t.meds[i][c])
			}
			row(f.name, fmt.Sprintf("%d", n), cs, cells, f.unit)
		}
	}
	if len(t.bins) > 0 {
		t.printBins(cs, cold)
	}
	fmt.Println()
}

// printBins adds the list-pods programs' rows: kubegen's programs in the first column (with their
// ratio to client-go's), client-go's in the last.
func (t *table) printBins(cs []string, cold int) {
	cg := t.bins[binsize.ClientGo]
	for i, b := range t.bins {
		if i == binsize.ClientGo {
			continue
		}
		cells := make([]float64, len(cs))
		cells[0], cells[len(cs)-1] = float64(b.Size)/1e6, float64(cg.Size)/1e6
		row("stripped list-pods binary, "+b.Name, "", cs, cells, func(v float64) string { return fmt.Sprintf("%.1f MB", v) })
		if cold > 0 {
			cells[0], cells[len(cs)-1] = b.ColdCPU.Seconds(), cg.ColdCPU.Seconds()
			row("cold build CPU, "+b.Name, "", cs, cells, seconds)
		}
	}
}

// row prints one row; a zero cell is left empty, and every cell but client-go's carries its ratio to
// client-go's when there is one.
func row(name, n string, cs []string, cells []float64, unit func(float64) string) {
	cg := 0.0
	if cs[len(cs)-1] == "client-go" {
		cg = cells[len(cs)-1]
	}
	fmt.Printf("| %s | %s |", name, n)
	for j, v := range cells {
		switch {
		case v == 0:
			fmt.Printf(" |")
		case cs[j] != "client-go" && cg > 0:
			fmt.Printf(" %s (%.2f×) |", unit(v), v/cg)
		default:
			fmt.Printf(" %s |", unit(v))
		}
	}
	fmt.Println()
}

func seconds(v float64) string { return fmt.Sprintf("%.2f s", v) }
