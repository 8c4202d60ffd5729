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

	"github.com/kubegen/kubegen/client/internal/fastjson"
	"github.com/kubegen/kubegen/client/internal/fastpaths"
	"github.com/kubegen/kubegen/client/internal/fastproto"
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
	direct    *fastjson.Decoder     // nil unless objects allows direct JSON decoding
	proto     *fastproto.Decoder    // nil unless objects allows direct protobuf decoding
	lastKind  fastproto.LearnedKind // of the last object decoded through proto
	slow      bool                  // fast paths off: the serializers read every event's envelope too
	frame     []byte
	size      [4]byte       // a protobuf frame's length; a field, so that reading it allocates nothing
	span      fastjson.Span // of the frame's last object or array member value (JSON)
}

// NewWatchDecoder returns a decoder for a watch stream with the given Content-Type whose event
// objects objects decodes.
func NewWatchDecoder(stream io.Reader, contentType string, objects runtime.Decoder) (*WatchDecoder, error) {
	mt := mediaTypeOnly(contentType)
	d := &WatchDecoder{r: bufio.NewReaderSize(stream, 4096), mediaType: mt, objects: objects, slow: fastpaths.Off()}
	switch {
	case strings.EqualFold(mt, ContentTypeProtobuf):
		d.protobuf = true
		if !d.slow {
			d.proto = fastproto.New(objects)
		}
	case mt == "" || strings.EqualFold(mt, ContentTypeJSON):
		d.mediaType = ContentTypeJSON
		if !d.slow {
			d.direct = fastjson.New(objects)
		}
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
		if typ, object, ok := fastproto.ParseWatchEvent(d.frame); ok && d.proto != nil {
			return d.event(typ, object, true)
		}
		err = we.Unmarshal(d.frame)
	default:
		var typ string
		var object []byte
		ok := false
		if !d.slow {
			typ, object, ok = fastjson.ParseWatchEvent(d.frame, d.span)
		}
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
		if obj, ok := d.direct.DecodeNew(raw, inFrame); ok {
			return watch.Event{Type: typ, Object: obj}, nil
		}
	}
	if d.proto != nil {
		if obj, ok, err := d.proto.DecodeNew(d.objects, raw, &d.lastKind); ok {
			if err != nil {
				return watch.Event{}, fmt.Errorf("decoding object of watch event %s: %w", typ, err)
			}
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
	if _, err := io.ReadFull(d.r, d.size[:]); err != nil {
		return err // io.EOF when the stream ended between frames
	}
	n := binary.BigEndian.Uint32(d.size[:])
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
	scan := jsonScanner{depth: 1, n: 1}
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
			d.span = scan.last
			return nil
		}
	}
}

// jsonScanner follows the nesting of a JSON value across chunks. It also notes where the last
// object or array directly inside the value starts and ends (offsets from the value's start), which
// for a watch event is usually the event's object.
type jsonScanner struct {
	depth             int
	inString, escaped bool
	n                 int // bytes of the value scanned before the current chunk
	last              fastjson.Span
}

// scan consumes chunk up to the end of the value, returning how many bytes it used and whether the
// value ended.
func (s *jsonScanner) scan(chunk []byte) (int, bool) {
	i := 0
	if s.escaped && len(chunk) > 0 {
		s.escaped, i = false, 1
	}
	for ; i < len(chunk); i++ {
		if s.inString {
			i = s.skipString(chunk, i)
			continue
		}
		switch chunk[i] {
		case '"':
			s.inString = true
		case '{', '[':
			if s.depth == 1 {
				s.last.Open = s.n + i
			}
			s.depth++
		case '}', ']':
			s.depth--
			if s.depth == 1 {
				s.last.Close = s.n + i
			}
			if s.depth == 0 {
				s.n += i + 1
				return i + 1, true
			}
		}
	}
	s.n += len(chunk)
	return len(chunk), false
}

// skipString moves through string contents starting at chunk[i] and returns the index of the last
// byte it consumed: the closing quote, the byte an escape skips, or the chunk's last byte.
func (s *jsonScanner) skipString(chunk []byte, i int) int {
	rest := chunk[i:]
	quote := bytes.IndexByte(rest, '"')
	contents := rest
	if quote >= 0 {
		contents = rest[:quote]
	}
	switch backslash := bytes.IndexByte(contents, '\\'); {
	case backslash >= 0 && i+backslash+1 == len(chunk):
		s.escaped = true
		return len(chunk) - 1
	case backslash >= 0:
		return i + backslash + 1 // the escaped byte
	case quote >= 0:
		s.inString = false
		return i + quote
	}
	return len(chunk) - 1
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
