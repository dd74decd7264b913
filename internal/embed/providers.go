package embed

import (
	"net/url"
	"regexp"
	"strings"
)

// parser recognises one provider's addresses: the hosts it serves, and
// the id in a path (segs) and query on one of them.
type parser struct {
	provider string
	hosts    hostSet
	id       func(host string, segs []string, q url.Values) (string, bool)
}

// hostSet is a provider's domains; each matches itself and its
// subdomains (www., m., mobile., player., …).
type hostSet []string

func (hs hostSet) match(host string) bool {
	for _, h := range hs {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	return false
}

var parsers = []parser{
	{YouTube, hostSet{"youtube.com", "youtube-nocookie.com", "youtu.be"}, youTubeID},
	{Vimeo, hostSet{"vimeo.com"}, vimeoID},
	{X, hostSet{"x.com", "twitter.com"}, xID},
	{Instagram, hostSet{"instagram.com", "instagr.am"}, instagramID},
	{Telegram, hostSet{"t.me", "telegram.me"}, telegramID},
	{Facebook, hostSet{"facebook.com", "fb.com", "fb.watch"}, facebookID},
}

var (
	youTubeVideo = regexp.MustCompile(`^[A-Za-z0-9_-]{11}$`)
	digits       = regexp.MustCompile(`^[0-9]{1,25}$`)
	shortcode    = regexp.MustCompile(`^[A-Za-z0-9_-]{5,64}$`)
	channelName  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{3,31}$`)
	userName     = regexp.MustCompile(`^[A-Za-z0-9_]{1,50}$`)
	facebookPost = regexp.MustCompile(`^(pfbid[A-Za-z0-9]{10,80}|[0-9]{1,25})$`)
	fbShare      = regexp.MustCompile(`^[A-Za-z0-9]{5,40}$`)
)

// youTubeID: watch?v=ID, youtu.be/ID, /shorts/ID, /embed/ID, /live/ID, /v/ID.
func youTubeID(host string, segs []string, q url.Values) (string, bool) {
	var id string
	switch {
	case host == "youtu.be" && len(segs) == 1:
		id = segs[0]
	case len(segs) == 1 && segs[0] == "watch":
		id = q.Get("v")
	case len(segs) == 2 && oneOf(segs[0], "shorts", "embed", "live", "v", "e"):
		id = segs[1]
	}
	return id, youTubeVideo.MatchString(id)
}

// vimeoID: vimeo.com/ID (and /ID/HASH of an unlisted video),
// /channels/NAME/ID, /groups/NAME/videos/ID, player.vimeo.com/video/ID.
func vimeoID(host string, segs []string, _ url.Values) (string, bool) {
	var id string
	switch {
	case host == "player.vimeo.com" && len(segs) == 2 && segs[0] == "video":
		id = segs[1]
	case len(segs) >= 1 && len(segs) <= 2 && digits.MatchString(segs[0]):
		id = segs[0]
	case len(segs) == 3 && segs[0] == "channels":
		id = segs[2]
	case len(segs) == 4 && segs[0] == "groups" && segs[2] == "videos":
		id = segs[3]
	}
	return id, digits.MatchString(id)
}

// xID: x.com|twitter.com/USER/status/ID (also /statuses/, /i/web/status/
// and a trailing /photo/1), platform.twitter.com/embed/Tweet.html?id=ID.
func xID(host string, segs []string, q url.Values) (string, bool) {
	if host == "platform.twitter.com" {
		id := q.Get("id")
		return id, len(segs) == 2 && segs[0] == "embed" && digits.MatchString(id)
	}
	if len(segs) >= 4 && segs[0] == "i" && segs[1] == "web" && segs[2] == "status" {
		return segs[3], digits.MatchString(segs[3])
	}
	if len(segs) >= 3 && userName.MatchString(segs[0]) && oneOf(segs[1], "status", "statuses") {
		return segs[2], digits.MatchString(segs[2])
	}
	return "", false
}

// instagramID: instagram.com/p|reel|reels|tv/ID, also behind a user name
// (/USER/p/ID) and with /embed after it.
func instagramID(_ string, segs []string, _ url.Values) (string, bool) {
	if len(segs) >= 3 && userName.MatchString(segs[0]) && oneOf(segs[1], "p", "reel", "tv") {
		segs = segs[1:]
	}
	if len(segs) >= 2 && oneOf(segs[0], "p", "reel", "reels", "tv") {
		return segs[1], shortcode.MatchString(segs[1])
	}
	return "", false
}

// telegramID: t.me/CHANNEL/ID (also /s/CHANNEL/ID, the web preview) as
// "CHANNEL/ID", the form Telegram's post widget takes. Private chats'
// links (t.me/c/…) cannot be embedded.
func telegramID(_ string, segs []string, _ url.Values) (string, bool) {
	if len(segs) == 3 && segs[0] == "s" {
		segs = segs[1:]
	}
	if len(segs) != 2 || segs[0] == "c" || !channelName.MatchString(segs[0]) || !digits.MatchString(segs[1]) {
		return "", false
	}
	return segs[0] + "/" + segs[1], true
}

// facebookID: a post (/PAGE/posts/ID, /permalink.php?story_fbid=ID,
// /story.php?story_fbid=ID, /share/p/ID), a video (/PAGE/videos/ID,
// /watch/?v=ID, fb.watch/ID) or the post plugin's iframe
// (/plugins/post.php?href=POST, whose post is parsed instead).
func facebookID(host string, segs []string, q url.Values) (string, bool) {
	if host == "fb.watch" {
		return firstSeg(segs), len(segs) == 1 && fbShare.MatchString(segs[0])
	}
	switch {
	case len(segs) == 2 && segs[0] == "plugins" && oneOf(segs[1], "post.php", "video.php"):
		return facebookPluginPost(q.Get("href"))
	case len(segs) == 1 && oneOf(segs[0], "permalink.php", "story.php"):
		id := q.Get("story_fbid")
		return id, facebookPost.MatchString(id)
	case len(segs) == 1 && segs[0] == "watch":
		id := q.Get("v")
		return id, digits.MatchString(id)
	case len(segs) == 3 && segs[0] == "share" && oneOf(segs[1], "p", "v", "r"):
		return segs[2], fbShare.MatchString(segs[2])
	case len(segs) >= 3 && oneOf(segs[1], "posts", "videos"):
		return segs[2], facebookPost.MatchString(segs[2])
	}
	return "", false
}

// facebookPluginPost is the id of the post a plugin's href names; a
// plugin naming another plugin is refused.
func facebookPluginPost(href string) (string, bool) {
	u, err := url.Parse(href)
	if err != nil {
		return "", false
	}
	host, segs := strings.ToLower(u.Hostname()), pathSegments(u.Path)
	if !(hostSet{"facebook.com", "fb.com"}).match(host) || firstSeg(segs) == "plugins" {
		return "", false
	}
	return facebookID(host, segs, u.Query())
}

func oneOf(s string, options ...string) bool {
	for _, o := range options {
		if s == o {
			return true
		}
	}
	return false
}

func firstSeg(segs []string) string {
	if len(segs) == 0 {
		return ""
	}
	return segs[0]
}
