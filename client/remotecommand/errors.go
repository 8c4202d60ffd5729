package remotecommand

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
)

// ExitError is returned when the remote command ran and exited with a non-zero code.
//
//	var exit *remotecommand.ExitError
//	if errors.As(err, &exit) { os.Exit(exit.Code) }
type ExitError struct {
	// Code is the process's exit code.
	Code int
	// Message is the server's description.
	Message string
}

// Error implements error.
func (e *ExitError) Error() string {
	return "remotecommand: command terminated with exit code " + strconv.Itoa(e.Code)
}

// ErrConnectionLost is wrapped by the error of a session whose connection ended before the server
// reported how the command finished.
var ErrConnectionLost = errors.New("remotecommand: connection lost before the command's status arrived")

// RemoteError is an error the server reported as text (SPDY protocols older than v4).
type RemoteError struct {
	// Message is the server's text.
	Message string
}

// Error implements error.
func (e *RemoteError) Error() string { return "remotecommand: " + e.Message }

// failure is the first local failure of a session (a stdin read, an output write) that ended it.
type failure struct {
	once sync.Once
	err  error
}

// fail records err unless an earlier failure was recorded, or local has already been called.
func (f *failure) fail(err error) { f.once.Do(func() { f.err = err }) }

// local freezes the failure and returns what ended the session before the server's status can count:
// cancellation of ctx, then a local failure; nil when neither did.
func (f *failure) local(ctx context.Context) error {
	f.once.Do(func() {})
	if ctx.Err() != nil {
		return fmt.Errorf("remotecommand: session canceled: %w", context.Cause(ctx))
	}
	return f.err
}
