// Package applyconfig decides which API types get a generated apply configuration and where each
// one lives: the types reachable from the +genclient kinds that can be applied (and from the inputs
// of +genclient:method apply extras), in client-go's layout <root>/<group>/<version>; meta/v1's in
// kubegen's runtime package client/applyconfigurations/meta/v1; types of other modules where
// --external-applyconfigurations (or the default for k8s.io/api: kubegen's blessed tree) puts them.
// applyconfiguration-gen writes the types of a Plan; client-gen asks it for the apply configuration
// of each kind and apply method input.
//
// Layer: generator plumbing (internal/codegen). It may import gengo and the model; never a generator
// or the runtime.
package applyconfig
