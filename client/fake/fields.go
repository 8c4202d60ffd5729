package fake

import (
	"errors"
	"fmt"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/managedfields"
	"sigs.k8s.io/structured-merge-diff/v6/typed"

	"github.com/kubegen/kubegen/client/rest"
)

// DefaultFieldManager is the manager name recorded in managedFields for writes without
// options.fieldManager: the one the apiserver derives from kubegen's default user agent, which is
// the program's name (see rest.DefaultUserAgent and rest.FieldManagerForUserAgent).
var DefaultFieldManager = rest.FieldManagerForUserAgent(rest.DefaultUserAgent())

// writeOpts are the options every write shares.
type writeOpts struct {
	dryRun  bool
	manager string // field manager of the write
	applied bool   // the object comes from a server-side apply: managedFields are already set
}

func newWriteOpts(dryRun []string, manager string) writeOpts {
	if manager == "" {
		manager = DefaultFieldManager
	}
	return writeOpts{dryRun: isDryRun(dryRun), manager: manager}
}

// fieldManagerKey identifies the field manager of a resource or of its status subresource.
type fieldManagerKey struct {
	resource    schema.GroupVersionResource
	subresource string
}

// fieldManagerLocked returns the field manager that tracks managedFields and merges applies for r,
// with r's type in the tracker's schema (see SetSchema). Callers hold t.mu.
func (t *Tracker) fieldManagerLocked(r *Resource, subresource string) (*managedfields.FieldManager, error) {
	k := fieldManagerKey{r.Resource, subresource}
	if fm, ok := t.fieldManagers[k]; ok {
		return fm, nil
	}
	if r.Kind.Empty() {
		return nil, fmt.Errorf("fake: the kind of %s is unknown; register it", r.Resource)
	}
	newObject := func() runtime.Object {
		if obj := t.newObject(r); obj != nil {
			return obj
		}
		return &unstructured.Unstructured{}
	}
	build := managedfields.NewDefaultFieldManager
	if r.CustomResource {
		build = managedfields.NewDefaultCRDFieldManager
	}
	fm, err := build(t.typeConverterLocked(r), sameVersion{newObject}, noDefaults{}, creater{newObject},
		r.Kind, r.Kind.GroupVersion(), subresource, nil)
	if err != nil {
		return nil, err
	}
	t.fieldManagers[k] = fm
	return fm, nil
}

// manageFields records in obj's managedFields that w.manager set the fields it changed from live.
func (t *Tracker) manageFields(r *Resource, subresource string, live, obj runtime.Object, w writeOpts) runtime.Object {
	if w.applied {
		return obj
	}
	fm, err := t.fieldManagerLocked(r, subresource)
	if err != nil {
		return obj
	}
	return fm.UpdateNoErrors(live, obj, w.manager)
}

// applyFields merges an apply patch into live as server-side apply does, with conflict detection.
func (t *Tracker) applyFields(r *Resource, subresource string, live runtime.Object, applied map[string]any, manager string, force bool) (runtime.Object, error) {
	fm, err := t.fieldManagerLocked(r, subresource)
	if err != nil {
		return nil, apierrors.NewBadRequest(err.Error())
	}
	out, err := fm.Apply(live, &unstructured.Unstructured{Object: applied}, manager, force)
	if err != nil {
		if apierrors.IsConflict(err) {
			return nil, err
		}
		return nil, unprocessable(err.Error())
	}
	return out, nil
}

// sameVersion converts between a resource's stored type and unstructured objects of the same version:
// the tracker stores each version on its own, so there is nothing else to convert.
type sameVersion struct{ newObject func() runtime.Object }

// ConvertToVersion returns a copy of in as the stored type.
func (c sameVersion) ConvertToVersion(in runtime.Object, _ runtime.GroupVersioner) (runtime.Object, error) {
	u, isUnstructured := in.(*unstructured.Unstructured)
	if !isUnstructured {
		return in.DeepCopyObject(), nil
	}
	out := c.newObject()
	if _, ok := out.(*unstructured.Unstructured); ok {
		return u.DeepCopy(), nil
	}
	if err := runtime.DefaultUnstructuredConverter.FromUnstructured(u.Object, out); err != nil {
		return nil, err
	}
	out.GetObjectKind().SetGroupVersionKind(u.GroupVersionKind())
	return out, nil
}

// Convert is not needed by the field manager.
func (sameVersion) Convert(in, out, context any) error {
	return errors.New("fake: object conversion is not supported")
}

// ConvertFieldLabel returns the label unchanged.
func (sameVersion) ConvertFieldLabel(_ schema.GroupVersionKind, label, value string) (string, string, error) {
	return label, value, nil
}

// noDefaults is the fake's defaulting: none.
type noDefaults struct{}

// Default leaves the object as it is.
func (noDefaults) Default(runtime.Object) {}

// creater makes empty objects of the resource's stored type.
type creater struct{ newObject func() runtime.Object }

// New returns an empty object of the stored type, whatever the kind asked for.
func (c creater) New(schema.GroupVersionKind) (runtime.Object, error) { return c.newObject(), nil }

// SetSchema gives the tracker the structured-merge-diff schema of its kinds, so that server-side
// apply merges and records managedFields as the apiserver does with the same schema: lists merge by
// key (containers by name), sets merge (finalizers), atomic lists and structs are owned whole. Each
// resource's type in it is Resource.SchemaType, else the OpenAPI name the scheme gives its kind
// (io.k8s.api.apps.v1.Deployment). Generated fake clientsets set the schema of their
// applyconfigurations/internal package; internal/codegen/smdschema builds one from Go types.
// Resources whose type the schema lacks, and every resource when no schema is set, get types
// deduced from the objects: maps merge key by key, lists are atomic.
func (t *Tracker) SetSchema(p *typed.Parser) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.schema = p
	clear(t.fieldManagers)
}

// typeConverterLocked returns the converter between r's objects and structured-merge-diff values:
// r's type in the schema when the schema has it, else types deduced from the objects.
func (t *Tracker) typeConverterLocked(r *Resource) managedfields.TypeConverter {
	if t.schema == nil {
		return managedfields.NewDeducedTypeConverter()
	}
	name := r.SchemaType
	if name == "" && t.scheme != nil && !r.Kind.Empty() {
		name, _ = t.scheme.ToOpenAPIDefinitionName(r.Kind)
	}
	if pt := t.schema.Type(name); name != "" && pt.IsValid() {
		return schemaConverter{pt}
	}
	return managedfields.NewDeducedTypeConverter()
}

// schemaConverter converts objects of one type of the schema.
type schemaConverter struct{ t typed.ParseableType }

// ObjectToTyped reads obj as a value of the type.
func (c schemaConverter) ObjectToTyped(obj runtime.Object, opts ...typed.ValidationOptions) (*typed.TypedValue, error) {
	if u, ok := obj.(*unstructured.Unstructured); ok {
		return c.t.FromUnstructured(u.Object, opts...)
	}
	return c.t.FromStructured(obj, opts...)
}

// TypedToObject returns the value as an unstructured object; sameVersion turns it into the stored type.
func (schemaConverter) TypedToObject(v *typed.TypedValue) (runtime.Object, error) {
	m, ok := v.AsValue().Unstructured().(map[string]any)
	if !ok {
		return nil, fmt.Errorf("fake: an applied object is not a JSON object but %T", v.AsValue().Unstructured())
	}
	return &unstructured.Unstructured{Object: m}, nil
}
