package clientgen

import "github.com/kubegen/kubegen/internal/codegen/naming"

func lowerFirst(s string) string { return naming.ParamName(s) }
