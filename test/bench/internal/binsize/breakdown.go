package binsize

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// The breakdown of a cold build: the go command runs every compiler, assembler, cgo and linker
// invocation through -toolexec, pointing at the running binsize program itself, which runs the tool,
// then appends one line to the file named by $BINSIZE_TOOLEXEC_LOG: the tool, the package it worked
// on and the tool's user+system CPU. The program's own CPU per invocation is logged too (tool
// "toolexec"), so that it can be taken out of the build's total: the cold build CPU keeps its meaning
// (the go command and its tools), and the go command's own share is the total minus the tools.

// ToolexecEnv names the file a toolexec invocation appends its record to; set, it tells the binsize
// program that it runs as -toolexec.
const ToolexecEnv = "BINSIZE_TOOLEXEC_LOG"

// toolexecTool is the tool name of the records of the recorder's own CPU.
const toolexecTool = "toolexec"

// Toolexec runs as the go command's -toolexec: args are the tool's path and arguments. It runs the
// tool with this process's standard streams, appends its record to the file named by
// $BINSIZE_TOOLEXEC_LOG, and returns the tool's exit code.
func Toolexec(args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "binsize toolexec: no tool to run")
		return 2
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	if cmd.ProcessState == nil {
		fmt.Fprintln(os.Stderr, "binsize toolexec:", err)
		return 2
	}
	tool, pkg := Invocation(args)
	var self syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &self)
	line := record{tool, pkg, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}.String() +
		record{toolexecTool, "", time.Duration(self.Utime.Nano() + self.Stime.Nano())}.String()
	if werr := appendLine(os.Getenv(ToolexecEnv), line); werr != nil {
		fmt.Fprintln(os.Stderr, "binsize toolexec:", werr)
		return 2
	}
	return cmd.ProcessState.ExitCode()
}

// appendLine appends s to path in one write (O_APPEND: concurrent tools do not interleave).
func appendLine(path, s string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	_, err = f.WriteString(s)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// record is one line of the log: a tool run on a package and its CPU.
type record struct {
	Tool, Pkg string
	CPU       time.Duration
}

func (r record) String() string {
	return fmt.Sprintf("%s\t%s\t%d\n", r.Tool, r.Pkg, r.CPU.Nanoseconds())
}

// Invocation names the tool of a -toolexec command line (its base name, without .exe) and the
// package it works on: compile's and asm's -p, cgo's -importpath; the linker's package is "main".
// Other invocations (the go command asking a tool its version with -V=full) have no package.
func Invocation(args []string) (tool, pkg string) {
	tool = strings.TrimSuffix(filepath.Base(args[0]), ".exe")
	flag := map[string]string{"compile": "-p", "asm": "-p", "cgo": "-importpath"}[tool]
	if tool == "link" {
		pkg = "main"
	}
	for i, a := range args[1:] {
		if flag != "" && a == flag && i+2 < len(args) {
			pkg = args[i+2]
		}
		if a == "-V=full" || a == "-V" {
			return tool, ""
		}
	}
	return tool, pkg
}

// Category is where a package belongs in the breakdown.
type Category string

// The categories, in the order the table prints them.
const (
	CatStd       Category = "standard library"
	CatAPI       Category = "k8s.io/api"
	CatMachinery Category = "k8s.io/apimachinery"
	CatTyped     Category = "typed clients"
	CatApply     Category = "apply configurations"
	CatRuntime   Category = "library runtime"
	CatThird     Category = "other third-party"
	CatMain      Category = "the program"
	CatLink      Category = "link"
	CatToolIDs   Category = "tool version queries"
)

// Categories lists every category in table order.
var Categories = []Category{CatStd, CatAPI, CatMachinery, CatTyped, CatApply, CatRuntime, CatThird, CatMain, CatLink, CatToolIDs}

// libraries are the import path prefixes of the compared libraries' own code: kubegen's module and
// client-go.
var libraries = []string{"github.com/kubegen/kubegen/", "k8s.io/client-go/"}

// Categorize places one tool invocation: the linker is "link", a package-less invocation a version
// query; a package by its import path, where a library's typed clients (…/kubernetes/typed/…) and
// apply configurations (…/applyconfigurations/…) are told apart from the rest of the library.
func Categorize(tool, pkg string) Category {
	switch {
	case tool == "link":
		return CatLink
	case pkg == "":
		return CatToolIDs
	case pkg == "main":
		return CatMain
	case !strings.Contains(strings.SplitN(pkg, "/", 2)[0], "."):
		return CatStd
	case pkg == "k8s.io/api" || strings.HasPrefix(pkg, "k8s.io/api/"):
		return CatAPI
	case pkg == "k8s.io/apimachinery" || strings.HasPrefix(pkg, "k8s.io/apimachinery/"):
		return CatMachinery
	}
	for _, lib := range libraries {
		rest, ok := strings.CutPrefix(pkg, lib)
		if !ok {
			continue
		}
		switch {
		case strings.HasPrefix(rest, "kubernetes/typed/"):
			return CatTyped
		case strings.HasPrefix(rest, "applyconfigurations/") || strings.Contains(rest, "/applyconfigurations/"):
			return CatApply
		}
		return CatRuntime
	}
	return CatThird
}

// Breakdown is the CPU of one cold build split by category and package.
type Breakdown struct {
	Total    time.Duration // the go command and everything it waited for
	Toolexec time.Duration // the recorder's own CPU, not part of the build
	Tools    time.Duration // every recorded tool invocation
	ByCat    map[Category]time.Duration
	ByPkg    map[string]time.Duration // compile, asm and cgo CPU per package ("link" for the linker)
}

// Build is the cold build CPU as without the recorder: the go command and its tools.
func (b *Breakdown) Build() time.Duration { return b.Total - b.Toolexec }

// GoCommand is the go command's own CPU: the build minus its tools.
func (b *Breakdown) GoCommand() time.Duration { return b.Build() - b.Tools }

// ParseLog reads a toolexec log into a breakdown of a build whose total CPU was total.
func ParseLog(r io.Reader, total time.Duration) (*Breakdown, error) {
	b := &Breakdown{Total: total, ByCat: map[Category]time.Duration{}, ByPkg: map[string]time.Duration{}}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) != 3 {
			return nil, fmt.Errorf("toolexec log line %d: %q: want tool, package and CPU separated by tabs", n, sc.Text())
		}
		ns, err := strconv.ParseInt(fields[2], 10, 64)
		if err != nil || ns < 0 {
			return nil, fmt.Errorf("toolexec log line %d: bad CPU %q", n, fields[2])
		}
		tool, pkg, cpu := fields[0], fields[1], time.Duration(ns)
		if tool == toolexecTool {
			b.Toolexec += cpu
			continue
		}
		b.Tools += cpu
		c := Categorize(tool, pkg)
		b.ByCat[c] += cpu
		switch {
		case c == CatLink:
			b.ByPkg["link"] += cpu
		case pkg != "":
			b.ByPkg[pkg] += cpu
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if b.Tools+b.Toolexec > total {
		return nil, fmt.Errorf("toolexec log: tools took %v, more than the build's %v", b.Tools+b.Toolexec, total)
	}
	return b, nil
}

// PkgCPU is one package's CPU.
type PkgCPU struct {
	Pkg string
	CPU time.Duration
}

// Top is the n packages that took the most CPU, most first (ties by name).
func (b *Breakdown) Top(n int) []PkgCPU {
	var out []PkgCPU
	for p, c := range b.ByPkg {
		out = append(out, PkgCPU{p, c})
	}
	slices.SortFunc(out, func(x, y PkgCPU) int {
		return cmp.Or(cmp.Compare(y.CPU, x.CPU), cmp.Compare(x.Pkg, y.Pkg))
	})
	return out[:min(n, len(out))]
}
