package clientgen

import (
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"k8s.io/gengo/v2/generator"
	"k8s.io/gengo/v2/types"

	"github.com/kubegen/kubegen/internal/codegen/gofile"
	"github.com/kubegen/kubegen/internal/codegen/model"
)

// This file writes one runnable example per typed client package: example_test.go, in the external
// test package (v1_test), so that it can import both the typed package and the fake clientset. The
// example runs one kind of the package through the fake clientset and checks its output.
//
// Which kind: among the kinds with a create verb, the one with the highest score, the first by name
// on a tie. get, list and watch together score 4, a status that UpdateStatus can set 2, a namespaced
// kind 1. A package with no creatable kind, or a run without fakes, gets no example. A version the
// clientset does not hold is served by its fake typed client over the clientset's tracker.

// exampleFile is the name of the generated example in each typed package.
const exampleFile = "example_test.go"

// exampleTargets returns the example targets of every typed package, or none when examples or
// fakes are turned off.
func (l layout) exampleTargets(api *model.API, clientset []*model.Version, header []byte) []generator.Target {
	if !l.args.Examples || !l.args.FakeClientset {
		return nil
	}
	var out []generator.Target
	for _, g := range api.Groups {
		for _, v := range g.Versions {
			if t := l.exampleTarget(v, clientsetHolds(clientset, v), header); t != nil {
				out = append(out, t)
			}
		}
	}
	return out
}

// clientsetHolds tells whether the clientset's versions hold v, or else another version of v's
// group.
func clientsetHolds(clientset []*model.Version, v *model.Version) (holds exampleHolds) {
	for _, c := range clientset {
		if c == v {
			return holdsVersion
		}
		if c.Group.Name == v.Group.Name {
			holds = holdsGroup
		}
	}
	return holds
}

// exampleHolds is what the clientset holds of an example's group.
type exampleHolds int

const (
	holdsNothing exampleHolds = iota // no version of the group
	holdsGroup                       // another version of the group
	holdsVersion                     // the example's version
)

// exampleTarget is the example of one typed package, or nil when it gets none (no creatable kind,
// or a hand-written example_test.go in its place).
func (l layout) exampleTarget(v *model.Version, holds exampleHolds, header []byte) generator.Target {
	k := exampleKind(v)
	dir := l.typedDir(v)
	if k == nil || handWrittenExample(filepath.Join(dir, exampleFile)) {
		return nil
	}
	// The file's own package is the external test package, so the typed package is imported by name.
	pkg := l.typedPkg(v) + "_test"
	d := l.exampleData(k, holds)
	return &generator.SimpleTarget{
		PkgName:       v.Name + "_test",
		PkgPath:       pkg,
		PkgDir:        dir,
		HeaderComment: header,
		FilterFunc:    func(*generator.Context, *types.Type) bool { return false },
		GeneratorsFunc: func(*generator.Context) []generator.Generator {
			return []generator.Generator{gofile.New(exampleFile, pkg, func(sw *generator.SnippetWriter) {
				sw.Do(exampleTemplate, args("x", d, "k", d.K))
			}).Prefer(v.Package.Path, l.typedPkg(v))}
		},
	}
}

// handWrittenExample tells whether path is an example file that client-gen did not write.
func handWrittenExample(path string) bool {
	content, err := os.ReadFile(path)
	return err == nil && !strings.Contains(string(content), "DO NOT EDIT.")
}

// exampleKind picks the kind the example of v shows; nil when no kind can be created.
func exampleKind(v *model.Version) *model.Kind {
	var best *model.Kind
	bestScore := -1
	for _, k := range v.Kinds { // sorted by name: the first wins a tie
		if !k.Has("create") {
			continue
		}
		if s := exampleScore(k); s > bestScore {
			best, bestScore = k, s
		}
	}
	return best
}

func exampleScore(k *model.Kind) int {
	s := 0
	if canRead(k) {
		s += 4
	}
	if _, ok := statusToSet(k); ok && canRead(k) {
		s += 2
	}
	if k.Namespaced {
		s++
	}
	return s
}

// canRead tells whether the example can get, list (through Items) and watch the kind.
func canRead(k *model.Kind) bool {
	return k.Has("get") && k.Has("list") && k.Has("watch") && k.List != nil && hasField(k.List, "Items")
}

func hasField(t *types.Type, name string) bool {
	for _, m := range t.Members {
		if m.Name == name && !m.Embedded {
			return true
		}
	}
	return false
}

// statusSetting is the status field the example changes with UpdateStatus.
type statusSetting struct {
	Path  string      // selector from the object: "Status.Replicas", or "Status"
	Value string      // Go literal to assign, when Const is nil
	Const *types.Type // a constant of the field's type to assign (corev1.NamespaceActive)
}

// statusToSet finds the field UpdateStatus sets in the example: Status itself when it is a
// string, bool or number, else its first exported field that is one. Named string types take their
// first constant (by name) declared in the kind's package.
func statusToSet(k *model.Kind) (statusSetting, bool) {
	if !k.Has("updateStatus") {
		return statusSetting{}, false
	}
	var status *types.Type
	for _, m := range k.Type.Members {
		if m.Name == "Status" && !m.Embedded {
			status = m.Type
		}
	}
	if status == nil {
		return statusSetting{}, false
	}
	if s, ok := settable(k.Version.Package, "Status", status); ok {
		return s, true
	}
	if status.Kind != types.Struct {
		return statusSetting{}, false
	}
	for _, m := range status.Members {
		if m.Embedded || !token.IsExported(m.Name) {
			continue
		}
		if s, ok := settable(k.Version.Package, "Status."+m.Name, m.Type); ok {
			return s, true
		}
	}
	return statusSetting{}, false
}

func settable(pkg *types.Package, path string, t *types.Type) (statusSetting, bool) {
	base := t
	if base.Kind == types.Alias && base.Underlying != nil {
		base = base.Underlying
	}
	if base.Kind != types.Builtin {
		return statusSetting{}, false
	}
	switch name := base.Name.Name; {
	case name == "string":
		if c := firstConstant(pkg, t); c != nil {
			return statusSetting{Path: path, Const: c}, true
		}
		return statusSetting{Path: path, Value: `"Ready"`}, true
	case name == "bool":
		return statusSetting{Path: path, Value: "true"}, true
	case strings.HasPrefix(name, "int") || strings.HasPrefix(name, "uint"):
		return statusSetting{Path: path, Value: "3"}, true
	}
	return statusSetting{}, false
}

// firstConstant returns the constant of named type t declared in pkg that comes first by name.
func firstConstant(pkg *types.Package, t *types.Type) *types.Type {
	if t.Kind != types.Alias || pkg == nil {
		return nil
	}
	var names []string
	for name, c := range pkg.Constants {
		if c.Underlying != nil && c.Underlying.Name == t.Name && c.ConstValue != nil && *c.ConstValue != "" && token.IsExported(name) {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return nil
	}
	slices.Sort(names)
	return pkg.Constants[names[0]]
}

// exampleData is what the example template needs.
type exampleData struct {
	K           kindData
	Func        string // ExampleDeploymentInterface
	Var, Obj    string // deployments, deployment
	GVString    string // apps/v1
	InClientset bool   // the clientset holds the example's version
	GroupHeld   bool   // else, it holds another version of the group
	Read        bool   // get, list, watch
	Status      *statusSetting
	Update      bool // no status to set: show Update (a label) instead
	Iface       *types.Type
	FakeGroup   *types.Type
	Sym         generator.Args
}

func (l layout) exampleData(k *model.Kind, holds exampleHolds) exampleData {
	kd := l.kindData(k)
	d := exampleData{
		K:           kd,
		Func:        "Example" + k.Name + "Interface",
		Var:         exampleLocal(kd.Impl, "Client"),
		Obj:         exampleLocal(kd.Param, "Obj"),
		GVString:    k.Version.String(),
		InClientset: holds == holdsVersion,
		GroupHeld:   holds == holdsGroup,
		Read:        canRead(k),
		Iface:       types.Ref(l.typedPkg(k.Version), k.Name+"Interface"),
		FakeGroup:   types.Ref(l.fakeTypedPkg(k.Version), "Fake"+k.Version.GroupVersionGoName()),
		Sym: args(
			"newClientset", types.Ref(l.fakeClientsetPkg(), "NewClientset"),
			"objectMeta", types.Ref(metav1Pkg, "ObjectMeta"),
			"background", types.Ref("context", "Background"),
			"withTimeout", types.Ref("context", "WithTimeout"),
			"minute", types.Ref("time", "Minute"),
			"println", types.Ref("fmt", "Println"),
		),
	}
	if d.Var == d.Obj { // Endpoints
		d.Var += "Client"
	}
	if s, ok := statusToSet(k); ok && d.Read {
		d.Status = &s
	} else {
		d.Update = d.Read && k.Has("update")
	}
	return d
}

// exampleLocals are the names the example declares itself.
var exampleLocals = map[string]bool{
	"ctx": true, "cancel": true, "clientset": true, "err": true, "watcher": true, "change": true,
	"list": true, "item": true, "name": true, "object": true, "created": true, "ok": true,
}

// exampleLocal is name, or name+suffix when the example already uses name.
func exampleLocal(name, suffix string) string {
	if exampleLocals[name] {
		return name + suffix
	}
	return name
}

// OutputLines are the lines the example prints, for its // Output: comment.
func (d exampleData) OutputLines() []string {
	if !d.Read {
		return []string{"created: demo"}
	}
	out := []string{"created: demo", "created: other", "got: demo", "listed: demo"}
	events := []string{"watched: ADDED demo"}
	switch {
	case d.Status != nil:
		out = append(out, d.Status.Path+": "+d.Status.printed())
		events = append(events, "watched: MODIFIED demo")
	case d.Update:
		out = append(out, "labels: map[app:demo tier:web]")
		events = append(events, "watched: MODIFIED demo")
	}
	return append(out, events...)
}

// printed is how fmt.Println shows the value the example sets.
func (s statusSetting) printed() string {
	if s.Const != nil {
		return strings.Trim(*s.Const.ConstValue, `"`)
	}
	return strings.Trim(s.Value, `"`)
}

// Steps lists what the example does, for its doc comment.
func (d exampleData) Steps() string {
	switch {
	case !d.Read:
		return "create"
	case d.Status != nil:
		return "create, get, list with a label selector, watch and update the status"
	case d.Update:
		return "create, get, list with a label selector, watch and update"
	}
	return "create, get, list with a label selector and watch"
}

// Events is how many watch events the example reads.
func (d exampleData) Events() int {
	if d.Status != nil || d.Update {
		return 2
	}
	return 1
}

const exampleTemplate = `// $.x.Func$ shows the $.x.GVString$ client of $.k.Plural$:
// $.x.Steps$.
// The fake clientset serves it here, an API server held in memory with resource versions,
// selectors, watches and the status subresource; against a cluster, the same calls go through
$- if .x.InClientset$ the
// clientset that NewForConfig returns.
$- else$ the
// client that this package's NewForConfig returns.
$- end$
func $.x.Func$() {
	ctx, cancel := $.x.Sym.withTimeout|raw$($.x.Sym.background|raw$(), $.x.Sym.minute|raw$)
	defer cancel()
	clientset := $.x.Sym.newClientset|raw$()
$- if .x.InClientset$
	var $.x.Var$ $.x.Iface|raw$ = clientset.$.k.GV$().$.k.Plural$($if .k.Namespaced$"default"$end$)
$- else$
$- if .x.GroupHeld$
	// The clientset holds another version of this group, so the fake typed client of
	// $.x.GVString$ is built over the clientset's object tracker.
$- else$
	// The clientset holds no version of this group, so the fake typed client of
	// $.x.GVString$ is built over the clientset's object tracker.
$- end$
	var $.x.Var$ $.x.Iface|raw$ = (&$.x.FakeGroup|raw${Tracker: clientset.Tracker()}).$.k.Plural$($if .k.Namespaced$"default"$end$)
$- end$
$if .x.Read$
	// Watch the $.k.Plural$ labelled app=demo, from now on.
	watcher, err := $.x.Var$.Watch(ctx, $.listOptions|raw${LabelSelector: "app=demo"})
	if err != nil {
		$.x.Sym.println|raw$(err)
		return
	}
	defer watcher.Stop()

	// Create two $.k.Plural$, labelled app=demo and app=other.
	for _, name := range []string{"demo", "other"} {
		object := &$.k.Type|raw${ObjectMeta: $.x.Sym.objectMeta|raw${Name: name, Labels: map[string]string{"app": name}}}
		created, err := $.x.Var$.Create(ctx, object, $.createOptions|raw${})
		if err != nil {
			$.x.Sym.println|raw$(err)
			return
		}
		$.x.Sym.println|raw$("created:", created.Name)
	}

	// Get one back by name.
	$.x.Obj$, err := $.x.Var$.Get(ctx, "demo", $.getOptions|raw${})
	if err != nil {
		$.x.Sym.println|raw$(err)
		return
	}
	$.x.Sym.println|raw$("got:", $.x.Obj$.Name)

	// List only those labelled app=demo.
	list, err := $.x.Var$.List(ctx, $.listOptions|raw${LabelSelector: "app=demo"})
	if err != nil {
		$.x.Sym.println|raw$(err)
		return
	}
	for _, item := range list.Items {
		$.x.Sym.println|raw$("listed:", item.Name)
	}
$- if .x.Status$

	// The status has its own subresource: UpdateStatus writes the status and nothing else (and
	// Update leaves the status alone).
	$.x.Obj$.$.x.Status.Path$ = $if .x.Status.Const$$.x.Status.Const|raw$$else$$.x.Status.Value$$end$
	$.x.Obj$, err = $.x.Var$.UpdateStatus(ctx, $.x.Obj$, $.updateOptions|raw${})
	if err != nil {
		$.x.Sym.println|raw$(err)
		return
	}
	$.x.Sym.println|raw$("$.x.Status.Path$:", $.x.Obj$.$.x.Status.Path$)
$- else if .x.Update$

	// Update replaces the object; here it gains a label.
	$.x.Obj$.Labels["tier"] = "web"
	$.x.Obj$, err = $.x.Var$.Update(ctx, $.x.Obj$, $.updateOptions|raw${})
	if err != nil {
		$.x.Sym.println|raw$(err)
		return
	}
	$.x.Sym.println|raw$("labels:", $.x.Obj$.Labels)
$- end$

	// The watch saw only the $.k.Name$ labelled app=demo$if gt .x.Events 1$, created and then changed$end$.
	for range $.x.Events$ {
		change, ok := <-watcher.ResultChan()
		if !ok {
			$.x.Sym.println|raw$("the watch ended early")
			return
		}
		if object, ok := change.Object.(*$.k.Type|raw$); ok {
			$.x.Sym.println|raw$("watched:", change.Type, object.Name)
		}
	}
$- else$

	// Create sends a $.k.Name$; the server answers with the object it made of it.
	created, err := $.x.Var$.Create(ctx, &$.k.Type|raw${ObjectMeta: $.x.Sym.objectMeta|raw${Name: "demo"}}, $.createOptions|raw${})
	if err != nil {
		$.x.Sym.println|raw$(err)
		return
	}
	$.x.Sym.println|raw$("created:", created.Name)
$- end$

	// Output:
$- range .x.OutputLines$
	// $.$
$- end$
}
`
