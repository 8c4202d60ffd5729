package cluster

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/kubegen/kubegen/client/rest"
	"github.com/kubegen/kubegen/client/transport"
)

// ExecTokenEnv is the environment variable the test exec plugin reads its token from.
const ExecTokenEnv = "KUBEGEN_EXEC_TOKEN"

// AdminConfig returns a configuration for the admin user with its client certificate and the CA inline.
// Client-side rate limiting is off (QPS < 0) so tests are not throttled.
func (c *Cluster) AdminConfig() *rest.Config {
	cfg := &rest.Config{Host: c.Host(), QPS: -1}
	cfg.TLSClientConfig.CAData = c.CAData()
	cfg.TLSClientConfig.CertData, cfg.TLSClientConfig.KeyData = c.ClientCertData(Admin)
	return cfg
}

// Config returns a configuration for the identity, credential and trust mode a selects. Only the exec
// plugin can fail (it is built with `go build` on first use).
func (c *Cluster) Config(a Auth) (*rest.Config, error) {
	cfg := &rest.Config{Host: c.Host(), QPS: -1}
	if a.ProxyURL != "" {
		u, err := url.Parse(a.ProxyURL)
		if err != nil {
			return nil, fmt.Errorf("proxy URL: %w", err)
		}
		cfg.Proxy = http.ProxyURL(u)
	}
	switch a.Trust {
	case CAInline:
		cfg.TLSClientConfig.CAData = c.CAData()
	case CAFile:
		cfg.TLSClientConfig.CAFile = c.CAFile()
	case Insecure:
		cfg.TLSClientConfig.Insecure = true
	default:
		return nil, fmt.Errorf("unknown trust mode %v", a.Trust)
	}
	switch a.Credential {
	case CertInline:
		cfg.TLSClientConfig.CertData, cfg.TLSClientConfig.KeyData = c.ClientCertData(a.User)
	case CertFiles:
		cfg.TLSClientConfig.CertFile, cfg.TLSClientConfig.KeyFile = c.ClientCertFiles(a.User)
	case TokenInline:
		cfg.BearerToken = c.Token(a.User)
	case TokenFile:
		cfg.BearerTokenFile = c.tokenFile(a)
	case ExecPlugin:
		exec, err := c.execConfig(a.User)
		if err != nil {
			return nil, err
		}
		cfg.ExecProvider = exec
	default:
		return nil, fmt.Errorf("unknown credential %v", a.Credential)
	}
	return cfg, nil
}

func (c *Cluster) tokenFile(a Auth) string {
	if a.TokenFile != "" {
		return a.TokenFile
	}
	return c.TokenFilePath(a.User)
}

func (c *Cluster) execConfig(u User) (*transport.ExecConfig, error) {
	plugin, err := c.ExecPlugin()
	if err != nil {
		return nil, err
	}
	return &transport.ExecConfig{
		Command:         plugin,
		APIVersion:      "client.authentication.k8s.io/v1",
		Env:             []transport.ExecEnvVar{{Name: ExecTokenEnv, Value: c.Token(u)}},
		InteractiveMode: "Never",
	}, nil
}
