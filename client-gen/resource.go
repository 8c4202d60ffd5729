package clientgen

import (
	"strings"

	"k8s.io/gengo/v2/generator"
	"k8s.io/gengo/v2/types"
)

// verbDocs document each standard verb in the generated interfaces; verbSigs are their signatures.
var verbDocs = map[string]string{
	"create":           "Create creates a $.Name$ and returns it as the server stored it.",
	"update":           "Update replaces a $.Name$ and returns the server's copy.$if .StatusSub$ Its status is left as it is: use UpdateStatus.$end$",
	"updateStatus":     "UpdateStatus replaces only the status of a $.Name$ and returns the server's copy.",
	"delete":           "Delete deletes the $.Name$ with the given name.",
	"deleteCollection": "DeleteCollection deletes every $.Name$ that listOpts selects.",
	"get":              "Get returns the $.Name$ with the given name.",
	"list":             "List returns the $.Plural$ that opts selects (labels, fields, pages).",
	"watch":            "Watch streams changes to the $.Plural$ that opts selects, from opts.ResourceVersion on.",
	"patch":            "Patch applies a patch of type pt to the named $.Name$, or to its subresources, and returns the result.",
	"apply":            "Apply creates or updates a $.Name$ by server-side apply: opts.FieldManager is required, opts.Force takes\n// over fields other managers own.",
	"applyStatus":      "ApplyStatus is Apply for the status of a $.Name$.",
}

var verbSigs = map[string]string{
	"create":           "Create(ctx $.context|raw$, $.Param$ *$.Type|raw$, opts $.createOptions|raw$) (*$.Type|raw$, error)",
	"update":           "Update(ctx $.context|raw$, $.Param$ *$.Type|raw$, opts $.updateOptions|raw$) (*$.Type|raw$, error)",
	"updateStatus":     "UpdateStatus(ctx $.context|raw$, $.Param$ *$.Type|raw$, opts $.updateOptions|raw$) (*$.Type|raw$, error)",
	"delete":           "Delete(ctx $.context|raw$, name string, opts $.deleteOptions|raw$) error",
	"deleteCollection": "DeleteCollection(ctx $.context|raw$, opts $.deleteOptions|raw$, listOpts $.listOptions|raw$) error",
	"get":              "Get(ctx $.context|raw$, name string, opts $.getOptions|raw$) (*$.Type|raw$, error)",
	"list":             "List(ctx $.context|raw$, opts $.listOptions|raw$) (*$.List|raw$, error)",
	"watch":            "Watch(ctx $.context|raw$, opts $.listOptions|raw$) ($.watchInterface|raw$, error)",
	"patch":            "Patch(ctx $.context|raw$, name string, pt $.patchType|raw$, data []byte, opts $.patchOptions|raw$, subresources ...string) (*$.Type|raw$, error)",
	"apply":            "Apply(ctx $.context|raw$, $.Param$ *$if .ApplyConfig$$.ApplyConfig|raw$$else$$.Type|raw$$end$, opts $.applyOptions|raw$) (*$.Type|raw$, error)",
	"applyStatus":      "ApplyStatus(ctx $.context|raw$, $.Param$ *$if .ApplyConfig$$.ApplyConfig|raw$$else$$.Type|raw$$end$, opts $.applyOptions|raw$) (*$.Type|raw$, error)",
}

// methodDocs document the +genclient:method extras by verb.
var methodDocs = map[string]string{
	"get":              "$.m.Name$ returns the $if .m.Subresource$$.m.Subresource$ of the $end$named $.k.Name$.",
	"list":             "$.m.Name$ returns the $if .m.Subresource$$.m.Subresource$ of the named $.k.Name$$else$$.k.Plural$ that opts selects$end$.",
	"watch":            "$.m.Name$ streams changes to the $.k.Plural$ that opts selects.",
	"create":           "$.m.Name$ creates $if .m.Subresource$the $.m.Subresource$ of the named $.k.Name$ from $.m.InputParam$$else$$.m.InputParam$$end$ and returns the server's answer.",
	"update":           "$.m.Name$ replaces $if .m.Subresource$the $.m.Subresource$ of the named $.k.Name$$else$the object named by $.m.InputParam$$end$ with $.m.InputParam$ and returns the server's copy.",
	"patch":            "$.m.Name$ patches the named $.k.Name$, or the subresource named by subresources, and returns the server's answer.",
	"apply":            "$.m.Name$ applies $.m.InputParam$ to $if .m.Subresource$the $.m.Subresource$ of the named $.k.Name$$else$the object it names$end$ by server-side apply and returns\n\t// the server's answer. $.m.InputParam$ must set its apiVersion and kind and only the fields you manage;\n\t// opts.FieldManager is required.",
	"delete":           "$.m.Name$ deletes the $.k.Name$ with the given name.",
	"deleteCollection": "$.m.Name$ deletes every $.k.Name$ that listOpts selects.",
}

// methodSig is the signature of a +genclient:method extra: code-generator's for each verb, with
// and without a subresource (the object's name comes first when there is one).
func methodSig(m methodData) string {
	name := ""
	if m.Subresource != "" {
		name = "$.k.Param$Name string, "
	}
	switch m.Verb {
	case "get":
		if m.Subresource == "" {
			name = "name string, "
		}
		return "$.m.Name$(ctx $.context|raw$, " + name + "opts $.getOptions|raw$) (*$.m.Result|raw$, error)"
	case "list":
		return "$.m.Name$(ctx $.context|raw$, " + name + "opts $.listOptions|raw$) (*$.m.ResultList|raw$, error)"
	case "watch":
		return "$.m.Name$(ctx $.context|raw$, opts $.listOptions|raw$) ($.watchInterface|raw$, error)"
	case "create":
		return "$.m.Name$(ctx $.context|raw$, " + name + "$.m.InputParam$ *$.m.Input|raw$, opts $.createOptions|raw$) (*$.m.Result|raw$, error)"
	case "update":
		return "$.m.Name$(ctx $.context|raw$, " + name + "$.m.InputParam$ *$.m.Input|raw$, opts $.updateOptions|raw$) (*$.m.Result|raw$, error)"
	case "patch":
		return "$.m.Name$(ctx $.context|raw$, name string, pt $.patchType|raw$, data []byte, opts $.patchOptions|raw$, subresources ...string) (*$.m.Result|raw$, error)"
	case "apply":
		return "$.m.Name$(ctx $.context|raw$, " + name + "$.m.InputParam$ *$if .m.InputConfig$$.m.InputConfig|raw$$else$$.m.Input|raw$$end$, opts $.applyOptions|raw$) (*$.m.Result|raw$, error)"
	case "delete":
		return "$.m.Name$(ctx $.context|raw$, name string, opts $.deleteOptions|raw$) error"
	default: // deleteCollection
		return "$.m.Name$(ctx $.context|raw$, opts $.deleteOptions|raw$, listOpts $.listOptions|raw$) error"
	}
}

// methodBody implements a +genclient:method extra over the client embedded as field (the typed
// package's typed.ResourceClient or the fake's generic fake.Client: they have the same subresource
// methods), named explicitly so that a user's method called like one of its helpers
// (GetSubresource, ...) does not shadow it.
func methodBody(m methodData, field string) string {
	obj, sub := "$.k.Param$Name", `"$.m.Subresource$"`
	if m.Subresource == "" {
		obj, sub = `""`, `""`
	}
	var call string
	switch m.Verb {
	case "get":
		if m.Subresource == "" {
			obj = "name"
		}
		call = "GetSubresource(ctx, " + obj + ", " + sub + ", &opts, result)"
	case "list":
		call = "ListSubresource(ctx, " + obj + ", " + sub + ", opts, result)"
	case "create":
		call = "CreateSubresource(ctx, " + obj + ", " + sub + ", $.m.InputParam$, &opts, result)"
	case "update":
		if m.Subresource == "" {
			obj = "$.nameOf|raw$($.m.InputParam$)"
		}
		call = "UpdateSubresource(ctx, " + obj + ", " + sub + ", $.m.InputParam$, &opts, result)"
	case "patch":
		call = "PatchSubresource(ctx, name, pt, data, opts, result, subresources...)"
	case "apply":
		if m.Subresource == "" {
			obj = "$.nameOf|raw$($.m.InputParam$)"
		}
		call = "ApplySubresource(ctx, " + obj + ", " + sub + ", $.m.InputParam$, opts, result)"
		if m.InputConfig != nil {
			call = "ApplySubresourceConfiguration(ctx, " + obj + ", " + sub + ", $.m.InputParam$, opts, result)"
		}
	case "watch":
		return "\treturn c." + field + ".Watch(ctx, opts)\n"
	case "delete":
		return "\treturn c." + field + ".Delete(ctx, name, opts)\n"
	case "deleteCollection":
		return "\treturn c." + field + ".DeleteCollection(ctx, opts, listOpts)\n"
	}
	result := "$.m.Result|raw$"
	if m.Verb == "list" {
		result = "$.m.ResultList|raw$"
	}
	return "\tresult := &" + result + "{}\n\tif err := c." + field + "." + call + "; err != nil {\n\t\treturn nil, err\n\t}\n\treturn result, nil\n"
}

// writeInterface writes <Kind>sGetter and <Kind>Interface.
func writeInterface(sw *generator.SnippetWriter, d kindData) {
	a := args("Name", d.Name, "Plural", d.Plural, "Namespaced", d.Namespaced, "Type", d.Type, "List", d.List, "ApplyConfig", d.ApplyConfig,
		"Param", d.Param, "StatusSub", d.StatusSub, "gv", d.Group+"/"+d.Version, "Resource", d.Resource)
	sw.Do(`// $.Plural$Getter returns the client of $.Plural$.
type $.Plural$Getter interface {
	$.Plural$($if .Namespaced$namespace string$end$) $.Name$Interface
}

// $.Name$Interface reads and writes $.Plural$ ($if .Namespaced$namespaced$else$cluster-scoped$end$ resource "$.Resource$").
type $.Name$Interface interface {
`, a)
	for _, verb := range d.Verbs {
		sw.Do("\t// "+verbDocs[verb]+"\n\t"+verbSigs[verb]+"\n", a)
	}
	for _, m := range d.Methods {
		ma := args("k", d, "m", m)
		sw.Do("\t// "+methodDocs[m.Verb]+"\n\t"+methodSig(m)+"\n", ma)
	}
	sw.Do("\n\t$.Name$Expansion\n}\n\n", a)
}

// verbBodies implement the standard verbs on a typed client over its embedded typed.ResourceClient,
// which sends the request: each makes the empty result, which is returned with the error too (an
// empty object, as the generic typed.Client returns). Watch, Delete and DeleteCollection are
// ResourceClient's own, promoted. The methods are written out rather than promoted from an embedded
// generic client because each method of an instantiated generic type, and each promotion of it,
// compiles to a function of its own in every typed package.
var verbBodies = map[string]string{
	"create":       "result := &$.Type|raw${}\n\treturn result, c.ResourceClient.Create(ctx, $.Param$, opts, result)",
	"update":       "result := &$.Type|raw${}\n\treturn result, c.ResourceClient.Update(ctx, $.Param$, opts, result)",
	"updateStatus": "result := &$.Type|raw${}\n\treturn result, c.ResourceClient.Update(ctx, $.Param$, opts, result, \"status\")",
	"get":          "result := &$.Type|raw${}\n\treturn result, c.ResourceClient.Get(ctx, name, opts, result)",
	"list":         "result := &$.List|raw${}\n\treturn result, c.ResourceClient.List(ctx, opts, result)",
	"patch":        "result := &$.Type|raw${}\n\treturn result, c.ResourceClient.PatchSubresource(ctx, name, pt, data, opts, result, subresources...)",
	"apply":        "result := &$.Type|raw${}\n\treturn result, c.ResourceClient.$if .ApplyConfig$ApplyConfiguration$else$Apply$end$(ctx, $.Param$, opts, result)",
	"applyStatus":  "result := &$.Type|raw${}\n\treturn result, c.ResourceClient.$if .ApplyConfig$ApplyConfiguration$else$Apply$end$(ctx, $.Param$, opts, result, \"status\")",
}

// writeResource writes the typed client of one kind: its interfaces and an implementation over an
// embedded typed.ResourceClient, one short method per verb.
func writeResource(sw *generator.SnippetWriter, d kindData) {
	writeInterface(sw, d)
	a := args("k", d, "scheme", d.ParameterCodec, "resourceClient", types.Ref(typedPkg, "ResourceClient"),
		"newResourceClient", types.Ref(typedPkg, "NewResourceClient"))
	sw.Do(`// $.k.Impl$ implements $.k.Name$Interface over typed.ResourceClient, which sends the requests.
type $.k.Impl$ struct {
	$.resourceClient|raw$
}

func new$.k.Plural$(c *$.k.GV$Client$if .k.Namespaced$, namespace string$end$) *$.k.Impl$ {
	return &$.k.Impl${$.newResourceClient|raw$("$.k.Resource$", c.RESTClient(), $.scheme|raw$(), $if .k.Namespaced$namespace$else$""$end$)}
}
`, a)
	va := args("Name", d.Name, "Type", d.Type, "List", d.List, "ApplyConfig", d.ApplyConfig, "Param", d.Param, "Impl", d.Impl)
	for _, verb := range d.Verbs {
		body, ok := verbBodies[verb]
		if !ok {
			continue // promoted from ResourceClient
		}
		sw.Do("\n// "+verbSigs[verb][:strings.Index(verbSigs[verb], "(")]+" implements $.Name$Interface.\nfunc (c *$.Impl$) "+verbSigs[verb]+" {\n\t"+body+"\n}\n", va)
	}
	writeMethods(sw, d, d.Impl, "ResourceClient")
}

// writeMethods implements the +genclient:method extras on recv, over its embedded client field
// (typed or fake: they have the same subresource methods).
func writeMethods(sw *generator.SnippetWriter, d kindData, recv, field string) {
	for _, m := range d.Methods {
		ma := args("k", d, "m", m, "recv", recv, "nameOf", types.Ref(typedPkg, "NameOf"))
		sw.Do("\n// $.m.Name$ implements $.k.Name$Interface.\nfunc (c *$.recv$) "+methodSig(m)+" {\n"+methodBody(m, field)+"}\n", ma)
	}
}
