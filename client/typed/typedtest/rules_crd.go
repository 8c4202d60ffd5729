package typedtest

import (
	"context"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/types"
)

// RulesCRD is the CustomResourceDefinition of the custom resource scenarios of the rules suite: a
// namespaced Gadget (rules.kubegen.io/v1) with the status subresource and a schema using the common
// constraints, defaults and extensions. Runners create it before the suite: on a cluster as any CRD,
// on a fake with Tracker.RegisterCRD.
const RulesCRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gadgets.rules.kubegen.io
spec:
  group: rules.kubegen.io
  scope: Namespaced
  names: {plural: gadgets, singular: gadget, kind: Gadget, listKind: GadgetList}
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            required: [size]
            properties:
              size: {type: integer, minimum: 1, maximum: 10}
              color: {type: string, enum: [red, green, blue], default: red}
              name: {type: string, minLength: 2, maxLength: 8, pattern: '^[a-z]+$'}
              ratio: {type: number, maximum: 1, exclusiveMaximum: true}
              tags: {type: array, minItems: 1, maxItems: 2, items: {type: string}}
              port: {x-kubernetes-int-or-string: true}
              enabled: {type: boolean}
              note: {type: string, nullable: true}
              labels: {type: object, maxProperties: 2, additionalProperties: {type: string}}
              extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
              nested:
                type: object
                default: {}
                properties:
                  level: {type: integer, default: 3}
                  items:
                    type: array
                    items:
                      type: object
                      required: [id]
                      properties:
                        id: {type: string}
                        weight: {type: integer, default: 1}
          status:
            type: object
            properties:
              phase: {type: string}
              count: {type: integer, minimum: 0}
`

// GadgetAPIVersion and GadgetResource name RulesCRD's kind and resource.
const (
	GadgetAPIVersion = "rules.kubegen.io/v1"
	GadgetResource   = "gadgets"
)

// gadget returns a Gadget named name with the given spec.
func gadget(name string, spec map[string]any) *unstructured.Unstructured {
	u := &unstructured.Unstructured{Object: map[string]any{"apiVersion": GadgetAPIVersion, "kind": "Gadget", "spec": spec}}
	u.SetName(name)
	return u
}

// gadgetRule is a custom resource scenario; it records that the clients have no custom resources
// when Env.Gadgets is nil.
func gadgetRule(name string, run func(ctx context.Context, c RW[*unstructured.Unstructured, *unstructured.UnstructuredList], r *Recorder)) Rule {
	return Rule{"customresources", name, func(ctx context.Context, e *Env, r *Recorder) {
		if e.Gadgets == nil {
			r.Logf("custom resources: not served by these clients")
			return
		}
		run(ctx, e.Gadgets(e.Namespace), r)
	}}
}

// createGadget records the create of a Gadget with the given spec.
func createGadget(spec map[string]any) func(context.Context, RW[*unstructured.Unstructured, *unstructured.UnstructuredList], *Recorder) {
	return func(ctx context.Context, c RW[*unstructured.Unstructured, *unstructured.UnstructuredList], r *Recorder) {
		r.Result("create")(c.Create(ctx, gadget("g", spec), metav1.CreateOptions{}))
	}
}

func customResourceRules() []Rule {
	return []Rule{
		gadgetRule("defaults and pruning", createGadget(map[string]any{
			"size": int64(2), "unknown": "x", "extra": map[string]any{"kept": "y"},
			"nested": map[string]any{"items": []any{map[string]any{"id": "a", "other": true}}},
		})),
		gadgetRule("null replaced by the default", createGadget(map[string]any{"size": int64(2), "color": nil, "note": nil})),
		gadgetRule("required field missing", createGadget(map[string]any{"color": "red"})),
		gadgetRule("wrong type", createGadget(map[string]any{"size": "ten"})),
		gadgetRule("below minimum", createGadget(map[string]any{"size": int64(0)})),
		gadgetRule("above maximum", createGadget(map[string]any{"size": int64(11)})),
		gadgetRule("not in enum", createGadget(map[string]any{"size": int64(1), "color": "purple"})),
		gadgetRule("too long", createGadget(map[string]any{"size": int64(1), "name": "abcdefghij"})),
		gadgetRule("too short", createGadget(map[string]any{"size": int64(1), "name": "a"})),
		gadgetRule("pattern", createGadget(map[string]any{"size": int64(1), "name": "ABC"})),
		gadgetRule("exclusive maximum", createGadget(map[string]any{"size": int64(1), "ratio": int64(1)})),
		gadgetRule("number accepts an integer", createGadget(map[string]any{"size": int64(1), "ratio": int64(0)})),
		gadgetRule("too many items", createGadget(map[string]any{"size": int64(1), "tags": []any{"a", "b", "c"}})),
		gadgetRule("too few items", createGadget(map[string]any{"size": int64(1), "tags": []any{}})),
		gadgetRule("int or string", createGadget(map[string]any{"size": int64(1), "port": true})),
		gadgetRule("boolean", createGadget(map[string]any{"size": int64(1), "enabled": "yes"})),
		gadgetRule("map values", createGadget(map[string]any{"size": int64(1), "labels": map[string]any{"a": int64(1)}})),
		gadgetRule("too many properties", createGadget(map[string]any{"size": int64(1), "labels": map[string]any{"a": "1", "b": "2", "c": "3"}})),
		gadgetRule("required in a list item", createGadget(map[string]any{"size": int64(1),
			"nested": map[string]any{"items": []any{map[string]any{"weight": int64(2)}}}})),
		gadgetRule("several errors", createGadget(map[string]any{"size": int64(20), "color": "pink", "name": "TOOLONGNAME"})),
		gadgetRule("status ignored on create and update", func(ctx context.Context, c RW[*unstructured.Unstructured, *unstructured.UnstructuredList], r *Recorder) {
			g := gadget("g", map[string]any{"size": int64(1)})
			g.Object["status"] = map[string]any{"phase": "Ready"}
			created, err := c.Create(ctx, g, metav1.CreateOptions{})
			r.Result("create")(created, err)
			if err != nil {
				return
			}
			created.Object["status"] = map[string]any{"phase": "Ready"}
			_ = unstructured.SetNestedField(created.Object, int64(3), "spec", "size")
			r.Result("update")(c.Update(ctx, created, metav1.UpdateOptions{}))
		}),
		gadgetRule("spec ignored on status update", func(ctx context.Context, c RW[*unstructured.Unstructured, *unstructured.UnstructuredList], r *Recorder) {
			if _, err := c.Create(ctx, gadget("g", map[string]any{"size": int64(1)}), metav1.CreateOptions{}); err != nil {
				r.Err("create", err)
				return
			}
			r.Result("patch status")(c.Patch(ctx, "g", types.MergePatchType,
				[]byte(`{"spec":{"size":5},"status":{"phase":"Ready","count":2,"unknown":1}}`), metav1.PatchOptions{}, "status"))
		}),
		gadgetRule("status validated", func(ctx context.Context, c RW[*unstructured.Unstructured, *unstructured.UnstructuredList], r *Recorder) {
			if _, err := c.Create(ctx, gadget("g", map[string]any{"size": int64(1)}), metav1.CreateOptions{}); err != nil {
				r.Err("create", err)
				return
			}
			r.Result("patch status")(c.Patch(ctx, "g", types.MergePatchType, []byte(`{"status":{"count":-1}}`), metav1.PatchOptions{}, "status"))
		}),
		gadgetRule("patch validated and defaulted", func(ctx context.Context, c RW[*unstructured.Unstructured, *unstructured.UnstructuredList], r *Recorder) {
			if _, err := c.Create(ctx, gadget("g", map[string]any{"size": int64(1), "color": "blue"}), metav1.CreateOptions{}); err != nil {
				r.Err("create", err)
				return
			}
			r.Result("patch size")(c.Patch(ctx, "g", types.MergePatchType, []byte(`{"spec":{"size":"big"}}`), metav1.PatchOptions{}))
			r.Result("patch color away")(c.Patch(ctx, "g", types.MergePatchType, []byte(`{"spec":{"color":null,"bogus":1}}`), metav1.PatchOptions{}))
		}),
	}
}
