"""The accounts API: the directory and the caller's profile (organisations), and who is calling
(auth), which every app's router uses."""
