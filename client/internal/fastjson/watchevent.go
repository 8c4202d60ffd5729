package fastjson

import "bytes"

// ParseWatchEvent reads the common shape of a JSON watch event, {"type":"…","object":{…}} with the
// two members in any order, without the two extra passes over the object that encoding/json needs.
// It reports false for anything else (other or repeated members, escapes in the type or the keys, a
// null object), which the caller then hands to encoding/json. The object is not validated here: the
// object decoder parses it in full.
// known, if not zero, locates the frame's last object member value, found while framing it.
func ParseWatchEvent(frame []byte, known Span) (typ string, object []byte, ok bool) {
	p := jsonParser{b: frame, known: known}
	if !p.consume('{') {
		return "", nil, false
	}
	var haveType, haveObject bool
	for !(haveType && haveObject) {
		if haveType || haveObject {
			if !p.consume(',') {
				return "", nil, false
			}
		}
		key, ok := p.plainString()
		if !ok || !p.consume(':') {
			return "", nil, false
		}
		switch {
		case key == "type" && !haveType:
			var s []byte
			if s, ok = p.plainStringBytes(); !ok {
				return "", nil, false
			}
			typ, haveType = string(s), true
		case key == "object" && !haveObject:
			if object, ok = p.objectSpan(); !ok {
				return "", nil, false
			}
			haveObject = true
		default:
			return "", nil, false
		}
	}
	return typ, object, p.consume('}') && p.atEnd()
}

type jsonParser struct {
	b     []byte
	pos   int
	known Span // an object whose end need not be searched for
}

func (p *jsonParser) skipSpace() {
	for p.pos < len(p.b) {
		switch p.b[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *jsonParser) consume(c byte) bool {
	p.skipSpace()
	if p.pos < len(p.b) && p.b[p.pos] == c {
		p.pos++
		return true
	}
	return false
}

func (p *jsonParser) atEnd() bool {
	p.skipSpace()
	return p.pos == len(p.b)
}

// plainStringBytes reads an ASCII string without escapes or control characters, which encoding/json
// would decode to the same bytes.
func (p *jsonParser) plainStringBytes() ([]byte, bool) {
	if !p.consume('"') {
		return nil, false
	}
	end := bytes.IndexByte(p.b[p.pos:], '"')
	if end < 0 {
		return nil, false
	}
	s := p.b[p.pos : p.pos+end]
	for _, c := range s {
		if c == '\\' || c < 0x20 || c >= 0x80 {
			return nil, false
		}
	}
	p.pos += end + 1
	return s, true
}

// plainString is plainStringBytes for comparisons: converting for a switch does not allocate.
func (p *jsonParser) plainString() (string, bool) {
	s, ok := p.plainStringBytes()
	return string(s), ok
}

// objectSpan returns the bytes of the object starting at the current position, found by skipContainer.
func (p *jsonParser) objectSpan() ([]byte, bool) {
	p.skipSpace()
	if p.pos >= len(p.b) || p.b[p.pos] != '{' {
		return nil, false
	}
	if k := p.known; k.Close > k.Open && p.pos == k.Open && k.Close < len(p.b) && p.b[k.Close] == '}' {
		p.pos = k.Close + 1
		return p.b[k.Open:p.pos], true
	}
	start := p.pos
	if !p.skipContainer() {
		return nil, false
	}
	return p.b[start:p.pos], true
}

// Span locates an object or array in a frame: frame[Open] and frame[Close] are its brackets. The
// zero Span locates nothing.
type Span struct{ Open, Close int }
