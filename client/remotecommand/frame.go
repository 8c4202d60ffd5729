package remotecommand

import (
	"errors"
	"fmt"
)

// Channels of the channel.k8s.io protocols. Over WebSocket every message starts with the channel
// byte; over SPDY each channel is its own stream.
const (
	channelStdin  byte = 0
	channelStdout byte = 1
	channelStderr byte = 2
	channelError  byte = 3
	channelResize byte = 4
	// channelClose starts a v5 message that half-closes the channel in its second byte.
	channelClose byte = 255
)

// frame is one decoded WebSocket message of v5.channel.k8s.io.
type frame struct {
	channel byte
	data    []byte // aliases the message
	close   bool   // a close signal for channel; data is empty
}

var errEmptyFrame = errors.New("empty websocket message")

// decodeFrame splits a WebSocket message into its channel and payload.
func decodeFrame(msg []byte) (frame, error) {
	switch {
	case len(msg) == 0:
		return frame{}, errEmptyFrame
	case msg[0] != channelClose:
		return frame{channel: msg[0], data: msg[1:]}, nil
	case len(msg) != 2:
		return frame{}, fmt.Errorf("close signal of %d bytes, want 2", len(msg))
	}
	return frame{channel: msg[1], close: true}, nil
}

// encodeFrame returns the message carrying data on channel.
func encodeFrame(channel byte, data []byte) []byte {
	msg := make([]byte, 1+len(data))
	msg[0] = channel
	copy(msg[1:], data)
	return msg
}

// closeFrame returns the v5 message that half-closes channel (stdin: end of input).
func closeFrame(channel byte) []byte { return []byte{channelClose, channel} }
