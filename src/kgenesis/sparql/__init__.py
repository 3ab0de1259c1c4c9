"""Queries: resolve (saved ones included), refuse unsafe ones, run them on rdflib (``engine``)
or on pyoxigraph (``fast``), and write the results (``results``). Importing this package
imports nothing heavy, so the fast path stays light."""
