"""The workshop board's script and style sheet, read by :mod:`civsam_exporters.workshop`.

Kept as files of their own (``board.js``, ``board.css``) so an editor and a linter see
them as what they are; the exporter inlines them, and hashes the script for its page's
Content-Security-Policy.
"""
