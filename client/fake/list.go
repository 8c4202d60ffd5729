package fake

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metainternalversion "k8s.io/apimachinery/pkg/apis/meta/internalversion"
	metainternalversionvalidation "k8s.io/apimachinery/pkg/apis/meta/internalversion/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/watch"
)

// List returns deep copies of the objects in namespace ("" for all) that match the label and field
// selectors of opts, ordered by namespace and name, and the list's metadata. It honours limit and
// continue (pages come from one consistent snapshot, as from etcd; resourceVersion "0" ignores limit,
// as the apiserver's watch cache does), and resourceVersion with resourceVersionMatch.
func (t *Tracker) List(gvr schema.GroupVersionResource, namespace string, opts metav1.ListOptions) ([]runtime.Object, metav1.ListMeta, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	r := t.resourceLocked(gvr)
	sel, err := newSelector(r, namespace, opts)
	if err != nil {
		return nil, metav1.ListMeta{}, err
	}
	if err := validateListOptions(opts, false); err != nil {
		return nil, metav1.ListMeta{}, err
	}
	rv, start, err := t.listPoint(opts)
	if err != nil {
		return nil, metav1.ListMeta{}, err
	}
	state, err := t.stateAt(gvr, rv)
	if err != nil {
		return nil, metav1.ListMeta{}, err
	}
	keys := make([]string, 0, len(state))
	for k, obj := range state {
		if k > start && sel.matches(obj) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	lm := metav1.ListMeta{ResourceVersion: formatRV(rv)}
	// resourceVersion "0" is served from the apiserver's watch cache, which ignores limit.
	if opts.Limit > 0 && int64(len(keys)) > opts.Limit && opts.ResourceVersion != "0" {
		rest := int64(len(keys)) - opts.Limit
		keys = keys[:opts.Limit]
		lm.Continue = encodeContinue(rv, keys[len(keys)-1])
		if opts.LabelSelector == "" && opts.FieldSelector == "" {
			lm.RemainingItemCount = &rest
		}
	}
	items := make([]runtime.Object, len(keys))
	for i, k := range keys {
		items[i] = state[k].DeepCopyObject()
	}
	return items, lm, nil
}

// listPoint returns the resourceVersion a list reads at and the key it starts after.
func (t *Tracker) listPoint(opts metav1.ListOptions) (rv uint64, start string, err error) {
	if opts.Continue != "" {
		rv, start, err := decodeContinue(opts.Continue)
		if err != nil {
			return 0, "", err
		}
		if opts.ResourceVersion != "" && opts.ResourceVersion != "0" {
			return 0, "", apierrors.NewBadRequest("specifying resource version is not allowed when using continue")
		}
		return rv, start, nil
	}
	rv, err = parseRV(opts.ResourceVersion)
	if err != nil {
		return 0, "", err
	}
	if rv > t.rv {
		return 0, "", tooLarge(rv, t.rv)
	}
	if rv == 0 || opts.ResourceVersionMatch != metav1.ResourceVersionMatchExact {
		return t.rv, "", nil
	}
	return rv, "", nil
}

// stateAt returns the objects of gvr as they were at resourceVersion rv, undoing later events.
func (t *Tracker) stateAt(gvr schema.GroupVersionResource, rv uint64) (map[string]runtime.Object, error) {
	current := t.objects[gvr]
	if rv >= t.rv {
		return current, nil
	}
	events, ok := t.history.since(rv)
	if !ok {
		return nil, apierrors.NewResourceExpired(fmt.Sprintf("too old resource version: %d (%d)", rv, t.history.compacted+1))
	}
	state := maps.Clone(current)
	if state == nil {
		state = map[string]runtime.Object{}
	}
	for i := len(events) - 1; i >= 0; i-- {
		ev := events[i]
		if ev.gvr != gvr {
			continue
		}
		if ev.typ == watch.Added {
			delete(state, ev.key)
		} else {
			state[ev.key] = ev.prev
		}
	}
	return state, nil
}

// tooLarge is the apiserver's answer to a resourceVersion it has not reached.
func tooLarge(rv, current uint64) error {
	err := apierrors.NewTimeoutError(fmt.Sprintf("Too large resource version: %d, current: %d", rv, current), 1)
	err.ErrStatus.Details.Causes = []metav1.StatusCause{{
		Type:    metav1.CauseTypeResourceVersionTooLarge,
		Message: "Too large resource version",
	}}
	return err
}

// continueToken is what a continue string encodes.
type continueToken struct {
	RV    uint64 `json:"rv"`
	Start string `json:"start"`
}

func encodeContinue(rv uint64, lastKey string) string {
	data, _ := json.Marshal(continueToken{RV: rv, Start: lastKey})
	return base64.RawURLEncoding.EncodeToString(data)
}

func decodeContinue(s string) (uint64, string, error) {
	var tok continueToken
	data, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(data, &tok)
	}
	if err != nil || tok.RV == 0 {
		// The apiserver's words for a token that is not one (its tokens are base64 of JSON too).
		return 0, "", apierrors.NewBadRequest(fmt.Sprintf("invalid continue token: continue key is not valid: %v", continueError(data, err)))
	}
	return tok.RV, tok.Start, nil
}

// validateListOptions checks opts as the apiserver does before serving a list or a watch.
func validateListOptions(opts metav1.ListOptions, watch bool) error {
	opts.Watch = watch
	var internal metainternalversion.ListOptions
	if err := metainternalversion.Convert_v1_ListOptions_To_internalversion_ListOptions(&opts, &internal, nil); err != nil {
		return apierrors.NewBadRequest(err.Error())
	}
	if errs := metainternalversionvalidation.ValidateListOptions(&internal, true); len(errs) > 0 {
		return apierrors.NewInvalid(schema.GroupKind{Group: metav1.GroupName, Kind: "ListOptions"}, "", errs)
	}
	return nil
}

// continueError describes why a continue token does not decode, as encoding/json does for the bytes
// the token's base64 stands for.
func continueError(data []byte, err error) error {
	var v any
	if jerr := json.Unmarshal(data, &v); jerr != nil {
		return jerr
	}
	if err != nil {
		return err
	}
	return fmt.Errorf("no resourceVersion in the token")
}
