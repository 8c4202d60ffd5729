package kubeconfig

import (
	"errors"
	"fmt"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/client/transport"
)

// Exec plugin API versions kubegen accepts.
const (
	execV1      = "client.authentication.k8s.io/v1"
	execV1beta1 = "client.authentication.k8s.io/v1beta1"
)

// setExec fills rc.ExecProvider from the user's exec stanza, with the cluster's details when the
// plugin asks for them.
func (s *selection) setExec(rc *rest.Config) error {
	e := s.user.Exec
	if e == nil {
		return nil
	}
	if e.Command == "" {
		return s.userError("exec.command", errors.New("missing"))
	}
	mode, ferr := interactiveMode(e)
	if ferr != nil {
		return s.userError(ferr.path, ferr.err)
	}
	out := &transport.ExecConfig{
		Command:            e.Command,
		Args:               append([]string(nil), e.Args...),
		APIVersion:         e.APIVersion,
		InstallHint:        e.InstallHint,
		ProvideClusterInfo: e.ProvideClusterInfo,
		InteractiveMode:    mode,
	}
	for i, v := range e.Env {
		if v.Name == "" {
			return s.userError(fmt.Sprintf("exec.env[%d].name", i), errors.New("missing"))
		}
		out.Env = append(out.Env, transport.ExecEnvVar{Name: v.Name, Value: v.Value})
	}
	if e.ProvideClusterInfo {
		cluster, err := s.execCluster()
		if err != nil {
			return err
		}
		out.Cluster = cluster
	}
	rc.ExecProvider = out
	return nil
}

// interactiveMode checks the plugin's API version and interactive mode, defaulting the mode for
// v1beta1 as kubectl does (v1 requires it).
func interactiveMode(e *ExecConfig) (string, *fieldError) {
	switch e.APIVersion {
	case execV1, execV1beta1:
	case "":
		return "", &fieldError{path: "exec.apiVersion", err: fmt.Errorf("missing (want %s or %s)", execV1, execV1beta1)}
	default:
		return "", &fieldError{path: "exec.apiVersion", err: fmt.Errorf("%q is not supported (want %s or %s)", e.APIVersion, execV1, execV1beta1)}
	}
	switch e.InteractiveMode {
	case "Never", "IfAvailable", "Always":
		return e.InteractiveMode, nil
	case "":
		if e.APIVersion == execV1beta1 {
			return "IfAvailable", nil
		}
		return "", &fieldError{path: "exec.interactiveMode", err: errors.New("required by " + execV1 + " (Never, IfAvailable or Always)")}
	}
	return "", &fieldError{path: "exec.interactiveMode", err: fmt.Errorf("%q is not Never, IfAvailable or Always", e.InteractiveMode)}
}

// execCluster describes the selected cluster for a plugin with provideClusterInfo. A CA file is read,
// since the plugin gets the CA inline.
func (s *selection) execCluster() (*transport.ExecCluster, error) {
	cl := &s.cluster
	out := &transport.ExecCluster{
		Server:                   cl.Server,
		TLSServerName:            cl.TLSServerName,
		InsecureSkipTLSVerify:    cl.InsecureSkipTLSVerify,
		CertificateAuthorityData: cl.CertificateAuthorityData,
		ProxyURL:                 cl.ProxyURL,
		DisableCompression:       cl.DisableCompression,
		Config:                   extension(cl.Extensions, ExecExtensionName),
	}
	if len(out.CertificateAuthorityData) == 0 && cl.CertificateAuthority != "" {
		data, err := readBounded(cl.CertificateAuthority)
		if err != nil {
			return nil, s.clusterError("certificate-authority", err)
		}
		out.CertificateAuthorityData = data
	}
	return out, nil
}
