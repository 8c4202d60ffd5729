package transport

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"github.com/kubegen/kubegen/client/transport/internal/watchedfile"
)

// basic returns the credential for HTTP basic authentication. Basic auth sends the password with every
// request; use it for tests and legacy servers only.
func basic(user, password string) *credential {
	return &credential{header: []string{"Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+password))}}
}

// fileTokenSource reads a bearer token from a file and re-reads it when the file changes (one stat per
// request), so rotated service-account tokens are used from the next request on.
type fileTokenSource struct {
	file     *watchedfile.Files[*credential]
	fallback *credential
}

func newFileTokenSource(path, fallback string) *fileTokenSource {
	s := &fileTokenSource{file: watchedfile.New(parseTokenFile, path)}
	if fallback != "" {
		s.fallback = bearer(fallback)
	}
	return s
}

var errEmptyToken = errors.New("empty token")

func parseTokenFile(contents [][]byte) (*credential, error) {
	tok := strings.TrimSpace(string(contents[0]))
	if tok == "" {
		return nil, errEmptyToken
	}
	return bearer(tok), nil
}

// credential returns the token from the file, the last good one when the file is unreadable, or the
// inline token when the file has never been read.
func (s *fileTokenSource) credential(context.Context) (*credential, error) {
	c, err := s.file.Get()
	if err == nil {
		return c, nil
	}
	if s.fallback != nil {
		return s.fallback, nil
	}
	return nil, fmt.Errorf("transport: reading bearer token file: %w", err)
}
