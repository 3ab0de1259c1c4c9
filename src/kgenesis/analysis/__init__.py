"""Graph analytics on the networkx projection: statistics, centrality, paths, communities,
and the network exports (GraphML, GEXF, CSV for Neo4j, facts with evidence for spreadsheets).

``projection`` turns the RDF graph into the one networkx graph every other module reads.
"""

#: ``kgenesis path`` and the view's path panel: at most this many facts long by default...
PATH_MAX = 4
#: ...and at most this many shortest paths listed (all of the same, shortest length).
PATHS_SHOWN = 5
