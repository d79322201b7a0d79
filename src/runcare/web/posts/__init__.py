"""The therapist's Q&A series: runners' questions, series of posts, the editor, scheduling,
and the public pages and feed. Rendering, sanitising, the feed and the static site are the
core's (``runcare.posts``); this app stores, checks access and shows."""
