package deepcopygen

import (
	"fmt"
	"path/filepath"
	"strings"

	"k8s.io/gengo/v2/types"

	"github.com/kubegen/kubegen/internal/codegen/output"
)

// planner knows, for every type, how a deep copy of a value of that type is made: which types
// this run generates methods for, which methods exist already, which types need no work.
type planner struct {
	loaded     *output.Loaded
	outputFile string
	inputs     map[string]bool // packages of this run
	bounds     []string        // import path prefixes whose types are trusted to get generated methods
	generated  map[*types.Type]*typeTags
	shallow    map[*types.Type]bool
}

func newPlanner(loaded *output.Loaded, outputFile string, bounds []string) *planner {
	p := &planner{
		loaded:     loaded,
		outputFile: outputFile,
		inputs:     map[string]bool{},
		bounds:     bounds,
		generated:  map[*types.Type]*typeTags{},
		shallow:    map[*types.Type]bool{},
	}
	for _, in := range loaded.Inputs {
		p.inputs[in] = true
	}
	return p
}

// strategy is how a value of some type is deep-copied.
type strategy int

const (
	copyAssign    strategy = iota // plain assignment is a deep copy
	copyInto                      // in.DeepCopyInto(&out)
	copyValue                     // out = in.DeepCopy() (DeepCopy returns a value)
	copyPtrValue                  // out = *in.DeepCopy() (DeepCopy returns a pointer)
	copyPointer                   // allocate and copy the element
	copySlice                     // make and copy the elements
	copyMap                       // make and copy the values
	copyArray                     // copy the elements in place
	copyStruct                    // anonymous struct: copy the fields
	copyInterface                 // out = in.DeepCopy<Interface>()
)

// how decides the strategy for t, or explains why t cannot be deep-copied.
func (p *planner) how(t *types.Type) (strategy, error) {
	if p.isShallow(t) {
		return copyAssign, nil
	}
	if t.Name.Package != "" {
		if s, ok, err := p.viaMethods(t); ok || err != nil {
			return s, err
		}
	}
	switch t.Kind {
	case types.Pointer:
		return copyPointer, nil
	case types.Slice:
		return copySlice, nil
	case types.Map:
		return copyMap, p.checkMapKey(t)
	case types.Array:
		return copyArray, nil
	case types.Alias:
		return p.how(t.Underlying)
	case types.Interface:
		if _, err := interfaceCopier(t); err != nil {
			return 0, err
		}
		return copyInterface, nil
	case types.Struct:
		if t.Name.Package == "" {
			return copyStruct, nil
		}
		return 0, p.noCopyError(t)
	}
	if t.Kind == types.Unsupported {
		return 0, fmt.Errorf("its type (%s) does not type-check: fix the package's compile errors first", t)
	}
	return 0, fmt.Errorf("%s values (kind %s) cannot be deep-copied", t, t.Kind)
}

// viaMethods picks a DeepCopyInto or DeepCopy method of a named type: a hand-written or already
// compiled one, one this run generates, or (for packages outside this run but inside the bounding
// dirs) one the package's own generation will provide.
func (p *planner) viaMethods(t *types.Type) (strategy, bool, error) {
	if t.Kind == types.Interface || t.Kind == types.Pointer {
		return 0, false, nil
	}
	if m := p.existingMethod(t, "DeepCopyInto"); m != nil {
		if err := p.checkInto(t, m); err != nil {
			return 0, false, err
		}
		return copyInto, true, nil
	}
	if m := p.existingMethod(t, "DeepCopy"); m != nil {
		ptr, err := p.checkDeepCopy(t, m)
		if err != nil {
			return 0, false, err
		}
		if ptr {
			return copyPtrValue, true, nil
		}
		return copyValue, true, nil
	}
	if _, ok := p.generated[t]; ok {
		return copyInto, true, nil
	}
	if !p.inputs[t.Name.Package] && p.inBounds(t.Name.Package) && generatable(t) {
		return copyInto, true, nil
	}
	return 0, false, nil
}

// existingMethod returns t's method name unless it is declared in the output file of a package this
// run regenerates (that file is about to be replaced).
func (p *planner) existingMethod(t *types.Type, name string) *types.Type {
	m := t.Methods[name]
	if m == nil || m.Signature == nil {
		return nil
	}
	if p.inputs[t.Name.Package] {
		pos := p.loaded.MethodPosition(t, name)
		pkg := p.loaded.Universe[t.Name.Package]
		if pkg != nil && pos.Filename == filepath.Join(pkg.Dir, p.outputFile) {
			return nil
		}
	}
	return m
}

func (p *planner) checkInto(t *types.Type, m *types.Type) error {
	sig := m.Signature
	if len(sig.Parameters) == 1 && len(sig.Results) == 0 && sig.Parameters[0].Type.Kind == types.Pointer && sig.Parameters[0].Type.Elem == t {
		return nil
	}
	return errorAt(p.loaded.MethodPosition(t, "DeepCopyInto"), "%s.DeepCopyInto has the wrong signature: want func(out *%s)", t.Name.Name, t.Name.Name)
}

func (p *planner) checkDeepCopy(t *types.Type, m *types.Type) (pointer bool, err error) {
	sig := m.Signature
	if len(sig.Parameters) == 0 && len(sig.Results) == 1 {
		r := sig.Results[0].Type
		if r == t {
			return false, nil
		}
		if r.Kind == types.Pointer && r.Elem == t {
			return true, nil
		}
	}
	return false, errorAt(p.loaded.MethodPosition(t, "DeepCopy"), "%s.DeepCopy has the wrong signature: want func() %s or func() *%s", t.Name.Name, t.Name.Name, t.Name.Name)
}

func (p *planner) inBounds(pkg string) bool {
	for _, b := range p.bounds {
		if pkg == b || strings.HasPrefix(pkg, strings.TrimSuffix(b, "/")+"/") {
			return true
		}
	}
	return false
}

func (p *planner) noCopyError(t *types.Type) error {
	where := ""
	if pos := p.loaded.TypePosition(t); pos.IsValid() {
		where = " (declared at " + pos.String() + ")"
	}
	if p.inputs[t.Name.Package] {
		return fmt.Errorf("%s%s holds pointers, slices or maps but deepcopy-gen does not generate for it: tag it +%s=true or its package +%s=package", t, where, tagName, tagName)
	}
	return fmt.Errorf("%s%s holds pointers, slices or maps and has no DeepCopyInto method; add its package to the inputs or to --bounding-dirs", t, where)
}

func (p *planner) checkMapKey(t *types.Type) error {
	if !p.isShallow(t.Key) {
		return fmt.Errorf("map key type %s holds references; deep-copying such keys is not supported", t.Key)
	}
	return nil
}

// isShallow reports whether assigning a value of t copies it completely: no pointers, slices,
// maps, interfaces, funcs or channels anywhere inside.
func (p *planner) isShallow(t *types.Type) bool {
	if v, ok := p.shallow[t]; ok {
		return v
	}
	p.shallow[t] = false // a type reaching itself does so through a reference
	v := false
	switch t.Kind {
	case types.Builtin:
		v = true
	case types.Alias:
		v = p.isShallow(t.Underlying)
	case types.Array:
		v = p.isShallow(t.Elem)
	case types.Struct:
		v = true
		for _, m := range t.Members {
			if !p.isShallow(m.Type) {
				v = false
				break
			}
		}
	}
	p.shallow[t] = v
	return v
}

// generatable reports whether deepcopy-gen writes DeepCopyInto/DeepCopy for a named type of
// this kind: structs, arrays and named slices and maps. Named builtins need nothing; pointers,
// interfaces, funcs and channels get nothing; generic types are skipped.
func generatable(t *types.Type) bool {
	if len(t.TypeParams) > 0 || strings.Contains(t.Name.Name, "[") {
		return false
	}
	switch t.Kind {
	case types.Struct, types.Array:
		return true
	case types.Alias:
		return t.Underlying.Kind == types.Slice || t.Underlying.Kind == types.Map
	}
	return false
}

// interfaceCopier returns the method that deep-copies a value of interface type t: a method
// DeepCopy<Name> returning t (runtime.Object's DeepCopyObject is one), else DeepCopyObject.
func interfaceCopier(t *types.Type) (string, error) {
	name := t.Name.Name
	if m := t.Methods["DeepCopy"+name]; name != "" && m != nil && len(m.Signature.Parameters) == 0 && len(m.Signature.Results) == 1 && m.Signature.Results[0].Type == t {
		return "DeepCopy" + name, nil
	}
	if m := t.Methods["DeepCopyObject"]; m != nil && len(m.Signature.Parameters) == 0 && len(m.Signature.Results) == 1 {
		return "DeepCopyObject", nil
	}
	if name == "" || t.Name.Package == "" {
		return "", fmt.Errorf("values of the unnamed interface type %s cannot be deep-copied: use an interface with a DeepCopy<Name>() method, such as runtime.Object (DeepCopyObject)", t)
	}
	return "", fmt.Errorf("values of interface type %s cannot be deep-copied: %s has no DeepCopy%s() %s method (runtime.Object's is DeepCopyObject)", t, name, name, name)
}
