package fake

import (
	"encoding/json"
	"testing"
)

func TestJSONPatch(t *testing.T) {
	const doc = `{"a":{"b":[1,2,3]},"c":"x"}`
	tests := []struct {
		name, patch, want string
		wantErr           bool
	}{
		{"add member", `[{"op":"add","path":"/d","value":true}]`, `{"a":{"b":[1,2,3]},"c":"x","d":true}`, false},
		{"insert into array", `[{"op":"add","path":"/a/b/1","value":9}]`, `{"a":{"b":[1,9,2,3]},"c":"x"}`, false},
		{"append to array", `[{"op":"add","path":"/a/b/-","value":4}]`, `{"a":{"b":[1,2,3,4]},"c":"x"}`, false},
		{"remove", `[{"op":"remove","path":"/a/b/0"}]`, `{"a":{"b":[2,3]},"c":"x"}`, false},
		{"replace", `[{"op":"replace","path":"/c","value":"y"}]`, `{"a":{"b":[1,2,3]},"c":"y"}`, false},
		{"move", `[{"op":"move","from":"/c","path":"/a/c"}]`, `{"a":{"b":[1,2,3],"c":"x"}}`, false},
		{"copy", `[{"op":"copy","from":"/a/b","path":"/e"}]`, `{"a":{"b":[1,2,3]},"c":"x","e":[1,2,3]}`, false},
		{"test passes", `[{"op":"test","path":"/a/b","value":[1,2,3]}]`, doc, false},
		{"escaped pointer", `[{"op":"add","path":"/x~1y~0z","value":1}]`, `{"a":{"b":[1,2,3]},"c":"x","x/y~z":1}`, false},
		{"replace whole", `[{"op":"replace","path":"","value":{"z":1}}]`, `{"z":1}`, false},
		{"test fails", `[{"op":"test","path":"/c","value":"no"}]`, "", true},
		// kube-apiserver adds a missing member on replace (the rules suite checks it).
		{"replace missing", `[{"op":"replace","path":"/nope","value":1}]`, `{"a":{"b":[1,2,3]},"c":"x","nope":1}`, false},
		{"remove missing", `[{"op":"remove","path":"/nope"}]`, "", true},
		{"index out of range", `[{"op":"add","path":"/a/b/7","value":1}]`, "", true},
		{"leading zero index", `[{"op":"remove","path":"/a/b/01"}]`, "", true},
		{"bad pointer", `[{"op":"add","path":"a","value":1}]`, "", true},
		{"unknown op", `[{"op":"frob","path":"/a"}]`, "", true},
		{"missing value", `[{"op":"add","path":"/a"}]`, "", true},
		{"into scalar", `[{"op":"add","path":"/c/d","value":1}]`, "", true},
		{"not a list", `{}`, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d any
			if err := decodeJSON([]byte(doc), &d); err != nil {
				t.Fatal(err)
			}
			got, err := applyJSONPatch(d, []byte(tt.patch))
			if tt.wantErr {
				if err == nil {
					t.Fatalf("got %v, want an error", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s := canonical(t, got); s != canonical(t, json.RawMessage(tt.want)) {
				t.Errorf("got %s, want %s", s, tt.want)
			}
		})
	}
}

func TestMergePatch(t *testing.T) {
	tests := []struct{ target, patch, want string }{
		{`{"a":"b"}`, `{"a":"c"}`, `{"a":"c"}`},
		{`{"a":"b"}`, `{"b":"c"}`, `{"a":"b","b":"c"}`},
		{`{"a":"b"}`, `{"a":null}`, `{}`},
		{`{"a":[{"b":"c"}]}`, `{"a":[1]}`, `{"a":[1]}`},
		{`{"a":{"b":"c"}}`, `{"a":{"b":"d","c":null}}`, `{"a":{"b":"d"}}`},
		{`["a"]`, `{"a":"c"}`, `{"a":"c"}`},
		{`{"a":"foo"}`, `"bar"`, `"bar"`},
	}
	for _, tt := range tests {
		var target, patch any
		_ = decodeJSON([]byte(tt.target), &target)
		_ = decodeJSON([]byte(tt.patch), &patch)
		if got := canonical(t, mergePatch(target, patch)); got != canonical(t, json.RawMessage(tt.want)) {
			t.Errorf("merge %s with %s: got %s, want %s", tt.target, tt.patch, got, tt.want)
		}
	}
}

func canonical(t *testing.T, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	data, _ = json.Marshal(out)
	return string(data)
}
