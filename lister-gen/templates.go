package listergen

import (
	"k8s.io/gengo/v2/generator"

	"github.com/kubegen/kubegen/internal/codegen/gofile"
	"github.com/kubegen/kubegen/internal/codegen/model"
)

func packageDoc(v *model.Version) string {
	return "Package " + v.Name + " has the listers of the " + v.String() + ` API: they read the objects an
informer has cached, without calling the server. Listers return the cached objects themselves:
never mutate them (DeepCopy first).`
}

func writeExpansions(sw *generator.SnippetWriter, dir string, kinds []*model.Kind) {
	for _, k := range kinds {
		d := newKindData(k)
		if gofile.HasExpansion(dir, d.Lower) {
			continue
		}
		sw.Do(`// $.Name$ListerExpansion holds hand-written methods of $.Name$Lister: to add some, declare this
// interface in a file named $.Lower$_expansion.go and implement them on $.Impl$.
type $.Name$ListerExpansion interface{}

`, d)
		if k.Namespaced {
			sw.Do(`// $.Name$NamespaceListerExpansion holds hand-written methods of $.Name$NamespaceLister: declare
// it in $.Lower$_expansion.go and implement them on $.NSImpl$.
type $.Name$NamespaceListerExpansion interface{}

`, d)
		}
	}
}

func writeLister(sw *generator.SnippetWriter, d kindData) {
	if d.Namespaced {
		writeNamespacedLister(sw, d)
		return
	}
	sw.Do(`// $.Name$Lister reads cluster-scoped $.Plural$ ("$.Resource$") from an informer's cache. It returns
// the cached objects: never mutate them.
type $.Name$Lister interface {
	// List returns the $.Plural$ whose labels match selector; nil matches all.
	List(selector $.Selector|raw$) ([]*$.Type|raw$, error)
	// Get returns the $.Name$ called name, or a NotFound error.
	Get(name string) (*$.Type|raw$, error)
	$.Name$ListerExpansion
}

// $.Impl$ implements $.Name$Lister with the generic cache lister.
type $.Impl$ struct {
	*$.Lister|raw$[*$.Type|raw$]
}

// New$.Name$Lister returns a $.Name$Lister over a cache of $.Plural$, such as an informer's
// GetIndexer(); over an informer's cache it reads the typed objects without conversion.
func New$.Name$Lister(indexer $.Indexer|raw$) $.Name$Lister {
	return &$.Impl${$.NewLister|raw$($.ReaderOf|raw$[*$.Type|raw$](indexer), $.GR|raw${Group: "$.Group$", Resource: "$.Resource$"})}
}
`, d)
}

func writeNamespacedLister(sw *generator.SnippetWriter, d kindData) {
	sw.Do(`// $.Name$Lister reads $.Plural$ ("$.Resource$") from an informer's cache, in all namespaces or one.
// It returns the cached objects: never mutate them.
type $.Name$Lister interface {
	// List returns the $.Plural$ of all namespaces whose labels match selector; nil matches all.
	List(selector $.Selector|raw$) ([]*$.Type|raw$, error)
	// $.Plural$ returns a lister of the $.Plural$ in namespace.
	$.Plural$(namespace string) $.Name$NamespaceLister
	$.Name$ListerExpansion
}

// $.Impl$ implements $.Name$Lister with the generic cache lister.
type $.Impl$ struct {
	*$.Lister|raw$[*$.Type|raw$]
}

// New$.Name$Lister returns a $.Name$Lister over a cache of $.Plural$, such as an informer's
// GetIndexer(); over an informer's cache it reads the typed objects without conversion.
func New$.Name$Lister(indexer $.Indexer|raw$) $.Name$Lister {
	return &$.Impl${$.NewLister|raw$($.ReaderOf|raw$[*$.Type|raw$](indexer), $.GR|raw${Group: "$.Group$", Resource: "$.Resource$"})}
}

// $.Plural$ implements $.Name$Lister.
func (l *$.Impl$) $.Plural$(namespace string) $.Name$NamespaceLister {
	return &$.NSImpl${l.Namespace(namespace)}
}

// $.Name$NamespaceLister reads the $.Plural$ of one namespace from an informer's cache.
type $.Name$NamespaceLister interface {
	// List returns the $.Plural$ of the namespace whose labels match selector; nil matches all.
	List(selector $.Selector|raw$) ([]*$.Type|raw$, error)
	// Get returns the $.Name$ called name in the namespace, or a NotFound error.
	Get(name string) (*$.Type|raw$, error)
	$.Name$NamespaceListerExpansion
}

// $.NSImpl$ implements $.Name$NamespaceLister with the generic cache lister.
type $.NSImpl$ struct {
	$.NSLister|raw$[*$.Type|raw$]
}
`, d)
}
