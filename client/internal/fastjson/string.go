package fastjson

import (
	"bytes"
	"unicode/utf16"
	"unicode/utf8"
)

// stringEnd scans the JSON string whose opening quote is at b[start] and returns the position after
// its closing quote, whether it holds escapes or non-ASCII bytes (then unquote must rewrite it), and
// whether it is valid: no control characters, only the escapes JSON defines.
func stringEnd(b []byte, start int) (end int, rewrite, ok bool) {
	for i := start + 1; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '"':
			return i + 1, rewrite, true
		case c == '\\':
			n := escapeLen(b[i:])
			if n == 0 {
				return 0, false, false
			}
			i += n - 1
			rewrite = true
		case c < 0x20:
			return 0, false, false
		case c >= utf8.RuneSelf:
			rewrite = true
		}
	}
	return 0, false, false
}

// escapeLen returns the length of the escape sequence at the start of b, 0 if it is not one.
func escapeLen(b []byte) int {
	if len(b) < 2 {
		return 0
	}
	switch b[1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2
	case 'u':
		if hex4(b) >= 0 {
			return 6
		}
	}
	return 0
}

// hex4 reads the \uXXXX escape at the start of b, -1 if there is none.
func hex4(b []byte) rune {
	if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range b[2:6] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return -1
		}
		r = r<<4 | rune(c)
	}
	return r
}

// unquote returns the contents of a valid JSON string s (quotes excluded) as encoding/json decodes
// them: escapes resolved, a lone or broken surrogate and every invalid UTF-8 byte replaced by U+FFFD.
// A string without escapes that is valid UTF-8 is returned as it is.
func unquote(s []byte, rewrite bool) []byte {
	if !rewrite || (bytes.IndexByte(s, '\\') < 0 && utf8.Valid(s)) {
		return s
	}
	out := make([]byte, 0, len(s)+utf8.UTFMax)
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && s[i+1] == 'u':
			var r rune
			r, i = surrogateAware(s, i)
			out = utf8.AppendRune(out, r)
		case c == '\\':
			out = append(out, unescaped[s[i+1]])
			i += 2
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, size := utf8.DecodeRune(s[i:])
			out = utf8.AppendRune(out, r)
			i += size
		}
	}
	return out
}

// surrogateAware reads the \u escape at s[i], combining a valid surrogate pair into one rune.
func surrogateAware(s []byte, i int) (rune, int) {
	r := hex4(s[i:])
	i += 6
	if !utf16.IsSurrogate(r) {
		return r, i
	}
	if pair := utf16.DecodeRune(r, hex4(s[i:])); pair != utf8.RuneError {
		return pair, i + 6
	}
	return utf8.RuneError, i
}

var unescaped = [256]byte{'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}
