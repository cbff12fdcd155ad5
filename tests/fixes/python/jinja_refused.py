"""A LaTeX report environment with its own delimiters passed by position: `autoescape` is one of
Environment's positional parameters too, and HTML escaping would corrupt LaTeX output anyway, so
the fixer gives guidance here rather than a rewrite."""

from jinja2 import Environment, FileSystemLoader

latex = Environment("\\BLOCK{", "}", "\\VAR{", "}", loader=FileSystemLoader("reports"))
