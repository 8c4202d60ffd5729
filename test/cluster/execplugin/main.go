// Command execplugin is a client.authentication.k8s.io exec credential plugin for tests. It prints an
// ExecCredential whose status carries a bearer token, taken from (first found):
//
//	--token-file FILE          the file's content, trimmed
//	$KUBEGEN_EXEC_TOKEN        the variable's value
//
// With --client-cert FILE and --client-key FILE it returns that PEM certificate and key instead (as
// clientCertificateData and clientKeyData), and a token only when one is given too.
//
// It answers in the apiVersion named by $KUBERNETES_EXEC_INFO (client.authentication.k8s.io/v1 when
// absent). --expire-in DURATION adds an expirationTimestamp; $KUBEGEN_EXEC_COUNT_FILE, when set, gets
// one line appended per run, so tests can count how often a client ran the plugin.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"
)

const defaultAPIVersion = "client.authentication.k8s.io/v1"

type status struct {
	Token                 string `json:"token,omitempty"`
	ClientCertificateData string `json:"clientCertificateData,omitempty"`
	ClientKeyData         string `json:"clientKeyData,omitempty"`
	ExpirationTimestamp   string `json:"expirationTimestamp,omitempty"`
}

type credential struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Status     status `json:"status"`
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "execplugin:", err)
		os.Exit(1)
	}
}

func run() error {
	tokenFile := flag.String("token-file", "", "read the token from this file")
	expireIn := flag.Duration("expire-in", 0, "set expirationTimestamp this far in the future")
	certFile := flag.String("client-cert", "", "return this PEM client certificate")
	keyFile := flag.String("client-key", "", "return this PEM client key")
	flag.Parse()

	var st status
	var err error
	if st.ClientCertificateData, st.ClientKeyData, err = readCert(*certFile, *keyFile); err != nil {
		return err
	}
	if st.Token, err = readToken(*tokenFile); err != nil && st.ClientCertificateData == "" {
		return err
	}
	if err := count(); err != nil {
		return err
	}
	cred := credential{APIVersion: requestedVersion(), Kind: "ExecCredential", Status: st}
	if *expireIn > 0 {
		cred.Status.ExpirationTimestamp = time.Now().Add(*expireIn).UTC().Format(time.RFC3339)
	}
	return json.NewEncoder(os.Stdout).Encode(cred)
}

func readToken(file string) (string, error) {
	if file != "" {
		data, err := os.ReadFile(file)
		if err != nil {
			return "", err
		}
		return strings.TrimSpace(string(data)), nil
	}
	if token := os.Getenv("KUBEGEN_EXEC_TOKEN"); token != "" {
		return token, nil
	}
	return "", errors.New("no token: set KUBEGEN_EXEC_TOKEN or pass --token-file")
}

// readCert reads the client certificate and key files, when both are named.
func readCert(certFile, keyFile string) (cert, key string, err error) {
	if (certFile == "") != (keyFile == "") {
		return "", "", errors.New("--client-cert and --client-key go together")
	}
	if certFile == "" {
		return "", "", nil
	}
	certPEM, err := os.ReadFile(certFile)
	if err != nil {
		return "", "", err
	}
	keyPEM, err := os.ReadFile(keyFile)
	if err != nil {
		return "", "", err
	}
	return string(certPEM), string(keyPEM), nil
}

// requestedVersion returns the apiVersion of the ExecCredential the client sent, if any.
func requestedVersion() string {
	var info struct {
		APIVersion string `json:"apiVersion"`
	}
	if err := json.Unmarshal([]byte(os.Getenv("KUBERNETES_EXEC_INFO")), &info); err != nil || info.APIVersion == "" {
		return defaultAPIVersion
	}
	return info.APIVersion
}

func count() error {
	path := os.Getenv("KUBEGEN_EXEC_COUNT_FILE")
	if path == "" {
		return nil
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.WriteString("run\n"); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
