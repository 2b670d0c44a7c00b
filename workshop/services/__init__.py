"""Commands and queries, one module per feature; each command is one unit of work.

Entry points (Socket.IO handlers, views, the CLI, the API) only parse, call one function here and
publish the returned events after commit. `runner` holds what every command shares (the unit of
work, op_id replay, the workshop lock and the common guards), `reads` the shared reads and wire
shapes; `accounts`, `workshops`, `participants`, `topics`, `voting` and `sync` are the features.
"""
