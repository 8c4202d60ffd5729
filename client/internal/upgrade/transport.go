package upgrade

import "strconv"

// Transport chooses the protocol an upgraded session runs over. remotecommand and portforward
// export it under their own names, each documenting what the protocols are for it.
type Transport int

const (
	// Auto tries WebSocket first and falls back to SPDY when the server refuses the upgrade.
	Auto Transport = iota
	// WebSocket uses only WebSocket.
	WebSocket
	// SPDY uses only SPDY/3.1.
	SPDY
)

// String names the transport.
func (t Transport) String() string {
	switch t {
	case Auto:
		return "auto"
	case WebSocket:
		return "websocket"
	case SPDY:
		return "spdy"
	}
	return "Transport(" + strconv.Itoa(int(t)) + ")"
}
