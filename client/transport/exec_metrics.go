package transport

import (
	"errors"
	"io/fs"
	"os/exec"

	"github.com/kubegen/kubegen/client/metrics"
)

// countExecCall reports one plugin run, err being what exec.Cmd.Run returned, to the registered
// metrics.CallsMetric, if any.
func countExecCall(err error) {
	m := metrics.Registered()
	if m == nil || m.ExecPluginCalls == nil {
		return
	}
	code, status := execCallLabels(err)
	m.ExecPluginCalls.Increment(code, status)
}

// execCallLabels classifies a run: its exit code (1 when the plugin did not run) and call status.
func execCallLabels(err error) (int, string) {
	var exitErr *exec.ExitError
	var execErr *exec.Error
	var pathErr *fs.PathError
	switch {
	case err == nil:
		return 0, metrics.CallStatusNoError
	case errors.As(err, &exitErr):
		return exitErr.ExitCode(), metrics.CallStatusPluginExecutionError
	case errors.As(err, &execErr), errors.As(err, &pathErr):
		return 1, metrics.CallStatusPluginNotFoundError
	}
	return 1, metrics.CallStatusClientInternalError
}
