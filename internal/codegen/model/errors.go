package model

import (
	"errors"
	"sort"
	"strings"
)

// Error is a problem with the inputs at a known place.
type Error struct {
	Pos Position
	Msg string
}

// Error formats the problem as "file:line: message".
func (e *Error) Error() string {
	if e.Pos.File == "" {
		return e.Msg
	}
	return e.Pos.String() + ": " + e.Msg
}

// ErrNoClientTypes is returned (wrapped) when the inputs hold no +genclient type at all.
var ErrNoClientTypes = errors.New("no +genclient types found")

// Errors is every problem found in one pass over the inputs, sorted by position.
type Errors []*Error

// Error lists the problems, one per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap exposes each problem to errors.Is and errors.As.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

type errorList struct{ errs Errors }

func (l *errorList) add(pos Position, format string, args ...any) {
	l.errs = append(l.errs, &Error{Pos: pos, Msg: sprintf(format, args...)})
}

func (l *errorList) err() error {
	if len(l.errs) == 0 {
		return nil
	}
	sort.SliceStable(l.errs, func(i, j int) bool {
		a, b := l.errs[i].Pos, l.errs[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	return l.errs
}
