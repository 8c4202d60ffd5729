package remotecommand

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// The Status reason and cause type a server reports a non-zero exit code with.
const (
	reasonNonZeroExitCode = "NonZeroExitCode"
	causeExitCode         = "ExitCode"
)

// maxStatusSize bounds the error channel: a Status is small, a flood is a protocol error.
const maxStatusSize = 1 << 20

// jsonStatusError interprets the error channel of v4 and v5 sessions: a metav1.Status. Success is
// nil, a non-zero exit code an *ExitError, anything else an *apierrors.StatusError. An empty channel
// means the session ended without a status.
func jsonStatusError(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return ErrConnectionLost
	}
	var status metav1.Status
	if err := json.Unmarshal(data, &status); err != nil {
		return fmt.Errorf("remotecommand: undecodable status from the server: %w", err)
	}
	if status.Status == metav1.StatusSuccess {
		return nil
	}
	if code, ok := exitCode(&status); ok {
		return &ExitError{Code: code, Message: status.Message}
	}
	return &apierrors.StatusError{ErrStatus: status}
}

// exitCode finds the exit code in a NonZeroExitCode status.
func exitCode(s *metav1.Status) (int, bool) {
	if s.Reason != reasonNonZeroExitCode || s.Details == nil {
		return 0, false
	}
	for _, c := range s.Details.Causes {
		if c.Type != causeExitCode {
			continue
		}
		if code, err := strconv.Atoi(c.Message); err == nil {
			return code, true
		}
	}
	return 0, false
}

// textStatusError interprets the error channel of v2 and v3 sessions: empty on success, else a message.
func textStatusError(data []byte) error {
	msg := string(bytes.TrimSpace(data))
	if msg == "" {
		return nil
	}
	return &RemoteError{Message: msg}
}
