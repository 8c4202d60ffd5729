package remotecommand_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"
	"os"

	"github.com/kubegen/kubegen/client/remotecommand"
	"github.com/kubegen/kubegen/client/rest"
)

// Run a command and read its output and exit code (kubectl exec web-0 -c nginx -- nginx -t).
func ExampleExec() {
	cfg := &rest.Config{Host: "https://127.0.0.1:6443"} // from kubeconfig.Load in a real program
	var stdout, stderr bytes.Buffer
	err := remotecommand.Exec(context.Background(), cfg, remotecommand.Options{
		Namespace: "default", Pod: "web-0", Container: "nginx",
		Command: []string{"nginx", "-t"},
		Stdout:  &stdout, Stderr: &stderr,
	})
	var exit *remotecommand.ExitError
	switch {
	case errors.As(err, &exit):
		fmt.Printf("failed with exit code %d: %s", exit.Code, stderr.String())
	case err != nil:
		log.Fatal(err)
	default:
		fmt.Print(stdout.String())
	}
}

// An interactive shell in a terminal (kubectl exec -it web-0 -- sh). A real program puts its own
// terminal in raw mode and sends its size on every SIGWINCH.
func ExampleClient_Exec_terminal() {
	client, err := remotecommand.New(&rest.Config{Host: "https://127.0.0.1:6443"})
	if err != nil {
		log.Fatal(err)
	}
	sizes := make(chan remotecommand.TerminalSize, 1)
	sizes <- remotecommand.TerminalSize{Width: 120, Height: 40}
	err = client.Exec(context.Background(), remotecommand.Options{
		Namespace: "default", Pod: "web-0", Command: []string{"sh"},
		Stdin: os.Stdin, Stdout: os.Stdout, TTY: true, Resize: sizes,
	})
	if err != nil {
		log.Fatal(err)
	}
}

// Attach to a container's main process, forcing SPDY as an old server would need.
func ExampleAttach() {
	err := remotecommand.Attach(context.Background(), &rest.Config{Host: "https://127.0.0.1:6443"},
		remotecommand.Options{
			Namespace: "default", Pod: "web-0", Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr,
			Transport: remotecommand.SPDY,
		})
	if err != nil {
		log.Fatal(err)
	}
}

// Exit codes come back as *ExitError.
func ExampleExitError() {
	var err error = &remotecommand.ExitError{Code: 3}
	var exit *remotecommand.ExitError
	fmt.Println(errors.As(err, &exit), exit.Code)
	fmt.Println(err)
	// Output:
	// true 3
	// remotecommand: command terminated with exit code 3
}

// Options are checked before anything is sent.
func ExampleOptions() {
	err := remotecommand.Exec(context.Background(), &rest.Config{Host: "https://127.0.0.1:6443"},
		remotecommand.Options{Pod: "web-0", Stdout: os.Stdout})
	fmt.Println(err)
	// Output:
	// remotecommand: Options.Command is required for exec
}
