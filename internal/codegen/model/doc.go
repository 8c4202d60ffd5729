// Package model builds the API model every kubegen generator works from: the API groups found in a
// gengo universe (packages whose doc.go carries +groupName), their versions, and the kinds tagged
// +genclient with their List types, plurals, scope, verbs and extra methods. Every tag is kept with
// the file and line it came from, and every problem with the tags is reported as an error naming
// that file and line, before anything is generated.
//
// Layer: generator plumbing (internal/codegen). It may import gengo's types, apimachinery's version
// ordering, the sibling naming package and the standard library; never a generator or the runtime.
package model
