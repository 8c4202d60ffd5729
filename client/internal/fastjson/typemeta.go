package fastjson

import "bytes"

// scanTypeMeta reads the top-level "apiVersion" and "kind" of a JSON object as apimachinery's JSON
// serializer finds them (encoding/json: members matched case-insensitively, the last one winning),
// skipping every other value without decoding it. It reports false whenever the answer could depend
// on details it does not model: a top-level key with escapes or non-ASCII bytes, a key that differs
// from "apiVersion" or "kind" only in case, an apiVersion or kind that is not a plain ASCII string,
// or a body that is not an object. It does not validate the rest of the document; the decoder that
// runs next does.
func scanTypeMeta(data []byte) (envelopeKind, bool) {
	var tm envelopeKind
	p := jsonParser{b: data}
	if !p.consume('{') {
		return tm, false
	}
	if p.consume('}') {
		return tm, p.atEnd()
	}
	for {
		key, ok := p.plainStringBytes()
		if !ok || !p.consume(':') {
			return tm, false
		}
		if ok = p.typeMetaMember(key, &tm); !ok {
			return tm, false
		}
		if p.consume('}') {
			return tm, p.atEnd()
		}
		if !p.consume(',') {
			return tm, false
		}
	}
}

// typeMetaMember reads the value of the top-level member key into tm or skips it.
func (p *jsonParser) typeMetaMember(key []byte, tm *envelopeKind) bool {
	var field *string
	switch {
	case string(key) == "apiVersion":
		field = &tm.apiVersion
	case string(key) == "kind":
		field = &tm.kind
	case nearTypeMetaKey(key):
		return false // encoding/json might read it as the same member
	default:
		return p.skipValue()
	}
	s, ok := p.plainStringBytes()
	if ok && string(s) != *field { // one allocation per document, not per repeated member
		*field = string(s)
	}
	return ok
}

// skipValue moves past one JSON value without checking it beyond what is needed to find its end.
func (p *jsonParser) skipValue() bool {
	p.skipSpace()
	if p.pos >= len(p.b) {
		return false
	}
	switch p.b[p.pos] {
	case '"':
		p.pos++
		return p.skipStringRest()
	case '{', '[':
		return p.skipContainer()
	}
	for p.pos < len(p.b) { // a number or a literal: up to the next delimiter
		switch p.b[p.pos] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return true
		}
		p.pos++
	}
	return true
}

// skipStringRest moves past the closing quote of a string whose opening quote was consumed.
func (p *jsonParser) skipStringRest() bool {
	for {
		i := bytes.IndexByte(p.b[p.pos:], '"')
		if i < 0 {
			return false
		}
		end := p.pos + i
		backslashes := 0
		for j := end - 1; j >= p.pos && p.b[j] == '\\'; j-- {
			backslashes++
		}
		p.pos = end + 1
		if backslashes%2 == 0 {
			return true
		}
	}
}

// skipContainer moves past an object or array, matching brackets outside strings.
func (p *jsonParser) skipContainer() bool {
	depth := 0
	for p.pos < len(p.b) {
		c := p.b[p.pos]
		p.pos++
		switch c {
		case '"':
			if !p.skipStringRest() {
				return false
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return true
			}
		}
	}
	return false
}

// nearTypeMetaKey reports whether key equals "apiVersion" or "kind" when case, '-' and '_' are
// ignored (how loosely encoding/json matches depends on its version and settings).
func nearTypeMetaKey(key []byte) bool {
	var folded [len("apiversion")]byte
	n := 0
	for _, c := range key {
		switch {
		case c == '-' || c == '_':
			continue
		case n == len(folded):
			return false
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		folded[n] = c
		n++
	}
	return string(folded[:n]) == "apiversion" || string(folded[:n]) == "kind"
}

// envelopeKind is a document's apiVersion and kind.
type envelopeKind struct{ apiVersion, kind string }
