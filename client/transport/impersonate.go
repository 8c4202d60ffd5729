package transport

import (
	"net/http"
	"slices"
	"strings"
)

// Impersonation header names understood by kube-apiserver.
const (
	impersonateUser        = "Impersonate-User"
	impersonateUID         = "Impersonate-Uid"
	impersonateGroup       = "Impersonate-Group"
	impersonateExtraPrefix = "Impersonate-Extra-"
)

// impersonationHeaders precomputes the Impersonate-* headers of c, in a stable order.
func impersonationHeaders(c ImpersonationConfig) []header {
	var hs []header
	add := func(key string, values ...string) {
		hs = append(hs, header{key: http.CanonicalHeaderKey(key), values: slices.Clip(values)})
	}
	if c.UserName != "" {
		add(impersonateUser, c.UserName)
	}
	if c.UID != "" {
		add(impersonateUID, c.UID)
	}
	if len(c.Groups) > 0 {
		add(impersonateGroup, slices.Clone(c.Groups)...)
	}
	keys := make([]string, 0, len(c.Extra))
	for k := range c.Extra {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if vs := c.Extra[k]; len(vs) > 0 {
			add(impersonateExtraPrefix+escapeExtraKey(k), slices.Clone(vs)...)
		}
	}
	return hs
}

// escapeExtraKey percent-encodes every byte of an extra key that is not a header-name token character,
// and '%' itself, as kube-apiserver unescapes Impersonate-Extra-<key> names. Keys are case-insensitive
// on the server, which lower-cases them.
func escapeExtraKey(k string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(k); i++ {
		c := k[i]
		if isTokenChar(c) && c != '%' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&0xf])
	}
	return b.String()
}

// isTokenChar reports whether c may appear in an HTTP header name (RFC 9110 tchar).
func isTokenChar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}
