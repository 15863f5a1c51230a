# Parses each Atom feed named on the command line with feedparser and
# prints what a feed reader takes from it, as JSON, for feed_test.go.
import json
import sys

import feedparser

out = []
for path in sys.argv[1:]:
    d = feedparser.parse(path)
    out.append({
        "bozo": int(d.bozo),
        "version": d.version,
        "language": d.feed.get("language", ""),
        "id": d.feed.get("id", ""),
        "title": d.feed.get("title", ""),
        "updated": d.feed.get("updated", ""),
        "author": d.feed.get("author", ""),
        "links": [[l.get("rel", ""), l.get("href", "")] for l in d.feed.get("links", [])],
        "entries": [{
            "id": e.get("id", ""),
            "title": e.get("title", ""),
            "updated": e.get("updated", ""),
            "link": e.get("link", ""),
            "summary": e.get("summary", ""),
            "content": [c.get("value", "") for c in e.get("content", [])],
        } for e in d.entries],
    })
json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
