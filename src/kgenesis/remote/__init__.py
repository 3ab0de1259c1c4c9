"""Other people's SPARQL stores: ``kgenesis push`` (the Graph Store HTTP Protocol) and
``kgenesis query --endpoint`` (the SPARQL 1.1 Protocol), over the standard library's HTTP.

``http`` sends requests with credentials from options or the environment, ``push`` loads
the built graph into a store, ``query`` runs a query on an endpoint and reads its answer
into the same result the local engines give, so every output format works alike.
"""
