"""Drivers that run the fix corpus (tests/fixes/) before and after its rewrite.

Only the suite's own fixtures are run here, never code that was scanned for a user.
"""
