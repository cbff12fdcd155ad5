"""Code that imports no web framework: tools, test harnesses, template engines."""


# `debug=True` here is not a web application's debugger.
def run_checks(check_suite, outcome, self):
    check_suite.run(outcome, debug=True)  # ok: py-debug-enabled
    self.renderer.debug = True  # ok: py-debug-enabled
    self.web_app.run("0.0.0.0", 8080, debug=True)  # expect: py-debug-enabled
    self.application.debug = True  # expect: py-debug-enabled
