"""``kgenesis serve``: the graph as a read-only SPARQL 1.1 endpoint with a query page.

``protocol`` reads requests and negotiates formats, ``answer`` runs queries as ``kgenesis
query`` does (same engines, checks and time limit, in forked workers), ``description`` is
the service description, ``page`` the query page and graph views, ``app`` the Starlette
application that ties them together.
"""
