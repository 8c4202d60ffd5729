package model

import (
	"fmt"
	"regexp"
	"strconv"
)

// removedTag is prerelease-lifecycle-gen's tag on a kind: the Kubernetes release whose API server
// no longer serves it, e.g. +k8s:prerelease-lifecycle-gen:removed=1.16.
const removedTag = "k8s:prerelease-lifecycle-gen:removed"

// releasePattern is a Kubernetes release as prerelease-lifecycle-gen writes it: "<major>.<minor>".
var releasePattern = regexp.MustCompile(`^([0-9]+)\.([0-9]+)$`)

// Release is a Kubernetes minor release, e.g. 1.35.
type Release struct{ Major, Minor int }

// String is "<major>.<minor>".
func (r Release) String() string { return fmt.Sprintf("%d.%d", r.Major, r.Minor) }

// atOrBefore tells whether r is o or an older release.
func (r Release) atOrBefore(o Release) bool {
	return r.Major < o.Major || r.Major == o.Major && r.Minor <= o.Minor
}

// ParseRelease reads a release written "<major>.<minor>" ("1.35").
func ParseRelease(s string) (Release, error) {
	m := releasePattern.FindStringSubmatch(s)
	if m == nil {
		return Release{}, fmt.Errorf("%q is not a Kubernetes release: want <major>.<minor>, e.g. 1.35", s)
	}
	major, err1 := strconv.Atoi(m[1])
	minor, err2 := strconv.Atoi(m[2])
	if err1 != nil || err2 != nil {
		return Release{}, fmt.Errorf("%q is not a Kubernetes release: number out of range", s)
	}
	return Release{Major: major, Minor: minor}, nil
}

// removedTags reads a kind's +k8s:prerelease-lifecycle-gen:removed tag (nil without one). Like the
// other tag families, it is only read here; its value is checked when it is used (ServedIn), so that
// a run that does not ask about serving is not stopped by it.
func removedTags(comments []string, posOf func(string) Position) []Tag {
	var out []Tag
	for _, t := range extractTags(comments, removedTag, posOf) {
		if t.Name == removedTag {
			out = append(out, t)
		}
	}
	return out
}

// RemovedIn is the release whose API server stops serving k (its
// +k8s:prerelease-lifecycle-gen:removed tag); ok is false when k carries none. A malformed or
// repeated tag is an error naming its file:line.
func (k *Kind) RemovedIn() (r Release, ok bool, err error) {
	if len(k.Removed) == 0 {
		return Release{}, false, nil
	}
	t := k.Removed[0]
	if len(k.Removed) > 1 {
		return Release{}, false, &Error{Pos: k.Removed[1].Pos, Msg: fmt.Sprintf("duplicate +%s on %s (first at %s)", removedTag, k.Name, t.Pos)}
	}
	r, perr := ParseRelease(t.Value)
	if !t.HasValue || perr != nil {
		return Release{}, false, &Error{Pos: t.Pos, Msg: fmt.Sprintf("malformed tag %s on %s: want +%s=<major>.<minor>, e.g. =1.16", t, k.Name, removedTag)}
	}
	return r, true, nil
}

// ServedIn tells whether an API server of release r (or a later one) still serves v: false only when
// every kind of v carries a +k8s:prerelease-lifecycle-gen:removed release at or before r. The
// errors are those of the kinds' removed tags, each naming its file:line.
func (v *Version) ServedIn(r Release) (bool, error) {
	var errs errorList
	served := len(v.Kinds) == 0
	for _, k := range v.Kinds {
		removed, ok, err := k.RemovedIn()
		if err != nil {
			errs.errs = append(errs.errs, err.(*Error))
			continue
		}
		if !ok || !removed.atOrBefore(r) {
			served = true
		}
	}
	if err := errs.err(); err != nil {
		return false, err
	}
	return served, nil
}

// ServedIn is the API restricted to the versions an API server of release r (or later) serves (see
// [Version.ServedIn]), dropping groups left with no version, and the versions it left out, in group
// order. api itself is not changed; the versions are shared. Every malformed removed tag is
// reported at once.
func (api *API) ServedIn(r Release) (*API, []*Version, error) {
	var dropped []*Version
	var errs errorList
	out := api.filter(func(v *Version) bool {
		served, err := v.ServedIn(r)
		if err != nil {
			errs.errs = append(errs.errs, err.(Errors)...)
			return false
		}
		if !served {
			dropped = append(dropped, v)
		}
		return served
	})
	if err := errs.err(); err != nil {
		return nil, nil, err
	}
	return out, dropped, nil
}
