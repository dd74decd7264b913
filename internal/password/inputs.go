package password

import (
	"net"
	"net/url"
	"strings"
)

// UserInputs returns the words a user's password must not be built on: the
// email, its local part, the name and each of its words, and the site's
// names (see SiteNames).
func UserInputs(email, name string, site ...string) []string {
	local, _, _ := strings.Cut(email, "@")
	inputs := append([]string{email, local, name}, strings.Fields(name)...)
	return append(inputs, site...)
}

// SiteNames returns the site's names as its public address gives them:
// the host and each of its labels but the last ("news.example.tj" →
// news.example.tj, news, example).
func SiteNames(publicURL string) []string {
	u, err := url.Parse(publicURL)
	if err != nil || u.Hostname() == "" {
		return nil
	}
	host := u.Hostname()
	if net.ParseIP(host) != nil {
		return nil
	}
	names := []string{host}
	labels := strings.Split(host, ".")
	for _, l := range labels[:len(labels)-1] {
		if l != "www" && l != "" {
			names = append(names, l)
		}
	}
	return names
}
