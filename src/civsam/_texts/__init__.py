"""The data of civsam's one catalogue of texts, in parts by where the texts are shown.

Each part maps a key to its (Danish, English) texts; :mod:`civsam._message` merges the
parts into one table and refuses a key defined twice. A plural is two keys, ``NAME.one``
and ``NAME.other``, asked for as ``NAME`` with a ``count``.
"""
