package gofile

import (
	"slices"
	"strings"

	"k8s.io/gengo/v2/generator"
)

// KindFile names the file holding one kind's code: prefix+stem+".go" (stem is the lower-cased
// kind), unless that is one of the package's fixed files (a kind named Doc or Interface) or a name
// the go command builds only for some platforms or only in tests (fake_linux.go, fake_arm64.go,
// fake_test.go): then prefix+stem+"_kind.go".
func KindFile(prefix, stem string, fixed ...string) string {
	name := prefix + stem + ".go"
	if slices.Contains(fixed, name) || constrained(prefix+stem) {
		return prefix + stem + "_kind.go"
	}
	return name
}

// constrained reports whether the go command would treat a file named base+".go" as a test file or
// build it only for some GOOS or GOARCH.
func constrained(base string) bool {
	_, suffix, found := strings.Cut(base, "_")
	if !found {
		return false
	}
	elems := strings.Split(suffix, "_")
	last := elems[len(elems)-1]
	return last == "test" || knownOS[last] || knownArch[last]
}

// The GOOS and GOARCH values the go command recognises in file names (go/build's lists).
var knownOS = set("aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js",
	"linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos")

var knownArch = set("386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "loong64", "mips",
	"mipsle", "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc", "ppc64", "ppc64le", "riscv",
	"riscv64", "s390", "s390x", "sparc", "sparc64", "wasm")

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// Reserve keeps the given package-level names of a generated package (unexported types and
// functions the generator declares, such as a typed client "types") from being used as import
// names in any of its files: gens are the package's generators.
func Reserve(gens []generator.Generator, names ...string) []generator.Generator {
	for _, g := range gens {
		if f, ok := g.(*File); ok {
			for _, n := range names {
				f.reserved[n] = true
			}
		}
	}
	return gens
}
