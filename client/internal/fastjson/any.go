package fastjson

import (
	"strconv"
	"strings"
)

// anyValue decodes a value for an interface{}: maps, slices, strings, bools, nil, and numbers as
// int64 when they are integers that fit, float64 otherwise.
func (d *fastDecoder) anyValue() (any, error) {
	switch c := d.peek(); c {
	case '{':
		return d.anyObject()
	case '[':
		list := make([]any, 0)
		err := d.elements(func() error {
			x, err := d.anyValue()
			list = append(list, x)
			return err
		})
		return list, err
	case '"':
		s, err := d.str(c)
		return string(s), err
	case 't', 'f':
		return d.boolean(c)
	case 'n':
		if d.literal("null") {
			return nil, nil
		}
		return nil, errFastDecode
	}
	return d.anyNumber()
}

func (d *fastDecoder) anyObject() (any, error) {
	if err := d.enter(); err != nil {
		return nil, err
	}
	defer func() { d.depth-- }()
	m := make(map[string]any)
	err := d.members(func(key []byte) error {
		x, err := d.anyValue()
		m[string(key)] = x
		return err
	})
	return m, err
}

func (d *fastDecoder) anyNumber() (any, error) {
	tok, err := d.numberToken()
	if err != nil {
		return nil, err
	}
	if !strings.Contains(string(tok), ".") {
		if n, err := strconv.ParseInt(string(tok), 10, 64); err == nil {
			return n, nil
		}
	}
	f, err := strconv.ParseFloat(string(tok), 64)
	if err != nil {
		return nil, errFastDecode
	}
	return f, nil
}

// skip moves past one value, checking its syntax.
func (d *fastDecoder) skip() error {
	switch c := d.peek(); c {
	case '{':
		if err := d.enter(); err != nil {
			return err
		}
		err := d.members(func([]byte) error { return d.skip() })
		d.depth--
		return err
	case '[':
		return d.elements(d.skip)
	case '"':
		end, _, ok := stringEnd(d.data, d.pos)
		if !ok {
			return errFastDecode
		}
		d.pos = end
		return nil
	case 't', 'f':
		_, err := d.boolean(c)
		return err
	case 'n':
		if d.literal("null") {
			return nil
		}
		return errFastDecode
	}
	_, err := d.numberToken()
	return err
}
