package kubeconfig

import "github.com/kubegen/kubegen/client/rest"

// RESTConfig loads configuration the way kubectl does with no flags ($KUBECONFIG, else
// ~/.kube/config, else in-cluster) and returns the rest.Config of the current context.
func RESTConfig() (*rest.Config, error) {
	return LoadOptions{}.RESTConfig()
}

// RESTConfig is Load(o) followed by ClientConfig.RESTConfig.
func (o LoadOptions) RESTConfig() (*rest.Config, error) {
	cc, err := Load(o)
	if err != nil {
		return nil, err
	}
	return cc.RESTConfig()
}

// ConfigFromFlags builds a rest.Config from the two flags most programs offer: a server URL
// (masterURL, overriding the kubeconfig's server) and a kubeconfig path. With both empty it follows
// the default chain of RESTConfig; a non-empty kubeconfigPath must exist.
func ConfigFromFlags(masterURL, kubeconfigPath string) (*rest.Config, error) {
	return LoadOptions{ExplicitPath: kubeconfigPath, Overrides: Overrides{Server: masterURL}}.RESTConfig()
}

// BuildConfigFromFlags is ConfigFromFlags under client-go's clientcmd name.
func BuildConfigFromFlags(masterURL, kubeconfigPath string) (*rest.Config, error) {
	return ConfigFromFlags(masterURL, kubeconfigPath)
}
