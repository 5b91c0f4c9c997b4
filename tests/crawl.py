"""The smoke crawl: every page a signed-in user can reach by following the portal's links."""

import html
import re
from collections import deque

LINK = re.compile(r'href="(/[^"#]*)"')
NOT_CRAWLED = ("/admin/", "/static/")


def crawl(client, start="/"):
    """Yield (url, response) for every page reachable from `start`, breadth first."""
    seen, queue = {start}, deque([start])
    while queue:
        url = queue.popleft()
        response = client.get(url, follow=True)
        yield url, response
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue  # a download has no links to follow
        for link in LINK.findall(response.content.decode()):
            link = html.unescape(link)
            if link not in seen and not link.startswith(NOT_CRAWLED):
                seen.add(link)
                queue.append(link)
