"""The board benchmark (``manage.py bench_board``) and the servers it measures.

``servers`` starts Daphne (and the bare reference) in processes of their own,
``reference`` holds the two yardsticks (a naive Channels consumer and a bare
``websockets`` broadcast server), ``clients`` runs the WebSocket clients in client
processes, ``scenarios`` seeds a board and runs the storm and the burst, ``report``
prints the results. docs/performance.md explains the figures.
"""
