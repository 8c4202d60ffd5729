package transport

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
)

// cacheKey identifies the parts of a Config that shape its *http.Transport. Inline data is keyed by
// its hash, so the key holds no secret and stays small.
type cacheKey struct {
	insecure           bool
	serverName         string
	nextProtos         string
	caFile             string
	certFile           string
	keyFile            string
	caData             [sha256.Size]byte
	certData           [sha256.Size]byte
	keyData            [sha256.Size]byte
	disableCompression bool
	exec               [sha256.Size]byte
}

func keyFor(c *Config) (cacheKey, error) {
	k := cacheKey{
		insecure:           c.TLS.Insecure,
		serverName:         c.TLS.ServerName,
		nextProtos:         strings.Join(c.TLS.NextProtos, ","),
		caFile:             c.TLS.CAFile,
		certFile:           c.TLS.CertFile,
		keyFile:            c.TLS.KeyFile,
		caData:             hashOf(c.TLS.CAData),
		certData:           hashOf(c.TLS.CertData),
		keyData:            hashOf(c.TLS.KeyData),
		disableCompression: c.DisableCompression,
	}
	if c.usesExec() {
		h, err := execHash(c.Exec)
		if err != nil {
			return cacheKey{}, err
		}
		k.exec = h
	}
	if c.TLS.CAFile != "" && len(c.TLS.CAData) == 0 {
		// A rewritten CA file must not reuse a transport that trusts the old CAs.
		data, err := os.ReadFile(c.TLS.CAFile)
		if err != nil {
			return cacheKey{}, fmt.Errorf("transport: reading CA file: %w", err)
		}
		k.caData = hashOf(data)
	}
	return k, nil
}

func hashOf(b []byte) [sha256.Size]byte {
	if len(b) == 0 {
		return [sha256.Size]byte{}
	}
	return sha256.Sum256(b)
}

// execHash identifies an exec plugin configuration (command, args, env, cluster, ...).
func execHash(e *ExecConfig) ([sha256.Size]byte, error) {
	b, err := json.Marshal(e)
	if err != nil {
		return [sha256.Size]byte{}, err
	}
	return sha256.Sum256(b), nil
}

// transportCache shares *http.Transports between equivalent configs. Entries live for the life of the
// process, as connection pools should: there are few distinct configs per program.
type transportCache struct {
	mu sync.Mutex
	m  map[cacheKey]*http.Transport
}

var transports = &transportCache{m: map[cacheKey]*http.Transport{}}

func (tc *transportCache) get(k cacheKey, build func() (*http.Transport, error)) (*http.Transport, error) {
	tc.mu.Lock()
	defer tc.mu.Unlock()
	if t, ok := tc.m[k]; ok {
		return t, nil
	}
	t, err := build()
	if err != nil {
		return nil, err
	}
	tc.m[k] = t
	return t, nil
}
