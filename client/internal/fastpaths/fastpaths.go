// Package fastpaths holds the one process-wide switch of kubegen's speed-ups that must never
// change a result: the one-pass decoders (client/internal/fastjson, fastproto) and the interning
// of strings in informer caches. KUBEGEN_FAST_PATHS=off in the environment turns them all off, for
// debugging in the field; the package exists so that the variable's name and value live in one
// place.
package fastpaths

import "os"

// EnvVar is the environment variable that turns the fast paths off when set to "off".
const EnvVar = "KUBEGEN_FAST_PATHS"

// Off reports whether the environment turns the fast paths off for the process.
func Off() bool { return os.Getenv(EnvVar) == "off" }
