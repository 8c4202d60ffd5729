package allocgate

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that records failures and logs instead of stopping the test.
type recorder struct {
	testing.TB
	errors, logs []string
}

func (r *recorder) Helper()                   {}
func (r *recorder) Errorf(f string, a ...any) { r.errors = append(r.errors, sprintf(f, a...)) }
func (r *recorder) Logf(f string, a ...any)   { r.logs = append(r.logs, sprintf(f, a...)) }
func (r *recorder) Fatalf(f string, a ...any) { r.errors = append(r.errors, sprintf(f, a...)) }

func TestCheck(t *testing.T) {
	file := filepath.Join(t.TempDir(), "figures.txt")
	if err := write(file, map[string]float64{"get/allocs": 40, "get/bytes": 4000, "watch/allocs": 10, "gone/allocs": 1}); err != nil {
		t.Fatal(err)
	}
	r := &recorder{TB: t}
	Check(r, file, map[string]float64{
		"get/allocs":   44,   // +10%: allowed
		"get/bytes":    4401, // just over 10%: fails
		"watch/allocs": 8,    // shrank 20%: logged
		"new/allocs":   3,    // not recorded: fails
	})
	want := []string{"get/bytes grew to 4401.0, 10% over the 4000.0", "new/allocs = 3.0 is not recorded", "gone/allocs is recorded"}
	if len(r.errors) != len(want) {
		t.Fatalf("errors %q, want %d matching %q", r.errors, len(want), want)
	}
	for i, w := range want {
		if !strings.Contains(r.errors[i], w) {
			t.Errorf("error %d = %q, want it to contain %q", i, r.errors[i], w)
		}
	}
	if len(r.logs) != 1 || !strings.Contains(r.logs[0], "watch/allocs shrank to 8.0") {
		t.Errorf("logs %q, want the shrunk figure named", r.logs)
	}

	os.WriteFile(file, []byte("get/allocs forty\n"), 0o644)
	r = &recorder{TB: t}
	Check(r, file, map[string]float64{"get/allocs": 40})
	if len(r.errors) == 0 || !strings.Contains(r.errors[0], "figures.txt:1") {
		t.Errorf("a bad record gave %q, want its file:line", r.errors)
	}
}

func TestPerOp(t *testing.T) {
	var sink [][]byte
	allocs, bytes := PerOp(100, func() { sink = append(sink[:0], make([]byte, 1024)) })
	if allocs < 1 || allocs > 1.5 || bytes < 1024 || bytes > 1500 {
		t.Errorf("one 1 KiB allocation per run measured as %.2f allocs, %.0f bytes", allocs, bytes)
	}
}

func sprintf(f string, a ...any) string { return fmt.Sprintf(f, a...) }
