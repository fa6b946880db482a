//go:build !windows

package fetch

// osProxy: elsewhere the environment is the system's setting (desktops
// export HTTPS_PROXY from their network settings).
func osProxy() (server, bypass string, ok bool) { return "", "", false }
