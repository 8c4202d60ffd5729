// Package bad holds types with markers the schema refuses.
package bad

// Bad has one mistake per member.
type Bad struct {
	// +listType=map
	NoKeys []Item `json:"noKeys"`
	// +listType=map
	// +listMapKey=nmae
	WrongKey []Item `json:"wrongKey"`
	// +listType=set
	SetOfStructs []Item `json:"setOfStructs"`
	// +listType=bag
	UnknownType []string `json:"unknownType"`
	// +listMapKey=name
	KeyWithoutMap []Item `json:"keyWithoutMap"`
	// +listType=map
	// +listMapKey=name
	MapOfScalars []string `json:"mapOfScalars"`
	// +mapType=loose
	UnknownMapType map[string]string `json:"unknownMapType"`
	IntKeys        map[int]string    `json:"intKeys"`
	Channel        chan int          `json:"channel"`
	// +patchStrategy=replace
	Disagree []Item `json:"disagree" patchStrategy:"merge" patchMergeKey:"name"`
	// +default={
	BadDefault string `json:"badDefault"`
	// +default=ref(Missing)
	MissingConst string `json:"missingConst"`
	Dup1         string `json:"dup"`
	Dup2         string `json:"dup"`
}

// Item is a list item.
type Item struct {
	Name string `json:"name"`
}

// Present makes the package's constants loaded.
const Present = "x"
