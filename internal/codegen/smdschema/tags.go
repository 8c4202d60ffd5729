package smdschema

import (
	"reflect"
	"strings"
)

// tags are the "+name=value" comment tags of a type or member, every value of each name in order.
type tags map[string][]string

// readTags collects the tags of comment lines: "+listMapKey=name" gives listMapKey: [name], a
// bare "+name" an empty value.
func readTags(lines []string) tags {
	out := tags{}
	for _, line := range lines {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "+") {
			continue
		}
		name, value, _ := strings.Cut(line[1:], "=")
		out[name] = append(out[name], value)
	}
	return out
}

// first returns the first value of name and whether the tag is present.
func (t tags) first(name string) (string, bool) {
	if vs := t[name]; len(vs) > 0 {
		return vs[0], true
	}
	return "", false
}

// jsonTag is a member's json struct tag, split.
type jsonTag struct {
	name      string // "" when the tag gives none
	present   bool   // the member has a json tag at all
	omitEmpty bool
	asString  bool // ",string": the value is encoded as a JSON string
}

func readJSONTag(structTag string) jsonTag {
	raw, ok := reflect.StructTag(structTag).Lookup("json")
	if !ok {
		return jsonTag{}
	}
	name, opts, _ := strings.Cut(raw, ",")
	jt := jsonTag{name: name, present: true}
	for _, o := range strings.Split(opts, ",") {
		switch o {
		case "omitempty":
			jt.omitEmpty = true
		case "string":
			jt.asString = true
		}
	}
	return jt
}
