// Package upgrade opens the upgraded connections that exec, attach and port-forward run over: WebSocket
// (gorilla/websocket) and SPDY/3.1 (apimachinery's SPDY round tripper). Both are dialed with the TLS
// configuration of client/transport and sent through its authenticating round tripper, so bearer
// tokens, exec plugins, basic auth, impersonation and the user agent apply exactly as for ordinary
// requests.
//
// Layer: internal to the streaming packages (client/remotecommand, client/portforward). It may import
// client/transport, client/rest, apimachinery and gorilla/websocket.
package upgrade
