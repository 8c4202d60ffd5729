// Package command is the command-line shell the generator commands (cmd/deepcopy-gen,
// cmd/lister-gen, cmd/informer-gen, ...) share: flags with pflag plus klog's, a usage line, the run,
// and errors printed with paths relative to the working directory so file:line positions read as
// they do in an editor.
//
// Layer: generator plumbing (internal/codegen). It may import spf13/pflag, k8s.io/klog/v2 and the
// standard library; never a generator or the client runtime.
package command
