package fetch

import "golang.org/x/sys/windows/registry"

// osProxy reads the user's proxy from Windows' Internet Settings. A PAC
// script (AutoConfigURL) is not evaluated: set HTTPS_PROXY where one is used.
func osProxy() (server, bypass string, ok bool) {
	k, err := registry.OpenKey(registry.CURRENT_USER, `Software\Microsoft\Windows\CurrentVersion\Internet Settings`, registry.QUERY_VALUE)
	if err != nil {
		return "", "", false
	}
	defer k.Close()
	if on, _, err := k.GetIntegerValue("ProxyEnable"); err != nil || on == 0 {
		return "", "", false
	}
	server, _, err = k.GetStringValue("ProxyServer")
	if err != nil || server == "" {
		return "", "", false
	}
	bypass, _, _ = k.GetStringValue("ProxyOverride")
	return server, bypass, true
}
