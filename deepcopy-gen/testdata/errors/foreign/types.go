package foreign

import "github.com/kubegen/kubegen/deepcopy-gen/testdata/errors/foreign/dep"

// T holds a type of a package outside the run without DeepCopyInto.
type T struct {
	Dep dep.Dep
}
