"""`report-composer serve`: the local web workbench and the HTTP API (the extra `[serve]`).

    from composer.serve.app import create_app    # the ASGI app (Starlette)
    from composer.serve.server import serve      # what the command runs: uvicorn on 127.0.0.1

Renders run in worker processes (`workers`), one at a time each, so a render over its time
limit is stopped by ending its process and concurrent requests share nothing. This package's
top level imports nothing, so the workers (spawned processes) do not load the web stack.
"""
