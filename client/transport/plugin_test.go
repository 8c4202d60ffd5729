package transport

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The test binary doubles as an exec credential plugin: with pluginEnv set it behaves as the plugin
// described by the PLUGIN_* variables (which tests pass through ExecConfig.Env) instead of running
// tests. Each run increments a counter in PLUGIN_STATE and records what it was given there.
const pluginEnv = "KUBEGEN_TRANSPORT_TEST_PLUGIN"

func TestMain(m *testing.M) {
	if os.Getenv(pluginEnv) != "" {
		os.Exit(runTestPlugin())
	}
	os.Exit(m.Run())
}

// pluginRecord is what a plugin run saw, saved as run-<n>.json.
type pluginRecord struct {
	Args     []string
	ExecInfo execCredentialJSON
	Env      map[string]string
}

func runTestPlugin() int {
	state := os.Getenv("PLUGIN_STATE")
	n := bumpCounter(state)
	rec := pluginRecord{Args: os.Args[1:], Env: map[string]string{}}
	if err := json.Unmarshal([]byte(os.Getenv(execInfoEnv)), &rec.ExecInfo); err != nil {
		fmt.Fprintln(os.Stderr, "bad KUBERNETES_EXEC_INFO:", err)
		return 2
	}
	for _, kv := range os.Environ() {
		if k, v, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "PLUGIN_") || k == "HOME_OVERRIDE" {
			rec.Env[k] = v
		}
	}
	b, _ := json.Marshal(rec)
	_ = os.WriteFile(filepath.Join(state, fmt.Sprintf("run-%d.json", n)), b, 0o600)

	status := execStatus{}
	switch os.Getenv("PLUGIN_MODE") {
	case "fail":
		fmt.Println(`{"status":{"token":"leaked-token"}}`)
		fmt.Fprintln(os.Stderr, "boom: cannot reach the identity provider")
		return 3
	case "garbage":
		fmt.Println("secret-looking-output not json")
		return 0
	case "prompt":
		fmt.Fprint(os.Stderr, "Password: ")
		line, _ := bufio.NewReader(os.Stdin).ReadString('\n')
		status.Token = strings.TrimSpace(line)
	case "cert":
		cert, _ := os.ReadFile(os.Getenv("PLUGIN_CERT_FILE"))
		key, _ := os.ReadFile(os.Getenv("PLUGIN_KEY_FILE"))
		status.ClientCertificateData, status.ClientKeyData = string(cert), string(key)
	default:
		status.Token = fmt.Sprintf("tok-%d", n)
	}
	if d := os.Getenv("PLUGIN_EXPIRES_IN"); d != "" {
		dur, _ := time.ParseDuration(d)
		// Run n expires n durations from now, so later runs outlive earlier ones on a fake clock.
		exp := time.Now().Add(time.Duration(n) * dur).UTC().Truncate(time.Second)
		status.ExpirationTimestamp = &exp
	}
	apiVersion := os.Getenv("PLUGIN_API_VERSION")
	if apiVersion == "" {
		apiVersion = rec.ExecInfo.APIVersion
	}
	out := execCredentialJSON{APIVersion: apiVersion, Kind: "ExecCredential", Status: &status}
	_ = json.NewEncoder(os.Stdout).Encode(out)
	return 0
}

func bumpCounter(dir string) int {
	p := filepath.Join(dir, "count")
	b, _ := os.ReadFile(p)
	n, _ := strconv.Atoi(string(b))
	n++
	_ = os.WriteFile(p, []byte(strconv.Itoa(n)), 0o600)
	return n
}

// testPlugin returns an ExecConfig that runs the test binary as a plugin in mode, with a fresh state
// directory (which also makes the config, and so its shared authenticator, unique to the test).
func testPlugin(t *testing.T, mode string, env ...ExecEnvVar) (*ExecConfig, string) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	state := t.TempDir()
	base := []ExecEnvVar{
		{Name: "GORACE", Value: "atexit_sleep_ms=0"}, // a -race binary otherwise lingers a second at exit
		{Name: pluginEnv, Value: "1"}, {Name: "PLUGIN_STATE", Value: state}, {Name: "PLUGIN_MODE", Value: mode}}
	return &ExecConfig{
		Command:         self,
		Args:            []string{"--plugin-arg", "x"},
		Env:             append(base, env...),
		APIVersion:      execAPIv1,
		InteractiveMode: InteractiveNever,
	}, state
}

// pluginRuns reads the records of every plugin run so far.
func pluginRuns(t *testing.T, state string) []pluginRecord {
	t.Helper()
	var recs []pluginRecord
	for i := 1; ; i++ {
		b, err := os.ReadFile(filepath.Join(state, fmt.Sprintf("run-%d.json", i)))
		if os.IsNotExist(err) {
			return recs
		}
		if err != nil {
			t.Fatal(err)
		}
		var r pluginRecord
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatal(err)
		}
		recs = append(recs, r)
	}
}
