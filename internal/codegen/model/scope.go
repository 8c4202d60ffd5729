package model

// Scope is one generated package's top-level identifiers and file names, each with the kind that
// brings it in (nil for the names the package declares whatever its kinds). A generator declares
// every name it writes; two kinds bringing in the same name (Widget's WidgetNamespaceLister and
// the lister of a kind WidgetNamespace), or a kind bringing in a fixed one (a kind named after its
// group/version: <GV>Interface), is reported at the kind's declaration, because the package would
// not compile.
type Scope struct {
	tool, pkg string
	owners    map[string]*Kind
	fixed     map[string]bool
	errs      errorList
}

// NewScope starts the scope of package pkg, written by tool, with the names it always declares.
func NewScope(tool, pkg string, fixed ...string) *Scope {
	s := &Scope{tool: tool, pkg: pkg, owners: map[string]*Kind{}, fixed: map[string]bool{}}
	for _, n := range fixed {
		s.fixed[n] = true
	}
	return s
}

// Add declares the names kind k brings into the package.
func (s *Scope) Add(k *Kind, names ...string) {
	for _, n := range names {
		switch other, taken := s.owners[n]; {
		case s.fixed[n]:
			s.errs.add(k.Pos, "kind %s makes %s declare %s in %s, a name the package already declares: rename the kind", k.Name, s.tool, n, s.pkg)
		case taken && other != k:
			s.errs.add(k.Pos, "kinds %s and %s (%s) both make %s declare %s in %s: rename one of them", k.Name, other.Name, other.Pos, s.tool, n, s.pkg)
		default:
			s.owners[n] = k
		}
	}
}

// Err returns every clash found, sorted by position, or nil.
func (s *Scope) Err() error { return s.errs.err() }

// ScopeErrors merges the clashes of several scopes into one Errors, sorted by position; nil when
// there are none.
func ScopeErrors(scopes ...*Scope) error {
	var all errorList
	for _, s := range scopes {
		all.errs = append(all.errs, s.errs.errs...)
	}
	return all.err()
}
