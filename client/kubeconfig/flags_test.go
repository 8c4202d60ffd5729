package kubeconfig

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"
)

func TestBindFlags(t *testing.T) {
	tests := []struct {
		name   string
		prefix string
		args   []string
		want   LoadOptions
	}{
		{"kubectl style", "", []string{
			"--kubeconfig=/k", "--context", "c", "--cluster=cl", "--user=u", "-n", "ns", "-s", "https://s",
			"--tls-server-name=tn", "--certificate-authority=/ca", "--insecure-skip-tls-verify", "--disable-compression",
			"--client-certificate=/c", "--client-key=/k2", "--token=t", "--username=un", "--password=pw",
			"--as=a", "--as-uid=9", "--as-group=g1", "--as-group=g2", "--request-timeout=5",
		}, LoadOptions{ExplicitPath: "/k", Overrides: Overrides{
			Context: "c", Cluster: "cl", AuthInfo: "u", Namespace: "ns", Server: "https://s", TLSServerName: "tn",
			CertificateAuthority: "/ca", InsecureSkipTLSVerify: true, DisableCompression: true, ClientCertificate: "/c",
			ClientKey: "/k2", Token: "t", Username: "un", Password: "pw", Impersonate: "a", ImpersonateUID: "9",
			ImpersonateGroups: []string{"g1", "g2"}, Timeout: 5 * time.Second,
		}}},
		{"prefixed", "target-", []string{"--target-kubeconfig=/t", "--target-namespace=x", "--target-request-timeout=1m30s"},
			LoadOptions{ExplicitPath: "/t", Overrides: Overrides{Namespace: "x", Timeout: 90 * time.Second}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got LoadOptions
			fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
			got.BindFlags(fs, tt.prefix)
			if err := fs.Parse(tt.args); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestBindFlagsPrefixHasNoShorthands(t *testing.T) {
	var o LoadOptions
	fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
	o.BindFlags(fs, "p-")
	if fs.ShorthandLookup("n") != nil || fs.ShorthandLookup("s") != nil {
		t.Error("prefixed flags registered shorthands")
	}
	// Two prefixed sets can live on one FlagSet.
	var o2 LoadOptions
	o2.BindFlags(fs, "q-")
}

func TestRequestTimeoutFlag(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		err  string
	}{
		{"0", 0, ""},
		{"30", 30 * time.Second, ""},
		{"250ms", 250 * time.Millisecond, ""},
		{"2h", 2 * time.Hour, ""},
		{"-1", 0, "out of range"},
		{"-5s", 0, "negative"},
		{"soon", 0, "want a duration"},
		{"99999999999999999", 0, "out of range"},
	}
	for _, tt := range tests {
		var o Overrides
		fs := pflag.NewFlagSet("test", pflag.ContinueOnError)
		o.BindFlags(fs, "")
		err := fs.Parse([]string{"--request-timeout=" + tt.in})
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: error = %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || o.Timeout != tt.want {
			t.Errorf("%q: timeout = %v, %v; want %v", tt.in, o.Timeout, err, tt.want)
		}
	}
}
