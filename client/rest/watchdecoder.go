package rest

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/watch"
)

// DefaultMaxWatchFrame bounds one watch event on the wire (16 MiB, larger than any object etcd
// stores).
const DefaultMaxWatchFrame = 16 << 20

// ErrFrameTooLarge is returned for a watch frame longer than the decoder's limit.
var ErrFrameTooLarge = errors.New("watch frame larger than the limit")

// WatchDecoder reads watch events from a stream: JSON (metav1.WatchEvent objects one after another)
// or protobuf (each metav1.WatchEvent preceded by its length as 4 big-endian bytes). Event objects are
// decoded with the given decoder. It never reads more than MaxFrame bytes of one event into memory.
type WatchDecoder struct {
	// MaxFrame is the largest event accepted; DefaultMaxWatchFrame when zero.
	MaxFrame int

	r         *bufio.Reader
	protobuf  bool
	mediaType string
	objects   runtime.Decoder
	direct    *jsonDirect // nil unless objects allows direct JSON decoding
	frame     []byte
}

// NewWatchDecoder returns a decoder for a watch stream with the given Content-Type whose event
// objects objects decodes.
func NewWatchDecoder(stream io.Reader, contentType string, objects runtime.Decoder) (*WatchDecoder, error) {
	mt := mediaTypeOnly(contentType)
	d := &WatchDecoder{r: bufio.NewReaderSize(stream, 4096), mediaType: mt, objects: objects}
	switch {
	case strings.EqualFold(mt, ContentTypeProtobuf):
		d.protobuf = true
	case mt == "" || strings.EqualFold(mt, ContentTypeJSON):
		d.mediaType = ContentTypeJSON
		d.direct = newJSONDirect(objects)
	default:
		return nil, fmt.Errorf("rest: unsupported watch stream content type %q", contentType)
	}
	return d, nil
}

// Decode returns the next event. It returns io.EOF at a clean end of stream, io.ErrUnexpectedEOF for
// a truncated event, ErrFrameTooLarge for an oversized one, and other errors for garbage.
func (d *WatchDecoder) Decode() (watch.Event, error) {
	var err error
	if d.protobuf {
		err = d.readProtobufFrame()
	} else {
		err = d.readJSONFrame()
	}
	if err != nil {
		return watch.Event{}, err
	}
	var we metav1.WatchEvent
	raw, inFrame := []byte(nil), false
	switch {
	case d.protobuf:
		err = we.Unmarshal(d.frame)
	default:
		typ, object, ok := parseJSONEvent(d.frame)
		if ok {
			we.Type, raw, inFrame = typ, object, true
		} else {
			err = json.Unmarshal(d.frame, &we)
		}
	}
	if err != nil {
		return watch.Event{}, fmt.Errorf("invalid watch event: %w", err)
	}
	if !inFrame {
		raw = we.Object.Raw
	}
	return d.event(watch.EventType(we.Type), raw, inFrame)
}

// event decodes the object raw of an event of type typ. raw may lie in the frame buffer, which the
// next event overwrites; it is copied before a decoder that might keep it sees it.
func (d *WatchDecoder) event(typ watch.EventType, raw []byte, inFrame bool) (watch.Event, error) {
	switch typ {
	case watch.Added, watch.Modified, watch.Deleted, watch.Bookmark:
	case watch.Error:
		return watch.Event{Type: watch.Error, Object: d.errorStatus(raw)}, nil
	default:
		return watch.Event{}, fmt.Errorf("invalid watch event type %q", trimBody([]byte(typ)))
	}
	if len(raw) == 0 {
		return watch.Event{}, fmt.Errorf("watch event %s has no object", typ)
	}
	if d.direct != nil {
		if obj, ok := d.direct.decodeNew(raw, inFrame); ok {
			return watch.Event{Type: typ, Object: obj}, nil
		}
	}
	if inFrame {
		raw = bytes.Clone(raw)
	}
	obj, _, err := d.objects.Decode(raw, nil, nil)
	if err != nil {
		return watch.Event{}, fmt.Errorf("decoding object of watch event %s: %w", typ, err)
	}
	return watch.Event{Type: typ, Object: obj}, nil
}

// errorStatus decodes the Status of an ERROR event, or describes why it could not.
func (d *WatchDecoder) errorStatus(raw []byte) *metav1.Status {
	if st, ok := DecodeStatus(d.mediaType, raw); ok {
		return st
	}
	st := watchFailure(errors.New("ERROR event without a decodable Status: " + trimBody(raw)))
	return st
}

func (d *WatchDecoder) limit() int {
	if d.MaxFrame > 0 {
		return d.MaxFrame
	}
	return DefaultMaxWatchFrame
}

func (d *WatchDecoder) readProtobufFrame() error {
	var size [4]byte
	if _, err := io.ReadFull(d.r, size[:]); err != nil {
		return err // io.EOF when the stream ended between frames
	}
	n := binary.BigEndian.Uint32(size[:])
	if uint64(n) > uint64(d.limit()) {
		return fmt.Errorf("%w: %d bytes, limit %d", ErrFrameTooLarge, n, d.limit())
	}
	return d.readN(int(n))
}

// readN reads an n-byte frame, growing the buffer as bytes arrive rather than trusting the announced
// length with one large allocation.
func (d *WatchDecoder) readN(n int) error {
	d.frame = d.frame[:0]
	for len(d.frame) < n {
		start := len(d.frame)
		step := min(n-start, max(start, 64<<10))
		d.frame = slices.Grow(d.frame, step)[:start+step]
		if _, err := io.ReadFull(d.r, d.frame[start:]); err != nil {
			return truncated(err)
		}
	}
	return nil
}

// readJSONFrame reads one JSON object, tracking nesting and strings to find its end. It scans the
// reader's buffer a chunk at a time.
func (d *WatchDecoder) readJSONFrame() error {
	c, err := d.skipSpace()
	if err != nil {
		return err
	}
	if c != '{' {
		return fmt.Errorf("invalid watch stream: expected '{', found %q", c)
	}
	d.frame = append(d.frame[:0], c)
	scan := jsonScanner{depth: 1}
	for {
		if d.r.Buffered() == 0 {
			if _, err := d.r.Peek(1); err != nil {
				return truncated(err)
			}
		}
		chunk, _ := d.r.Peek(d.r.Buffered())
		n, done := scan.scan(chunk)
		if len(d.frame)+n > d.limit() {
			return fmt.Errorf("%w: limit %d bytes", ErrFrameTooLarge, d.limit())
		}
		d.frame = append(d.frame, chunk[:n]...)
		_, _ = d.r.Discard(n)
		if done {
			return nil
		}
	}
}

// jsonScanner follows the nesting of a JSON value across chunks.
type jsonScanner struct {
	depth             int
	inString, escaped bool
}

// scan consumes chunk up to the end of the value, returning how many bytes it used and whether the
// value ended.
func (s *jsonScanner) scan(chunk []byte) (int, bool) {
	for i, c := range chunk {
		switch {
		case s.escaped:
			s.escaped = false
		case s.inString && c == '\\':
			s.escaped = true
		case c == '"':
			s.inString = !s.inString
		case s.inString:
		case c == '{' || c == '[':
			s.depth++
		case c == '}' || c == ']':
			s.depth--
			if s.depth == 0 {
				return i + 1, true
			}
		}
	}
	return len(chunk), false
}

func (d *WatchDecoder) skipSpace() (byte, error) {
	for {
		c, err := d.r.ReadByte()
		if err != nil {
			return 0, err
		}
		if c != ' ' && c != '\n' && c != '\r' && c != '\t' {
			return c, nil
		}
	}
}

// truncated turns an EOF inside a frame into io.ErrUnexpectedEOF.
func truncated(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}
