package rest

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"runtime/debug"
	"testing"
	"testing/iotest"
)

// TestReadBodyUnsized reads bodies of unknown length around the chunk boundaries, in pieces of
// every size the transport may hand over, and checks the bytes and the error.
func TestReadBodyUnsized(t *testing.T) {
	for _, n := range []int{0, 1, 511, bodyChunk - 1, bodyChunk, bodyChunk + 1, 3*bodyChunk + 17} {
		want := make([]byte, n)
		for i := range want {
			want[i] = byte(i*7 + i/bodyChunk)
		}
		for name, r := range map[string]func() io.Reader{
			"whole":    func() io.Reader { return bytes.NewReader(want) },
			"one byte": func() io.Reader { return iotest.OneByteReader(bytes.NewReader(want)) },
			"halves":   func() io.Reader { return iotest.HalfReader(bytes.NewReader(want)) },
			"data+EOF": func() io.Reader { return iotest.DataErrReader(bytes.NewReader(want)) },
		} {
			got, err := readBody(r(), -1)
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%d bytes, %s: got %d bytes (equal: %v), error %v", n, name, len(got), bytes.Equal(got, want), err)
			}
		}
	}
	broken := errors.New("connection reset")
	r := io.MultiReader(bytes.NewReader(make([]byte, bodyChunk+5)), iotest.ErrReader(broken))
	if got, err := readBody(r, -1); !errors.Is(err, broken) || got != nil {
		t.Errorf("broken body: got %d bytes, error %v; want none and %v", len(got), err, broken)
	}
}

// TestReadBodyUnsizedAllocates checks that a body of unknown length costs one allocation of its
// size (the chunks it is read into are reused): io.ReadAll allocates about as much again in growing
// intermediate buffers, garbage that adds to an informer's peak heap during a paginated list.
// Collection is off while measuring, so that the pool keeps its chunks.
func TestReadBodyUnsizedAllocates(t *testing.T) {
	body := make([]byte, 1<<20)
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	if _, err := readBody(bytes.NewReader(body), -1); err != nil { // fills the pool
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	got, err := readBody(bytes.NewReader(body), -1)
	runtime.ReadMemStats(&after)
	if err != nil || len(got) != len(body) {
		t.Fatalf("got %d bytes, error %v", len(got), err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(len(body))*11/10 {
		t.Errorf("reading a %d-byte body allocated %d bytes, want at most 10%% more than the body", len(body), alloc)
	}
}
