package kubeconfig

import "fmt"

// selection is the context, cluster and user chosen from a config, as copies with overrides applied.
type selection struct {
	contextName string
	clusterName string
	cluster     Cluster
	userName    string
	user        AuthInfo
	// userLabel names the user in errors: `users "bob"`, or "overrides" when no user was named.
	userLabel string
	// overrides were applied to cluster and user; errors name them rather than a file.
	overrides Overrides
}

// context returns the selected context, or an empty one when none is selected.
func (c *ClientConfig) context() (Context, error) {
	name := c.ContextName()
	if name == "" {
		return Context{}, nil
	}
	ctx := c.config.Context(name)
	if ctx != nil {
		return *ctx, nil
	}
	if c.overrides.Context != "" {
		return Context{}, &Error{Err: fmt.Errorf("context %q (from overrides) %w in %s", name, ErrNotFound, c.sourceDesc())}
	}
	return Context{}, &Error{File: c.currentContextFile(), Path: "current-context",
		Err: fmt.Errorf("context %q %w", name, ErrNotFound)}
}

// currentContextFile returns the first file that set current-context, when known.
func (c *ClientConfig) currentContextFile() string {
	if c.currentFrom != "" {
		return c.currentFrom
	}
	if len(c.files) == 1 {
		return c.files[0]
	}
	return ""
}

// selection resolves the context, its cluster and user, and applies the overrides.
func (c *ClientConfig) selection() (*selection, error) {
	ctx, err := c.context()
	if err != nil {
		return nil, err
	}
	s := &selection{contextName: c.ContextName(), clusterName: ctx.Cluster, userName: ctx.AuthInfo, overrides: c.overrides}
	if c.overrides.Cluster != "" {
		s.clusterName = c.overrides.Cluster
	}
	if c.overrides.AuthInfo != "" {
		s.userName = c.overrides.AuthInfo
	}
	if s.clusterName != "" {
		cl := c.config.Cluster(s.clusterName)
		if cl == nil {
			return nil, c.refError("cluster", s.clusterName, c.overrides.Cluster != "", ctx, s.contextName)
		}
		s.cluster = *cl
	}
	s.userLabel = "overrides"
	if s.userName != "" {
		u := c.config.AuthInfo(s.userName)
		if u == nil {
			return nil, c.refError("user", s.userName, c.overrides.AuthInfo != "", ctx, s.contextName)
		}
		s.user = *u
		s.userLabel = fmt.Sprintf("users %q", s.userName)
	}
	c.overrides.applyCluster(&s.cluster)
	c.overrides.applyAuthInfo(&s.user)
	return s, nil
}

// refError reports a cluster or user that a context or an override names but no file defines.
func (c *ClientConfig) refError(kind, name string, fromOverride bool, ctx Context, ctxName string) error {
	if fromOverride {
		return &Error{Err: fmt.Errorf("%s %q (from overrides) %w in %s", kind, name, ErrNotFound, c.sourceDesc())}
	}
	return &Error{File: ctx.LocationOfOrigin, Path: fmt.Sprintf("contexts %q: %s", ctxName, kind),
		Err: fmt.Errorf("%s %q %w in %s", kind, name, ErrNotFound, c.sourceDesc())}
}
