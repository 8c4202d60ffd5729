package transport

import (
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
)

func TestNewHeaders(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(echoHandler))
	t.Cleanup(srv.Close)

	tests := []struct {
		name   string
		config Config
		// preset headers on the request; they must win
		preset http.Header
		want   http.Header
		absent []string
	}{
		{
			name:   "bearer token",
			config: Config{BearerToken: "tok-1"},
			want:   http.Header{"Authorization": {"Bearer tok-1"}},
		},
		{
			name:   "basic auth",
			config: Config{Username: "alice", Password: "pa:ss"},
			want:   http.Header{"Authorization": {"Basic " + base64.StdEncoding.EncodeToString([]byte("alice:pa:ss"))}},
		},
		{
			name:   "user agent",
			config: Config{UserAgent: "kubegen-test/1.0"},
			want:   http.Header{"User-Agent": {"kubegen-test/1.0"}},
		},
		{
			name:   "request headers win",
			config: Config{UserAgent: "ours", BearerToken: "ours", Impersonate: ImpersonationConfig{UserName: "ours"}},
			preset: http.Header{"User-Agent": {"theirs"}, "Authorization": {"Bearer theirs"}, "Impersonate-Group": {"theirs"}},
			want:   http.Header{"User-Agent": {"theirs"}, "Authorization": {"Bearer theirs"}, "Impersonate-Group": {"theirs"}},
			absent: []string{"Impersonate-User"},
		},
		{
			name: "impersonation",
			config: Config{Impersonate: ImpersonationConfig{
				UserName: "bob",
				UID:      "1234",
				Groups:   []string{"devs", "ops"},
				Extra: map[string][]string{
					"scopes":                    {"view", "edit"},
					"example.com/team name%":    {"a b"},
					"acme.com/project":          {"x"},
					"empty-values-are-left-out": nil,
				},
			}},
			want: http.Header{
				"Impersonate-User":                               {"bob"},
				"Impersonate-Uid":                                {"1234"},
				"Impersonate-Group":                              {"devs", "ops"},
				"Impersonate-Extra-Scopes":                       {"view", "edit"},
				"Impersonate-Extra-Example.com%2fteam%20name%25": {"a b"},
				"Impersonate-Extra-Acme.com%2fproject":           {"x"},
			},
			absent: []string{"Impersonate-Extra-Empty-Values-Are-Left-Out"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt, err := New(&tt.config)
			if err != nil {
				t.Fatal(err)
			}
			req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
			for k, v := range tt.preset {
				req.Header[k] = v
			}
			before := req.Header.Clone()
			e, err := do(rt, req)
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range tt.want {
				if got := e.Header.Values(k); !reflect.DeepEqual(got, v) {
					t.Errorf("header %s = %q, want %q", k, got, v)
				}
			}
			for _, k := range tt.absent {
				if got := e.Header.Values(k); got != nil {
					t.Errorf("header %s = %q, want none", k, got)
				}
			}
			if !reflect.DeepEqual(req.Header, before) {
				t.Errorf("round tripper modified the caller's request headers: %v, was %v", req.Header, before)
			}
		})
	}
}

func TestEscapeExtraKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"scopes", "scopes"},
		{"example.com/scope", "example.com%2Fscope"},
		{"a b", "a%20b"},
		{"100%", "100%25"},
		{"ü", "%C3%BC"},
		{"x:y", "x%3Ay"},
	}
	for _, tt := range tests {
		if got := escapeExtraKey(tt.in); got != tt.want {
			t.Errorf("escapeExtraKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNoHeadersNoWrapper(t *testing.T) {
	rt, err := New(&Config{})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := rt.(*http.Transport); !ok {
		t.Errorf("New with nothing to add = %T, want the bare *http.Transport", rt)
	}
}
