package transport

import (
	"strings"
	"testing"
)

// TestIssue10_ExecInstallHintControlCharactersStripped (issue 10 item 3): the install hint of a missing
// exec plugin comes from a kubeconfig, which anyone may hand out; printed as it is, escape sequences in
// it could rewrite the user's terminal. Control characters are stripped (newlines and tabs kept).
func TestIssue10_ExecInstallHintControlCharactersStripped(t *testing.T) {
	srv := newEchoServer(t)
	saved := defaultExecIO
	t.Cleanup(func() { defaultExecIO = saved })
	defaultExecIO.isTerminal = func() bool { return false }
	rt, err := New(&Config{Exec: &ExecConfig{Command: "kubegen-no-such-plugin\x1b[2J", APIVersion: execAPIv1,
		InteractiveMode: InteractiveNever,
		InstallHint:     "Install it:\n\tgo install example.com/plugin\x1b]0;owned\x07\x1b[31m now\r\x00\u009b"}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = get(t, rt, srv.URL)
	if err == nil {
		t.Fatal("request succeeded")
	}
	msg := err.Error()
	for _, r := range msg {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0 {
			t.Fatalf("error has control character %U: %q", r, msg)
		}
	}
	if !strings.Contains(msg, "Install it:\n\tgo install example.com/plugin") || !strings.Contains(msg, "now") {
		t.Errorf("hint text lost: %q", msg)
	}
}
