package rest

import (
	"fmt"
	"time"

	"github.com/kubegen/kubegen/client/transport"
)

const redacted = "--- REDACTED ---"

// Format implements fmt.Formatter so that every verb (%v, %+v, %#v, %s, %d, ...) prints c with its
// bearer token and password redacted, the password of a user:password@ in Host replaced, and TLS key
// material and exec plugin arguments and environment values redacted by their own types. Functions and
// interfaces (serializer, transport, rate limiter, warning handler) print as their type.
func (c Config) Format(s fmt.State, verb rune) {
	fmt.Fprintf(s, fmt.FormatString(s, verb), c.view())
}

// String returns c formatted with %+v, secrets redacted.
func (c Config) String() string { return fmt.Sprintf("%+v", c.view()) }

// GoString returns c formatted with %#v, secrets redacted.
func (c Config) GoString() string { return fmt.Sprintf("%#v", c.view()) }

// MarshalLog implements logr.Marshaler: klog and the JSON log formats print c with secrets redacted.
func (c Config) MarshalLog() any { return c.view() }

// configView has Config's printable fields with secrets replaced, and no methods, so fmt and
// encoding/json print it field by field.
type configView struct {
	Host               string
	APIPath            string
	GroupVersion       string
	ContentType        string
	AcceptContentTypes string
	Serializer         string `json:",omitempty"`
	Username           string
	Password           string
	BearerToken        string
	BearerTokenFile    string
	Impersonate        transport.ImpersonationConfig
	ExecProvider       any // the transport type's view, or nil
	TLSClientConfig    any // the transport type's view
	UserAgent          string
	DisableCompression bool
	Transport          string `json:",omitempty"`
	WrapTransport      string `json:",omitempty"`
	Proxy              string `json:",omitempty"`
	Dial               string `json:",omitempty"`
	QPS                float32
	Burst              int
	RateLimiter        string `json:",omitempty"`
	Timeout            time.Duration
	WarningHandler     string `json:",omitempty"`
}

func (c Config) view() configView {
	v := configView{
		Host:               transport.RedactURL(c.Host),
		APIPath:            c.APIPath,
		ContentType:        c.ContentType,
		AcceptContentTypes: c.AcceptContentTypes,
		Serializer:         typeOf(c.NegotiatedSerializer),
		Username:           c.Username,
		BearerTokenFile:    c.BearerTokenFile,
		Impersonate:        c.Impersonate,
		TLSClientConfig:    c.TLSClientConfig.MarshalLog(),
		UserAgent:          c.UserAgent,
		DisableCompression: c.DisableCompression,
		Transport:          typeOf(c.Transport),
		QPS:                c.QPS,
		Burst:              c.Burst,
		RateLimiter:        typeOf(c.RateLimiter),
		Timeout:            c.Timeout,
		WarningHandler:     typeOf(c.WarningHandler),
	}
	if c.GroupVersion != nil {
		v.GroupVersion = c.GroupVersion.String()
	}
	if c.Password != "" {
		v.Password = redacted
	}
	if c.BearerToken != "" {
		v.BearerToken = redacted
	}
	if c.ExecProvider != nil {
		v.ExecProvider = c.ExecProvider.MarshalLog()
	}
	if c.WrapTransport != nil {
		v.WrapTransport = "<func>"
	}
	if c.Proxy != nil {
		v.Proxy = "<func>"
	}
	if c.Dial != nil {
		v.Dial = "<func>"
	}
	return v
}

// typeOf describes a value that is not printed (it may be large or hold secrets) by its type.
func typeOf(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprintf("<%T>", v)
}
