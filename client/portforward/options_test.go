package portforward

import (
	"strings"
	"testing"
)

func TestParsePort(t *testing.T) {
	tests := []struct {
		spec    string
		want    Port
		wantErr string
	}{
		{spec: "8080:80", want: Port{Local: 8080, Remote: 80}},
		{spec: "80", want: Port{Local: 80, Remote: 80}},
		{spec: ":80", want: Port{Local: 0, Remote: 80}},
		{spec: "0:80", want: Port{Local: 0, Remote: 80}},
		{spec: "65535:1", want: Port{Local: 65535, Remote: 1}},
		{spec: "", wantErr: "remote port"},
		{spec: "0", wantErr: "must not be 0"},
		{spec: "80:0", wantErr: "must not be 0"},
		{spec: "80:", wantErr: "remote port"},
		{spec: "65536:80", wantErr: "local port"},
		{spec: "http:80", wantErr: "local port"},
		{spec: "-1:80", wantErr: "local port"},
		{spec: "1:2:3", wantErr: "remote port"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			got, err := ParsePort(tt.spec)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParsePort(%q) = %v, %v; want an error containing %q", tt.spec, got, err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("ParsePort(%q) = %v, %v; want %v", tt.spec, got, err, tt.want)
			}
		})
	}
}

func TestTransportString(t *testing.T) {
	for tr, want := range map[Transport]string{Auto: "auto", WebSocket: "websocket", SPDY: "spdy", 5: "Transport(5)"} {
		if got := tr.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", int(tr), got, want)
		}
	}
}
