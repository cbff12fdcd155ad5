"""Agent hooks: check each file an agent writes, and the session's changes when it stops.

`check` holds the shared logic (what an edit introduced, what the changes since HEAD add), `edits`
reconstructs a file as it was before an edit, `agents` speaks each agent's payload and reply
format, and `state` remembers what was already said in a session so nothing is said twice.
"""
