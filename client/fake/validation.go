package fake

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/api/validation/path"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// nameRules are the resources whose names follow a rule other than a DNS-1123 subdomain, the
// apiserver's rule for most kinds and for custom resources.
var nameRules = map[schema.GroupResource]apivalidation.ValidateNameFunc{
	{Resource: "namespaces"}:                                              apivalidation.NameIsDNSLabel,
	{Resource: "services"}:                                                apivalidation.NameIsDNSLabel,
	{Group: "rbac.authorization.k8s.io", Resource: "roles"}:               path.ValidatePathSegmentName,
	{Group: "rbac.authorization.k8s.io", Resource: "clusterroles"}:        path.ValidatePathSegmentName,
	{Group: "rbac.authorization.k8s.io", Resource: "rolebindings"}:        path.ValidatePathSegmentName,
	{Group: "rbac.authorization.k8s.io", Resource: "clusterrolebindings"}: path.ValidatePathSegmentName,
}

func nameRule(r *Resource) apivalidation.ValidateNameFunc {
	if f, ok := nameRules[r.Resource.GroupResource()]; ok {
		return f
	}
	return apivalidation.NameIsDNSSubdomain
}

// standardFinalizers are the finalizer names built-in kinds accept without a domain.
var standardFinalizers = map[string]bool{
	"kubernetes": true, metav1.FinalizerOrphanDependents: true, metav1.FinalizerDeleteDependents: true,
}

// validateMeta checks an object on create (old nil) or update as the apiserver does: the per-kind
// rules of the kinds in strategies (with SetKindValidation), and the metadata of every kind: name (by the resource's rule), generateName, labels, annotations, owner references,
// finalizers, managedFields, and on update the immutable fields and no new finalizers while
// deleting. Errors are Invalid, naming the kind and the fields.
func (t *Tracker) validateMeta(r *Resource, obj, old runtime.Object, subresource string) error {
	m, err := meta.Accessor(obj)
	if err != nil {
		return nil
	}
	fld := field.NewPath("metadata")
	errs := apivalidation.ValidateObjectMetaAccessor(m, !r.ClusterScoped, nameRule(r), fld)
	if old != nil {
		om, _ := meta.Accessor(old)
		// The apiserver fills the resourceVersion of unconditional updates before it validates.
		// An object added as given (AddAsGiven) has none, and updates of it are unconditional.
		if m.GetResourceVersion() == "" {
			rv := om.GetResourceVersion()
			if rv == "" {
				rv = "0"
			}
			m.SetResourceVersion(rv)
			defer m.SetResourceVersion("")
		}
		// On update, only the name's immutability is checked, not its form.
		errs = apivalidation.ValidateObjectMetaAccessorUpdate(m, om, fld)
		errs = append(errs, validateFinalizerNames(r, m.GetFinalizers(), fld)...)
	} else {
		errs = append(errs, validateFinalizerNames(r, m.GetFinalizers(), fld)...)
	}
	if !t.kindValidation {
		errs = withoutOwnerUIDRequired(errs)
	}
	if st, ok := r.strategy(); ok && st.validate != nil && t.kindValidation {
		var om map[string]any
		if old != nil {
			om = toMap(old)
		}
		errs = append(errs, st.validate(toMap(obj), om)...)
	}
	errs = append(errs, t.validateCustom(r, obj, subresource)...)
	if len(errs) == 0 {
		return nil
	}
	return apierrors.NewInvalid(r.Kind.GroupKind(), m.GetName(), errs)
}

// withoutOwnerUIDRequired drops the errors of owner references without a uid. Unit tests of
// controllers build owners by hand, without the uid the apiserver (and this tracker) would give
// them, and set owner references from them (k8s.io/sample-controller's test does): client-go's fake
// accepts those, so without SetKindValidation this one apiserver rule is not applied.
func withoutOwnerUIDRequired(errs field.ErrorList) field.ErrorList {
	kept := errs[:0:0]
	for _, e := range errs {
		if e.Type == field.ErrorTypeRequired && ownerUIDField.MatchString(e.Field) {
			continue
		}
		kept = append(kept, e)
	}
	return kept
}

var ownerUIDField = regexp.MustCompile(`^metadata\.ownerReferences\[\d+\]\.uid$`)

// validateFinalizerNames is the built-in kinds' extra rule: a finalizer without a domain must be a
// standard one.
func validateFinalizerNames(r *Resource, finalizers []string, fld *field.Path) field.ErrorList {
	if r.CustomResource {
		return nil
	}
	var errs field.ErrorList
	for i, f := range finalizers {
		if !strings.Contains(f, "/") && !standardFinalizers[f] {
			errs = append(errs, field.Invalid(fld.Child("finalizers").Index(i), f, "name is neither a standard finalizer name nor is it fully qualified"))
		}
	}
	return errs
}

// serverError is an error status without a reason, as the apiserver answers errors it does not
// classify.
func serverError(message string) error {
	return &apierrors.StatusError{ErrStatus: metav1.Status{Status: metav1.StatusFailure, Code: 500, Message: message}}
}

// storageKey is the etcd key the apiserver names in storage errors.
func storageKey(r *Resource, namespace, name string) string {
	k := "/registry/"
	if g := r.Resource.Group; g != "" && r.CustomResource {
		k += g + "/"
	}
	k += r.Resource.Resource + "/"
	if namespace != "" {
		k += namespace + "/"
	}
	return k + name
}

// optionsKind is the kind the apiserver names in errors about request options.
func optionsKind(kind string) schema.GroupKind {
	return schema.GroupKind{Group: metav1.GroupName, Kind: kind}
}

// validateWriteOptions checks the options every write shares: dryRun, fieldManager and
// fieldValidation, as the apiserver does before anything else.
func validateWriteOptions(kind string, dryRun []string, fieldManager, fieldValidation string) error {
	var errs field.ErrorList
	for _, d := range dryRun {
		if d != metav1.DryRunAll {
			errs = append(errs, field.NotSupported(field.NewPath("dryRun"), dryRun, []string{metav1.DryRunAll}))
			break
		}
	}
	errs = append(errs, validateFieldManager(fieldManager)...)
	switch fieldValidation {
	case "", "Ignore", "Strict", "Warn":
	default:
		errs = append(errs, field.NotSupported(field.NewPath("fieldValidation"), fieldValidation, []string{"", "Ignore", "Strict", "Warn"}))
	}
	if len(errs) == 0 {
		return nil
	}
	return apierrors.NewInvalid(optionsKind(kind), "", errs)
}

func validateFieldManager(manager string) field.ErrorList {
	fld := field.NewPath("fieldManager")
	if len(manager) > 128 {
		return field.ErrorList{field.TooLong(fld, "", 128)}
	}
	for i, c := range manager {
		if !unicode.IsPrint(c) {
			return field.ErrorList{field.Invalid(fld, manager, fmt.Sprintf("invalid character %#U (at position %d)", c, i))}
		}
	}
	return nil
}

// validateDeleteOptions checks propagationPolicy, orphanDependents, gracePeriodSeconds and dryRun
// as the apiserver does.
func validateDeleteOptions(opts metav1.DeleteOptions) error {
	var errs field.ErrorList
	if opts.OrphanDependents != nil && opts.PropagationPolicy != nil {
		errs = append(errs, field.Invalid(field.NewPath("propagationPolicy"), opts.PropagationPolicy,
			"orphanDependents and deletionPropagation cannot be both set"))
	}
	if p := opts.PropagationPolicy; p != nil {
		switch *p {
		case metav1.DeletePropagationForeground, metav1.DeletePropagationBackground, metav1.DeletePropagationOrphan:
		default:
			errs = append(errs, field.NotSupported(field.NewPath("propagationPolicy"), opts.PropagationPolicy,
				[]string{string(metav1.DeletePropagationForeground), string(metav1.DeletePropagationBackground), string(metav1.DeletePropagationOrphan), "nil"}))
		}
	}
	for _, d := range opts.DryRun {
		if d != metav1.DryRunAll {
			errs = append(errs, field.NotSupported(field.NewPath("dryRun"), opts.DryRun, []string{metav1.DryRunAll}))
			break
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return apierrors.NewInvalid(optionsKind("DeleteOptions"), "", errs)
}

// checkPatchedUID refuses a patch that changes the uid: the apiserver validates the patched object,
// where an update's uid is a precondition instead.
func checkPatchedUID(r *Resource, patched, old runtime.Object) error {
	pm, _ := meta.Accessor(patched)
	om, _ := meta.Accessor(old)
	if pm.GetUID() == "" || pm.GetUID() == om.GetUID() {
		return nil
	}
	return apierrors.NewInvalid(r.Kind.GroupKind(), om.GetName(),
		apivalidation.ValidateImmutableField(pm.GetUID(), om.GetUID(), field.NewPath("metadata", "uid")))
}

// SetKindValidation turns on (or off) the validation of the fields of a few common kinds, off by
// default because tests often store skeletal objects the apiserver would refuse (a pod without
// containers): ConfigMap and Secret keys and immutable data, Secret types and their required keys,
// Deployment replicas, selectors (matching the template, immutable) and pod templates, pods'
// containers and images, Service ports, Lease durations. Metadata is always validated, but for
// one rule that it adds: owner references must carry a uid (controller tests often make owners
// by hand, without one, as client-go's fake accepts).
func (t *Tracker) SetKindValidation(on bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.kindValidation = on
}
