// Package naming turns API kind names into the names generated code uses: plurals (with English
// irregulars and user-supplied exceptions), lower-case resource names, and Go identifiers derived from
// group and version names.
//
// Layer: generator plumbing (internal/codegen). It may import only the standard library.
package naming
