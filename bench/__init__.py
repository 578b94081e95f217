"""The board benchmark (``manage.py bench_board``) and the servers it measures.

``runner`` runs the whole benchmark, ``seed`` fills its database, ``servers`` starts
Daphne (and the bare reference) in processes of their own and watches their CPU and
memory, ``site`` holds the ASGI applications they serve, ``reference`` the two
yardsticks (a naive Channels consumer and a bare ``websockets`` broadcast server),
``clients`` the protocol-following WebSocket clients, ``load`` one client process,
``scenarios`` the runs and their figures, ``summary`` the figures drawn from all
of them (ratios, memory per idle socket, issue 17's targets), ``report`` the tables.
``bench`` is an installed app only to bring the command
(bench/management/commands/bench_board.py); the site never imports it.
docs/performance.md explains the figures.
"""
