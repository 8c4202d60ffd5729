package rest

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// benchServerEnv makes the test binary act as the benchmark's API server in a child process, so the
// benchmarks' allocation and CPU figures are the client's alone.
const benchServerEnv = "KUBEGEN_REST_BENCH_SERVER"

func TestMain(m *testing.M) {
	if os.Getenv(benchServerEnv) == "1" {
		if err := runBenchServer(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	os.Exit(m.Run())
}

// runBenchServer serves a realistic protobuf ConfigMap on a loopback port, prints its URL, and exits
// when its standard input closes (the parent ended).
func runBenchServer() error {
	info, _ := runtimeSerializerFor(ContentTypeProtobuf)
	var buf bytes.Buffer
	if err := testCodecs.EncoderForVersion(info, corev1GV).Encode(realisticConfigMap(), &buf); err != nil {
		return err
	}
	body, length := buf.Bytes(), strconv.Itoa(buf.Len())
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	fmt.Println("http://" + l.Addr().String())
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}()
	return http.Serve(l, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h["Content-Type"] = []string{ContentTypeProtobuf}
		h["Content-Length"] = []string{length}
		_, _ = w.Write(body)
	}))
}

// startBenchServer starts the child-process server and returns its URL; it is stopped with the
// benchmark.
func startBenchServer(b *testing.B) string {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), benchServerEnv+"=1")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		stdin.Close()
		_ = cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		b.Fatalf("benchmark server did not start: %v", err)
	}
	return strings.TrimSpace(line)
}
