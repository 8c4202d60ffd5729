package kubeconfig

import (
	"errors"
	"fmt"
)

// checkImpersonation refuses impersonation attributes without a user to impersonate, as clientcmd does.
func (s *selection) checkImpersonation() error {
	u := &s.user
	if u.Impersonate != "" {
		return nil
	}
	switch {
	case u.ImpersonateUID != "":
		return s.userError("as-uid", errors.New("given without as (the user to impersonate)"))
	case len(u.ImpersonateGroups) > 0:
		return s.userError("as-groups", errors.New("given without as (the user to impersonate)"))
	case len(u.ImpersonateUserExtra) > 0:
		return s.userError("as-user-extra", errors.New("given without as (the user to impersonate)"))
	}
	return nil
}

// checkBoth refuses a key given both as a file and inline, as clientcmd does.
func checkBoth(key, file string, data []byte) error {
	if file != "" && len(data) > 0 {
		return fmt.Errorf("both %s and %s-data are set; give only one", key, key)
	}
	return nil
}
