package remotecommand

import (
	"errors"
	"testing"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
)

func TestJSONStatusError(t *testing.T) {
	tests := []struct {
		name     string
		data     string
		wantNil  bool
		wantExit int // -1: not an ExitError
		check    func(error) bool
	}{
		{name: "success", data: `{"metadata":{},"status":"Success"}`, wantNil: true},
		{name: "success with whitespace", data: " {\"status\":\"Success\"}\n", wantNil: true},
		{name: "exit code", wantExit: 3,
			data: `{"status":"Failure","message":"command terminated with non-zero exit code: exit status 3",` +
				`"reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}`},
		{name: "exit code 255", wantExit: 255,
			data: `{"status":"Failure","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"255"}]}}`},
		{name: "exit code cause not a number", wantExit: -1,
			data:  `{"status":"Failure","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"x"}]}}`,
			check: func(err error) bool { var s *apierrors.StatusError; return errors.As(err, &s) }},
		{name: "internal error", wantExit: -1,
			data:  `{"status":"Failure","message":"container not running","reason":"InternalError","code":500}`,
			check: apierrors.IsInternalError},
		{name: "empty: no status", wantExit: -1, check: func(err error) bool { return errors.Is(err, ErrConnectionLost) }},
		{name: "garbage", data: "not json", wantExit: -1,
			check: func(err error) bool { return err != nil && !errors.Is(err, ErrConnectionLost) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := jsonStatusError([]byte(tt.data))
			if tt.wantNil {
				if err != nil {
					t.Fatalf("got %v, want nil", err)
				}
				return
			}
			var exit *ExitError
			isExit := errors.As(err, &exit)
			switch {
			case tt.wantExit >= 0 && (!isExit || exit.Code != tt.wantExit):
				t.Errorf("got %v, want ExitError %d", err, tt.wantExit)
			case tt.wantExit < 0 && isExit:
				t.Errorf("got ExitError %d, want another error", exit.Code)
			case tt.check != nil && !tt.check(err):
				t.Errorf("got %v (%T), which fails the check", err, err)
			}
		})
	}
}

func TestTextStatusError(t *testing.T) {
	if err := textStatusError(nil); err != nil {
		t.Errorf("empty: %v, want nil", err)
	}
	err := textStatusError([]byte("command terminated with non-zero exit code: exit status 2\n"))
	var remote *RemoteError
	if !errors.As(err, &remote) || remote.Message != "command terminated with non-zero exit code: exit status 2" {
		t.Errorf("got %#v, want RemoteError with the trimmed message", err)
	}
}
