"""A test plugin whose own `@pre` / `@post` hook decorators are not web routes."""

import logging

log = logging.getLogger(__name__)
_hooks = []


def post(fn):
    _hooks.append(fn)
    return fn


@post
def record_targets(options, config):
    target = options.report_file
    with open(target, "a") as out:  # ok: py-path-traversal
        out.write(str(config))
    log.info("wrote report to %s", target)  # ok: py-log-injection
