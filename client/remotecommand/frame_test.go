package remotecommand

import (
	"bytes"
	"testing"
)

func TestDecodeFrame(t *testing.T) {
	tests := []struct {
		name    string
		msg     []byte
		want    frame
		wantErr bool
	}{
		{name: "stdout data", msg: []byte{1, 'h', 'i'}, want: frame{channel: channelStdout, data: []byte("hi")}},
		{name: "stderr data", msg: []byte{2, 'e'}, want: frame{channel: channelStderr, data: []byte("e")}},
		{name: "error channel", msg: append([]byte{3}, `{"status":"Success"}`...),
			want: frame{channel: channelError, data: []byte(`{"status":"Success"}`)}},
		{name: "channel byte only", msg: []byte{1}, want: frame{channel: channelStdout, data: []byte{}}},
		{name: "unknown channel passes through", msg: []byte{9, 'x'}, want: frame{channel: 9, data: []byte("x")}},
		{name: "close stdin", msg: []byte{255, 0}, want: frame{channel: channelStdin, close: true}},
		{name: "close resize", msg: []byte{255, 4}, want: frame{channel: channelResize, close: true}},
		{name: "empty", msg: []byte{}, wantErr: true},
		{name: "close without channel", msg: []byte{255}, wantErr: true},
		{name: "close with extra bytes", msg: []byte{255, 0, 1}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeFrame(tt.msg)
			if (err != nil) != tt.wantErr {
				t.Fatalf("decodeFrame(%v) error = %v, wantErr %v", tt.msg, err, tt.wantErr)
			}
			if got.channel != tt.want.channel || got.close != tt.want.close || !bytes.Equal(got.data, tt.want.data) {
				t.Errorf("decodeFrame(%v) = %+v, want %+v", tt.msg, got, tt.want)
			}
		})
	}
}

func TestEncodeFrame(t *testing.T) {
	tests := []struct {
		channel byte
		data    []byte
		want    []byte
	}{
		{channelStdin, []byte("abc"), []byte{0, 'a', 'b', 'c'}},
		{channelResize, []byte(`{"Width":80,"Height":24}`), append([]byte{4}, `{"Width":80,"Height":24}`...)},
		{channelStdin, nil, []byte{0}},
	}
	for _, tt := range tests {
		if got := encodeFrame(tt.channel, tt.data); !bytes.Equal(got, tt.want) {
			t.Errorf("encodeFrame(%d, %q) = %v, want %v", tt.channel, tt.data, got, tt.want)
		}
	}
	if got := closeFrame(channelStdin); !bytes.Equal(got, []byte{255, 0}) {
		t.Errorf("closeFrame(stdin) = %v, want [255 0]", got)
	}
}

// FuzzDecodeFrame: decoding never panics, and whatever decodes encodes back to the same message.
func FuzzDecodeFrame(f *testing.F) {
	for _, seed := range [][]byte{{}, {1, 'a'}, {255, 0}, {255}, {255, 1, 2}, {3, '{', '}'}, {0}} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, msg []byte) {
		fr, err := decodeFrame(msg)
		if err != nil {
			return
		}
		var again []byte
		if fr.close {
			again = closeFrame(fr.channel)
		} else {
			again = encodeFrame(fr.channel, fr.data)
		}
		if !bytes.Equal(again, msg) {
			t.Fatalf("decodeFrame(%v) = %+v, which encodes to %v", msg, fr, again)
		}
	})
}
