package rest

import "fmt"

const redacted = "--- REDACTED ---"

// configView has Config's fields and none of its methods, so fmt prints it field by field.
type configView Config

// Format implements fmt.Formatter so that every verb prints c with its bearer token and password
// redacted; TLS key material and exec plugin environment values are redacted by their own types.
func (c Config) Format(s fmt.State, verb rune) {
	fmt.Fprintf(s, fmt.FormatString(s, verb), c.view())
}

// String returns c formatted with %+v, secrets redacted.
func (c Config) String() string { return fmt.Sprintf("%+v", c.view()) }

// GoString returns c formatted with %#v, secrets redacted.
func (c Config) GoString() string { return fmt.Sprintf("%#v", c.view()) }

func (c Config) view() configView {
	v := configView(c)
	if v.BearerToken != "" {
		v.BearerToken = redacted
	}
	if v.Password != "" {
		v.Password = redacted
	}
	return v
}
