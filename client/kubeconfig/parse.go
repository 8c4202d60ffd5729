package kubeconfig

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"sigs.k8s.io/yaml"
)

// Parse decodes kubeconfig data (YAML or JSON, v1 format). Unknown keys are ignored, as kubectl
// does; values of the wrong type, bad base64, entries without a name and duplicate names are errors
// naming the key path. Relative paths are left as they are: use LoadFile to resolve them against
// a file's directory.
func Parse(data []byte) (*Config, error) {
	return parse(data, "")
}

// rawFile is the top level of a kubeconfig with its lists undecoded, so each entry can be decoded
// on its own and errors can name its index and name.
type rawFile struct {
	APIVersion     string            `json:"apiVersion"`
	Kind           string            `json:"kind"`
	Preferences    json.RawMessage   `json:"preferences"`
	Clusters       []json.RawMessage `json:"clusters"`
	Users          []json.RawMessage `json:"users"`
	Contexts       []json.RawMessage `json:"contexts"`
	CurrentContext string            `json:"current-context"`
	Extensions     []json.RawMessage `json:"extensions"`
}

// rawEntry is one entry of any of the named lists, its body undecoded.
type rawEntry struct {
	Name      string          `json:"name"`
	Cluster   json.RawMessage `json:"cluster"`
	User      json.RawMessage `json:"user"`
	Context   json.RawMessage `json:"context"`
	Extension json.RawMessage `json:"extension"`
}

// clusterWire decodes a Cluster with its base64 field as a string, so a decoding error names the key.
type clusterWire struct {
	*Cluster
	CertificateAuthorityData *string `json:"certificate-authority-data"`
}

// authInfoWire decodes an AuthInfo with its base64 fields as strings.
type authInfoWire struct {
	*AuthInfo
	ClientCertificateData *string `json:"client-certificate-data"`
	ClientKeyData         *string `json:"client-key-data"`
}

func parse(data []byte, file string) (cfg *Config, err error) {
	js, err := yamlToJSON(data)
	if err != nil {
		return nil, &Error{File: file, Err: err}
	}
	var raw rawFile
	if err := decodeJSON(js, &raw); err != nil {
		return nil, &Error{File: file, Path: err.path, Err: err.err}
	}
	cfg = &Config{APIVersion: raw.APIVersion, Kind: raw.Kind, CurrentContext: raw.CurrentContext}
	if err := decodeBody(raw.Preferences, &cfg.Preferences); err != nil {
		return nil, &Error{File: file, Path: joinPath("preferences", err.path), Err: err.err}
	}
	d := listDecoder{file: file}
	cfg.Clusters = d.clusters(raw.Clusters)
	cfg.AuthInfos = d.users(raw.Users)
	cfg.Contexts = d.contexts(raw.Contexts)
	cfg.Extensions = d.extensions("extensions", raw.Extensions)
	if d.err != nil {
		return nil, d.err
	}
	return cfg, nil
}

// yamlToJSON converts YAML to JSON, turning a panic of the YAML library into an error.
func yamlToJSON(data []byte) (js []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			js, err = nil, fmt.Errorf("cannot parse YAML: %v", r)
		}
	}()
	js, err = yaml.YAMLToJSON(data)
	if err != nil {
		msg := strings.TrimPrefix(err.Error(), "error converting YAML to JSON: ")
		return nil, errors.New(msg)
	}
	return js, nil
}

// listDecoder decodes the named lists, keeping the first error.
type listDecoder struct {
	file string
	err  error
}

func (d *listDecoder) clusters(items []json.RawMessage) []NamedCluster {
	var out []NamedCluster
	d.each("clusters", items, func(e rawEntry) *fieldError {
		c := Cluster{LocationOfOrigin: d.file}
		w := clusterWire{Cluster: &c}
		if err := decodeBody(e.Cluster, &w); err != nil {
			return err.under("cluster")
		}
		b, err := decodeBase64("certificate-authority-data", w.CertificateAuthorityData)
		if err != nil {
			return err
		}
		c.CertificateAuthorityData = b
		out = append(out, NamedCluster{Name: e.Name, Cluster: c})
		return nil
	})
	return out
}

func (d *listDecoder) users(items []json.RawMessage) []NamedAuthInfo {
	var out []NamedAuthInfo
	d.each("users", items, func(e rawEntry) *fieldError {
		a := AuthInfo{LocationOfOrigin: d.file}
		w := authInfoWire{AuthInfo: &a}
		if err := decodeBody(e.User, &w); err != nil {
			return err.under("user")
		}
		var err *fieldError
		if a.ClientCertificateData, err = decodeBase64("client-certificate-data", w.ClientCertificateData); err != nil {
			return err
		}
		if a.ClientKeyData, err = decodeBase64("client-key-data", w.ClientKeyData); err != nil {
			return err
		}
		out = append(out, NamedAuthInfo{Name: e.Name, AuthInfo: a})
		return nil
	})
	return out
}

func (d *listDecoder) contexts(items []json.RawMessage) []NamedContext {
	var out []NamedContext
	d.each("contexts", items, func(e rawEntry) *fieldError {
		c := Context{LocationOfOrigin: d.file}
		if err := decodeBody(e.Context, &c); err != nil {
			return err.under("context")
		}
		out = append(out, NamedContext{Name: e.Name, Context: c})
		return nil
	})
	return out
}

func (d *listDecoder) extensions(list string, items []json.RawMessage) []NamedExtension {
	var out []NamedExtension
	d.each(list, items, func(e rawEntry) *fieldError {
		out = append(out, NamedExtension{Name: e.Name, Extension: e.Extension})
		return nil
	})
	return out
}

// each decodes the name of every entry of list, checks it is present and unique, and hands the
// entry to decode. The first error is kept in d.err with the entry's key path.
func (d *listDecoder) each(list string, items []json.RawMessage, decode func(rawEntry) *fieldError) {
	seen := map[string]int{}
	for i, item := range items {
		if d.err != nil {
			return
		}
		label := fmt.Sprintf("%s[%d]", list, i)
		var e rawEntry
		if err := decodeBody(item, &e); err != nil {
			d.fail(label, err)
			continue
		}
		if e.Name == "" {
			d.fail(label, &fieldError{err: errors.New("missing name")})
			continue
		}
		label = fmt.Sprintf("%s %q", label, e.Name)
		if j, dup := seen[e.Name]; dup {
			d.fail(label, &fieldError{err: fmt.Errorf("duplicate name (also %s[%d])", list, j)})
			continue
		}
		seen[e.Name] = i
		if err := decode(e); err != nil {
			d.fail(label, err)
		}
	}
}

func (d *listDecoder) fail(label string, err *fieldError) {
	d.err = &Error{File: d.file, Path: joinPath(label, err.path), Err: err.err}
}

// fieldError is a decoding error at a key path relative to the value being decoded.
type fieldError struct {
	path string
	err  error
}

// under names key as the error's path when the body itself (not one of its fields) was wrong.
// Fields of an entry's body are named without the body key: `users[1] "bob": token`.
func (e *fieldError) under(key string) *fieldError {
	if e.path == "" {
		return &fieldError{path: key, err: e.err}
	}
	return e
}

// decodeJSON decodes js into v, describing type mismatches in YAML terms with their key path.
func decodeJSON(js []byte, v any) *fieldError {
	err := json.Unmarshal(js, v)
	if err == nil {
		return nil
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return &fieldError{path: fieldPath(te.Field), err: fmt.Errorf("expected %s, got %s", kindName(te.Type), te.Value)}
	}
	return &fieldError{err: err}
}

// fieldPath drops the Go names of embedded structs (the wire types embed Cluster and AuthInfo) from
// a json field path, leaving only kubeconfig keys.
func fieldPath(p string) string {
	for _, embedded := range []string{"Cluster.", "AuthInfo."} {
		p = strings.TrimPrefix(p, embedded)
	}
	return p
}

// decodeBody decodes an entry body; a missing or null body leaves v unchanged.
func decodeBody(js json.RawMessage, v any) *fieldError {
	if len(js) == 0 {
		return nil
	}
	return decodeJSON(js, v)
}

func decodeBase64(path string, s *string) ([]byte, *fieldError) {
	if s == nil {
		return nil, nil
	}
	b, err := base64.StdEncoding.DecodeString(*s)
	if err != nil {
		return nil, &fieldError{path: path, err: err}
	}
	return b, nil
}

// kindName names a Go type the way a kubeconfig author thinks of it.
func kindName(t reflect.Type) string {
	if t == nil {
		return "a value"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return "base64 data"
		}
		return "a list"
	case reflect.Map, reflect.Struct:
		return "a mapping"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "a number"
	}
	return t.String()
}
