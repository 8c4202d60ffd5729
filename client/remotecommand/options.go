package remotecommand

import (
	"errors"
	"io"
	"net/url"

	"github.com/kubegen/kubegen/client/internal/upgrade"
)

// Transport chooses the protocol a session runs over.
type Transport = upgrade.Transport

const (
	// Auto tries WebSocket (v5.channel.k8s.io) first and falls back to SPDY when the server refuses
	// the WebSocket upgrade, as kubectl does. It is the default.
	Auto = upgrade.Auto
	// WebSocket uses only WebSocket with the v5.channel.k8s.io subprotocol.
	WebSocket = upgrade.WebSocket
	// SPDY uses only SPDY/3.1 with v4.channel.k8s.io (or v3, v2 when the server is older).
	SPDY = upgrade.SPDY
)

// TerminalSize is the size of a terminal in characters.
type TerminalSize struct {
	// Width is the number of columns.
	Width uint16
	// Height is the number of rows.
	Height uint16
}

// Options describe one exec or attach session, with the meaning of kubectl's flags.
type Options struct {
	// Namespace of the pod; "default" when empty.
	Namespace string
	// Pod is the pod's name. Required.
	Pod string
	// Container in the pod (kubectl -c); empty means the pod's only or default container.
	Container string
	// Command to run (exec only; required there). It is not run through a shell: use
	// []string{"sh", "-c", "..."} for one.
	Command []string

	// Stdin, when set, is sent to the process (kubectl -i). When it reaches EOF the process's standard
	// input is closed (WebSocket close signal or SPDY half-close). A reader that never returns keeps a
	// goroutine blocked in Read after the session ends, as with any io.Copy.
	Stdin io.Reader
	// Stdout receives the process's standard output; nil discards it. Exec and Attach return only
	// after their last write to Stdout and Stderr, so the writers can be read safely afterwards; a
	// writer that blocks forever therefore keeps the call from returning, even after cancellation.
	Stdout io.Writer
	// Stderr receives the process's standard error; nil discards it. Not used with TTY: a terminal
	// merges both into Stdout.
	Stderr io.Writer

	// TTY allocates a terminal for the process (kubectl -t).
	TTY bool
	// Resize delivers terminal sizes while TTY is set: send the initial size first, then one per
	// change (SIGWINCH). Closing it is not required.
	Resize <-chan TerminalSize

	// Transport selects the protocol; Auto when zero.
	Transport Transport
}

// errNoStreams is returned when a session would carry no data at all.
var errNoStreams = errors.New("remotecommand: at least one of Stdin, Stdout or Stderr is required")

// validate checks what the server would otherwise refuse with a less clear message.
func (o *Options) validate(exec bool) error {
	switch {
	case o.Pod == "":
		return errors.New("remotecommand: Options.Pod is required")
	case exec && len(o.Command) == 0:
		return errors.New("remotecommand: Options.Command is required for exec")
	case o.Stdin == nil && o.Stdout == nil && o.Stderr == nil:
		return errNoStreams
	case o.Transport < Auto || o.Transport > SPDY:
		return errors.New("remotecommand: unknown " + o.Transport.String())
	}
	return nil
}

func (o *Options) namespace() string {
	if o.Namespace == "" {
		return "default"
	}
	return o.Namespace
}

// wantsStderr reports whether a stderr stream is requested: never with a terminal.
func (o *Options) wantsStderr() bool { return o.Stderr != nil && !o.TTY }

// params are the query parameters of pods/exec and pods/attach.
func (o *Options) params(exec bool) url.Values {
	v := url.Values{}
	if exec {
		v["command"] = o.Command
	}
	if o.Container != "" {
		v.Set("container", o.Container)
	}
	setTrue := func(k string, on bool) {
		if on {
			v.Set(k, "true")
		}
	}
	setTrue("stdin", o.Stdin != nil)
	setTrue("stdout", o.Stdout != nil)
	setTrue("stderr", o.wantsStderr())
	setTrue("tty", o.TTY)
	return v
}
