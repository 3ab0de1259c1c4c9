"""The graph: load the sources, derive each fact's evidence, validate, build outputs/, and find
the built graph (a checkout's or the installed one). Modules are imported where used, so
``import kgenesis.graph`` costs nothing."""
