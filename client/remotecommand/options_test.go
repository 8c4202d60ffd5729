package remotecommand

import (
	"io"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

func TestOptionsParams(t *testing.T) {
	in := strings.NewReader("")
	tests := []struct {
		name string
		opts Options
		exec bool
		want url.Values
	}{
		{name: "exec with everything", exec: true,
			opts: Options{Container: "c", Command: []string{"sh", "-c", "echo hi"}, Stdin: in, Stdout: io.Discard, Stderr: io.Discard},
			want: url.Values{"command": {"sh", "-c", "echo hi"}, "container": {"c"}, "stdin": {"true"},
				"stdout": {"true"}, "stderr": {"true"}}},
		{name: "exec stdout only", exec: true, opts: Options{Command: []string{"ls"}, Stdout: io.Discard},
			want: url.Values{"command": {"ls"}, "stdout": {"true"}}},
		{name: "tty drops stderr", exec: true,
			opts: Options{Command: []string{"sh"}, Stdin: in, Stdout: io.Discard, Stderr: io.Discard, TTY: true},
			want: url.Values{"command": {"sh"}, "stdin": {"true"}, "stdout": {"true"}, "tty": {"true"}}},
		{name: "attach has no command", opts: Options{Command: []string{"ignored"}, Stdout: io.Discard},
			want: url.Values{"stdout": {"true"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.opts.params(tt.exec); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("params = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestOptionsValidate(t *testing.T) {
	tests := []struct {
		name    string
		opts    Options
		exec    bool
		wantErr string
	}{
		{name: "ok", exec: true, opts: Options{Pod: "p", Command: []string{"ls"}, Stdout: io.Discard}},
		{name: "attach without command", opts: Options{Pod: "p", Stdout: io.Discard}},
		{name: "no pod", exec: true, opts: Options{Command: []string{"ls"}, Stdout: io.Discard}, wantErr: "Pod is required"},
		{name: "no command", exec: true, opts: Options{Pod: "p", Stdout: io.Discard}, wantErr: "Command is required"},
		{name: "no streams", exec: true, opts: Options{Pod: "p", Command: []string{"ls"}}, wantErr: "at least one of"},
		{name: "bad transport", opts: Options{Pod: "p", Stdout: io.Discard, Transport: 7}, wantErr: "Transport(7)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.opts.validate(tt.exec)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("validate: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("validate: %v, want an error containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestTransportString(t *testing.T) {
	for tr, want := range map[Transport]string{Auto: "auto", WebSocket: "websocket", SPDY: "spdy", 9: "Transport(9)"} {
		if got := tr.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", int(tr), got, want)
		}
	}
}
