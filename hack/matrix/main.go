// Command matrix turns the `go test -json` output of the e2e tier, one file per Kubernetes minor
// (named <version>.json), into kubegen's compatibility matrix: one row per feature, one column per
// minor, each cell saying how many of the feature's tests passed on that minor and what the tests
// reported about it (a test writes "matrix: <note>" in its log to say, for example, that the server
// did not serve watch-list and the client fell back to a paged list). A file may hold several runs one
// after the other (a package re-run after a fix): the last result of each test and package counts.
//
//	go run ./hack/matrix [-write README.md] v1.35.4.json v1.36.3.json v1.37.1.json
//
// With -write it replaces the table between the "<!-- matrix:begin -->" and "<!-- matrix:end -->"
// lines of the file. It exits 1 when a test failed or was skipped on any minor, or when a feature has
// no test on some minor.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

const module = "github.com/kubegen/kubegen/"

// feature is a row of the matrix: the top-level tests of the packages that prove it.
type feature struct {
	name  string
	pkg   string         // package path relative to the module
	tests *regexp.Regexp // top-level test names; nil means every test of pkg
	// newestOnly features are compared with the newest minor only (hack/matrix.sh skips their tests on
	// the others): the fake's rules suite holds the fake to what kube-apiserver 1.37 answers, and the
	// schema derived from k8s.io/api v0.37 has the fields 1.37 added.
	newestOnly bool
}

// features are the rows, in the order printed. A test may prove several features.
var features = []feature{
	{"CRUD, every patch type, typed errors (blessed clientset)", "kubernetes", regexp.MustCompile(`^TestBlessedClientsetAgainstCluster$`), false},
	{"Typed clients answer like the fake (CRUD, patch, selectors, status, preconditions)", "client/typed/e2e", regexp.MustCompile(`Scenario|Selectors|TypeMeta|ClusterScoped|Preconditions`), false},
	{"Server-side apply, conflicts, Extract", "client/typed/e2e", regexp.MustCompile(`Apply`), false},
	{"Scale subresource apply", "kubernetes", regexp.MustCompile(`^TestApplyScaleAgainstCluster$`), false},
	{"Watch, 410 Gone from a compacted resourceVersion", "client/typed/e2e", regexp.MustCompile(`Watch|TooLarge`), false},
	{"Watch (JSON and protobuf), end when the server dies", "test/e2e", regexp.MustCompile(`Watch|Protobuf|JSONByDefault`), false},
	{"Informers: initial sync (watch-list or paged list), relist, RBAC errors", "client/cache/e2e", nil, false},
	{"Blessed informers and listers", "kubernetes/informers/e2e", nil, false},
	{"Discovery (aggregated and legacy), REST mapping", "client/dynamic/e2e", regexp.MustCompile(`Discovery|RESTMapper|CRDFound`), false},
	{"Dynamic client and informers", "client/dynamic/e2e", regexp.MustCompile(`Dynamic`), false},
	{"Metadata-only client and informers", "client/metadata/e2e", nil, false},
	{"CRDs: generated client, informer, controller", "examples/crd", nil, false},
	{"Controller survives an apiserver restart", "examples/crd/controller/e2e", nil, false},
	{"Read-your-own-writes", "client/freshness/e2e", nil, false},
	{"Leader election failover", "client/leaderelection/e2e", nil, false},
	{"Every kubeconfig auth mode, in-cluster, impersonation, proxy", "test/e2e", regexp.MustCompile(`Auth|Cert|Token|ExecPlugin|Impersonation|InCluster|Kubeconfig|KubectlFlags|Forbidden|Untrusted|Proxy`), false},
	{"Exec and attach (WebSocket, SPDY fallback)", "test/streaming", regexp.MustCompile(`Exec|Attach|AuthModes|Forbidden|LostConnection|TransportsSeen`), false},
	{"Port-forward", "test/streaming", regexp.MustCompile(`PortForward|Forward|Conn`), false},
	{"Direct JSON decoding equals the serializer's; request logging", "client/rest/e2e", nil, false},
	{"k8s.io/sample-controller, ported by its imports", "examples/sample-controller", nil, false},
	{"Test cluster harness: identities, restart, compaction", "test/cluster", nil, false},
	{"Schema from Go types equals the server's OpenAPI", "internal/codegen/smdschema/e2e", nil, true},
	{"The fake answers like kube-apiserver (rules suite)", "client/typed/e2e", regexp.MustCompile(`^TestRulesMatchFake$`), true},
}

// event is a line of `go test -json`.
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

// result is what one minor's run said about one top-level test.
type result struct {
	action string // pass, fail, skip
	notes  []string
}

var noteLine = regexp.MustCompile(`\bmatrix: (.*\S)`)

// read returns the top-level tests of a run by package (relative to the module) and name, and the
// packages that failed without a test failing (a build failure, a TestMain that exited).
func read(r io.Reader) (map[string]map[string]*result, map[string]bool, error) {
	tests := map[string]map[string]*result{}
	broken := map[string]bool{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		if len(sc.Bytes()) == 0 || sc.Bytes()[0] != '{' {
			continue // a build error printed outside the JSON stream
		}
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			return nil, nil, err
		}
		pkg := strings.TrimPrefix(e.Package, module)
		if e.Test == "" {
			switch e.Action {
			case "fail":
				broken[pkg] = true
			case "pass":
				delete(broken, pkg) // a later run of the package (runs may be concatenated)
			}
			continue
		}
		name, _, _ := strings.Cut(e.Test, "/")
		if tests[pkg] == nil {
			tests[pkg] = map[string]*result{}
		}
		res := tests[pkg][name]
		if res == nil {
			res = &result{}
			tests[pkg][name] = res
		}
		switch {
		case e.Action == "output":
			if m := noteLine.FindStringSubmatch(e.Output); m != nil && !slices.Contains(res.notes, m[1]) {
				res.notes = append(res.notes, m[1])
			}
		case e.Test == name && (e.Action == "pass" || e.Action == "fail" || e.Action == "skip"):
			res.action = e.Action
		}
	}
	for pkg, byName := range tests {
		for _, res := range byName {
			if res.action == "fail" {
				delete(broken, pkg) // the failing test says why
			}
		}
	}
	return tests, broken, sc.Err()
}

// cell is one feature on one minor.
func cell(f feature, tests map[string]*result, broken bool) (text string, ok bool) {
	var passed, total int
	var failed, notes []string
	for name, res := range tests {
		if f.tests != nil && !f.tests.MatchString(name) {
			continue
		}
		total++
		switch res.action {
		case "pass":
			passed++
		default:
			failed = append(failed, name+" ("+cmpOr(res.action, "did not finish")+")")
		}
		for _, n := range res.notes {
			if !slices.Contains(notes, n) {
				notes = append(notes, n)
			}
		}
	}
	slices.Sort(failed)
	slices.Sort(notes)
	switch {
	case total == 0 && broken:
		return "✗ package failed", false
	case total == 0:
		return "— no test ran", false
	case broken:
		text = fmt.Sprintf("✗ package failed (%d/%d tests passed)", passed, total)
	case len(failed) > 0:
		text = fmt.Sprintf("✗ %d/%d: %s", passed, total, strings.Join(failed, ", "))
	default:
		text = fmt.Sprintf("✓ %d/%d", passed, total)
	}
	if len(notes) > 0 {
		text += "; " + strings.Join(notes, "; ")
	}
	return text, len(failed) == 0 && !broken
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// table builds the matrix from the runs, in the order of files; ok is false when any cell failed.
func table(files []string) (string, bool, error) {
	var b strings.Builder
	var minors []string
	runs := make([]map[string]map[string]*result, len(files))
	broken := make([]map[string]bool, len(files))
	for i, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return "", false, err
		}
		runs[i], broken[i], err = read(f)
		f.Close()
		if err != nil {
			return "", false, fmt.Errorf("%s: %w", name, err)
		}
		minors = append(minors, strings.TrimSuffix(filepath.Base(name), ".json"))
	}
	b.WriteString("| feature | " + strings.Join(minors, " | ") + " |\n")
	b.WriteString("| --- |" + strings.Repeat(" --- |", len(minors)) + "\n")
	allOK := true
	for _, f := range features {
		row := []string{f.name}
		for i := range runs {
			if f.newestOnly && i < len(runs)-1 {
				row = append(row, "not compared (holds to the newest minor)")
				continue
			}
			text, ok := cell(f, runs[i][f.pkg], broken[i][f.pkg])
			allOK = allOK && ok
			row = append(row, strings.ReplaceAll(text, "|", `\|`))
		}
		b.WriteString("| " + strings.Join(row, " | ") + " |\n")
	}
	// Packages no feature covers still count: a failure there fails the matrix.
	for i, run := range runs {
		for pkg, tests := range run {
			for name, res := range tests {
				if res.action != "pass" && !covered(pkg, name) {
					allOK = false
					fmt.Fprintf(os.Stderr, "matrix: %s: %s %s: %s (in no row)\n", minors[i], pkg, name, cmpOr(res.action, "did not finish"))
				}
			}
		}
		for pkg := range broken[i] {
			if !slices.ContainsFunc(features, func(f feature) bool { return f.pkg == pkg }) {
				allOK = false
				fmt.Fprintf(os.Stderr, "matrix: %s: package %s failed (in no row)\n", minors[i], pkg)
			}
		}
	}
	return b.String(), allOK, nil
}

func covered(pkg, name string) bool {
	return slices.ContainsFunc(features, func(f feature) bool {
		return f.pkg == pkg && (f.tests == nil || f.tests.MatchString(name))
	})
}

const begin, end = "<!-- matrix:begin -->\n", "<!-- matrix:end -->\n"

// write replaces the text between the markers of path with t.
func write(path, t string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s := string(b)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		return errors.New(path + ": no matrix markers")
	}
	s = s[:i+len(begin)] + t + s[j:]
	return os.WriteFile(path, []byte(s), 0o644)
}

func main() {
	out := flag.String("write", "", "replace the matrix between the markers of this file")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: matrix [-write README.md] <version>.json...")
		os.Exit(2)
	}
	t, ok, err := table(flag.Args())
	if err == nil && *out != "" {
		err = write(*out, t)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "matrix:", err)
		os.Exit(2)
	}
	fmt.Print(t)
	if !ok {
		os.Exit(1)
	}
}
