package rest

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

const (
	modulePath = "github.com/kubegen/kubegen"
	// unknownVersion stands for a version the build does not record (go run, tests, a devel build).
	unknownVersion = "v0.0.0"
	// maxFieldManager is the longest field manager the apiserver derives from a user agent, in bytes.
	maxFieldManager = 128
)

var userAgentOnce = sync.OnceValue(func() string {
	info, _ := debug.ReadBuildInfo()
	return buildUserAgent(os.Args[0], info)
})

// buildUserAgent follows client-go's convention: "<program>/<version> (<os>/<arch>) kubegen/<version>".
func buildUserAgent(arg0 string, info *debug.BuildInfo) string {
	prog := filepath.Base(arg0)
	if arg0 == "" {
		prog = "unknown"
	}
	progVersion, kubegenVersion := unknownVersion, unknownVersion
	if info != nil {
		progVersion = knownVersion(info.Main.Version)
		kubegenVersion = knownVersion(moduleVersion(info))
	}
	return prog + "/" + progVersion + " (" + runtime.GOOS + "/" + runtime.GOARCH + ") kubegen/" + kubegenVersion
}

func knownVersion(v string) string {
	if v == "" || v == "(devel)" {
		return unknownVersion
	}
	return v
}

func moduleVersion(info *debug.BuildInfo) string {
	if info.Main.Path == modulePath {
		return info.Main.Version
	}
	for _, dep := range info.Deps {
		if dep.Path == modulePath {
			return dep.Version
		}
	}
	return ""
}

// DefaultUserAgent returns the User-Agent sent when Config.UserAgent is empty, in client-go's form:
// "<program>/<version> (<goos>/<goarch>) kubegen/<version>". The program is the base name of
// os.Args[0]; versions come from the build information, "v0.0.0" when it has none. The apiserver
// records writes without a field manager under the part before the first '/' (see
// FieldManagerForUserAgent), so every program gets its own manager by default.
func DefaultUserAgent() string { return userAgentOnce() }

// FieldManagerForUserAgent returns the field manager the apiserver records for a write that names
// none: the user agent up to its first '/', without non-printable characters, cut to 128 bytes.
func FieldManagerForUserAgent(userAgent string) string {
	prefix, _, _ := strings.Cut(userAgent, "/")
	var b strings.Builder
	for _, r := range prefix {
		if !unicode.IsPrint(r) {
			continue
		}
		if b.Len()+utf8.RuneLen(r) > maxFieldManager {
			break
		}
		b.WriteRune(r)
	}
	return b.String()
}
