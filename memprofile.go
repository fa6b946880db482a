//go:build memprofile

package main

import (
	"net"
	"net/http"
	_ "net/http/pprof" // the profiles bench/memory.sh reads
	"os"
)

// A build with -tags memprofile serves Go's profiles on the local address
// in $PANELPAPERS_PPROF (say 127.0.0.1:6061), so that bench/memory.sh can
// say where the window's memory goes. Release builds have none of this.
func init() {
	addr := os.Getenv("PANELPAPERS_PPROF")
	if addr == "" {
		return
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return
	}
	go http.Serve(l, nil) //nolint:errcheck // a measuring aid; it ends with the process
}
