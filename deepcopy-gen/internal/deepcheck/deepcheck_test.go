package deepcheck_test

import (
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/kubegen/kubegen/deepcopy-gen/internal/deepcheck"
)

type good struct {
	Names []string
	Ptr   *int
	M     map[string][]int
}

func (in *good) DeepCopyInto(out *good) {
	*out = *in
	if in.Names != nil {
		out.Names = append([]string{}, in.Names...)
	}
	if in.Ptr != nil {
		v := *in.Ptr
		out.Ptr = &v
	}
	if in.M != nil {
		out.M = map[string][]int{}
		for k, v := range in.M {
			if v != nil {
				v = append([]int{}, v...)
			}
			out.M[k] = v
		}
	}
}

func (in *good) DeepCopy() *good {
	out := new(good)
	in.DeepCopyInto(out)
	return out
}

// shallow forgets to copy the map values.
type shallow struct{ M map[string][]int }

func (in *shallow) DeepCopyInto(out *shallow) {
	*out = *in
	if in.M != nil {
		out.M = map[string][]int{}
		for k, v := range in.M {
			out.M[k] = v
		}
	}
}

func (in *shallow) DeepCopy() *shallow {
	out := new(shallow)
	in.DeepCopyInto(out)
	return out
}

// lossy drops nil-ness: a nil slice comes back empty.
type lossy struct{ S []string }

func (in *lossy) DeepCopyInto(out *lossy) { out.S = append([]string{}, in.S...) }

func (in *lossy) DeepCopy() *lossy {
	out := new(lossy)
	in.DeepCopyInto(out)
	return out
}

func TestCheckDeepCopy(t *testing.T) {
	cases := []struct {
		name string
		new  func() any
		want string // "" for no error
	}{
		{"correct", func() any { return new(good) }, ""},
		{"shared map values", func() any { return new(shallow) }, "shares memory"},
		{"nil becomes empty", func() any { return new(lossy) }, "not equal"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var firstErr error
			for seed := int64(0); seed < 50 && firstErr == nil; seed++ {
				f := &deepcheck.Filler{Rand: rand.New(rand.NewSource(seed)), MaxDepth: 3}
				firstErr = deepcheck.CheckDeepCopy(f, tc.new())
			}
			switch {
			case tc.want == "" && firstErr != nil:
				t.Fatalf("unexpected error: %v", firstErr)
			case tc.want != "" && (firstErr == nil || !strings.Contains(firstErr.Error(), tc.want)):
				t.Fatalf("error = %v, want one mentioning %q", firstErr, tc.want)
			}
		})
	}
}

func TestSharedFindsEveryReference(t *testing.T) {
	n := 1
	type s struct {
		P *int
		S []int
		M map[string]int
		I any
	}
	a := s{P: &n, S: []int{1}, M: map[string]int{"a": 1}, I: &n}
	got := deepcheck.Shared(reflect.ValueOf(a), reflect.ValueOf(a))
	want := []string{"P", "S", "M", "I"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Shared = %v, want %v", got, want)
	}
	b := s{P: new(int), S: []int{1}, M: map[string]int{"a": 1}, I: new(int)}
	if got := deepcheck.Shared(reflect.ValueOf(a), reflect.ValueOf(b)); len(got) != 0 {
		t.Errorf("Shared of independent values = %v", got)
	}
}

func TestFillerIsSeeded(t *testing.T) {
	fill := func() good {
		var g good
		(&deepcheck.Filler{Rand: rand.New(rand.NewSource(7)), MaxDepth: 3}).Fill(reflect.ValueOf(&g).Elem())
		return g
	}
	if a, b := fill(), fill(); !reflect.DeepEqual(a, b) {
		t.Errorf("same seed, different values: %#v vs %#v", a, b)
	}
}
