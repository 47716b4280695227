"""Built-in JSON Schemas, shipped inside the package as ``matterlint.builtin_schemas``.

This folder is a package (setuptools maps ``matterlint.builtin_schemas`` onto it) so that the
schemas load through ``importlib.resources`` from a wheel and from an editable install alike;
a force-included data folder breaks editable installs (ecosystem.md §4.1).
"""
