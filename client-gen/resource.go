package clientgen

import (
	"k8s.io/gengo/v2/generator"
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
	"apply":            "Apply(ctx $.context|raw$, $.Param$ *$.Type|raw$, opts $.applyOptions|raw$) (*$.Type|raw$, error)",
	"applyStatus":      "ApplyStatus(ctx $.context|raw$, $.Param$ *$.Type|raw$, opts $.applyOptions|raw$) (*$.Type|raw$, error)",
}

// methodDocs and methodSigs do the same for +genclient:method extras, by verb.
var methodDocs = map[string]string{
	"get":    "$.m.Name$ returns the $if .m.Subresource$$.m.Subresource$ of the $end$named $.k.Name$.",
	"create": "$.m.Name$ creates $if .m.Subresource$the $.m.Subresource$ of $end$the named $.k.Name$ from $.m.InputParam$ and returns the server's answer.",
	"update": "$.m.Name$ replaces $if .m.Subresource$the $.m.Subresource$ of $end$the named $.k.Name$ with $.m.InputParam$ and returns the server's copy.",
	"apply":  "$.m.Name$ applies $.m.InputParam$ to $if .m.Subresource$the $.m.Subresource$ of $end$the named $.k.Name$ by server-side apply and returns\n\t// the server's answer. $.m.InputParam$ must set its apiVersion and kind and only the fields you manage;\n\t// opts.FieldManager is required.",
}

var methodSigs = map[string]string{
	"get":    "$.m.Name$(ctx $.context|raw$, $.k.Param$Name string, opts $.getOptions|raw$) (*$.m.Result|raw$, error)",
	"create": "$.m.Name$(ctx $.context|raw$, $.k.Param$Name string, $.m.InputParam$ *$.m.Input|raw$, opts $.createOptions|raw$) (*$.m.Result|raw$, error)",
	"update": "$.m.Name$(ctx $.context|raw$, $.k.Param$Name string, $.m.InputParam$ *$.m.Input|raw$, opts $.updateOptions|raw$) (*$.m.Result|raw$, error)",
	"apply":  "$.m.Name$(ctx $.context|raw$, $.k.Param$Name string, $.m.InputParam$ *$.m.Input|raw$, opts $.applyOptions|raw$) (*$.m.Result|raw$, error)",
}

// methodCalls are the generic client calls behind each extra method.
var methodCalls = map[string]string{
	"get":    "GetSubresource(ctx, $.k.Param$Name, \"$.m.Subresource$\", &opts, result)",
	"create": "CreateSubresource(ctx, $.k.Param$Name, \"$.m.Subresource$\", $.m.InputParam$, &opts, result)",
	"update": "UpdateSubresource(ctx, $.k.Param$Name, \"$.m.Subresource$\", $.m.InputParam$, &opts, result)",
	"apply":  "ApplySubresource(ctx, $.k.Param$Name, \"$.m.Subresource$\", $.m.InputParam$, opts, result)",
}

// writeInterface writes <Kind>sGetter and <Kind>Interface.
func writeInterface(sw *generator.SnippetWriter, d kindData) {
	a := args("Name", d.Name, "Plural", d.Plural, "Namespaced", d.Namespaced, "Type", d.Type, "List", d.List,
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
		sw.Do("\t// "+methodDocs[m.Verb]+"\n\t"+methodSigs[m.Verb]+"\n", ma)
	}
	sw.Do("\n\t$.Name$Expansion\n}\n\n", a)
}

// writeResource writes the typed client of one kind: its interfaces and a thin implementation that
// embeds the generic client.
func writeResource(sw *generator.SnippetWriter, d kindData) {
	writeInterface(sw, d)
	a := args("k", d, "scheme", d.ParameterCodec)
	sw.Do(`// $.k.Impl$ implements $.k.Name$Interface with the generic typed client.
type $.k.Impl$ struct {
	*$.typedClient|raw$[*$.k.Type|raw$, *$.k.List|raw$]
}

func new$.k.Plural$(c *$.k.GV$Client$if .k.Namespaced$, namespace string$end$) *$.k.Impl$ {
	return &$.k.Impl${$.newTypedClient|raw$("$.k.Resource$", c.RESTClient(), $.scheme|raw$, $if .k.Namespaced$namespace$else$""$end$,
		func() *$.k.Type|raw$ { return &$.k.Type|raw${} },
		func() *$.k.List|raw$ { return &$.k.List|raw${} })}
}
`, a)
	writeMethods(sw, d, d.Impl)
}

// writeMethods implements the +genclient:method extras on recv, over the embedded generic client
// (typed or fake: they have the same methods).
func writeMethods(sw *generator.SnippetWriter, d kindData, recv string) {
	for _, m := range d.Methods {
		ma := args("k", d, "m", m, "recv", recv)
		sw.Do("\n// $.m.Name$ implements $.k.Name$Interface.\nfunc (c *$.recv$) "+methodSigs[m.Verb]+` {
	result := &$.m.Result|raw${}
	if err := c.`+methodCalls[m.Verb]+`; err != nil {
		return nil, err
	}
	return result, nil
}
`, ma)
	}
}
