package com.example.corpus

import javax.servlet.http.HttpServletRequest
import javax.servlet.http.HttpServletResponse
import org.springframework.web.bind.annotation.GetMapping
import org.springframework.web.bind.annotation.RequestParam

class LocalRedirects {
    fun afterLogin(request: HttpServletRequest, response: HttpServletResponse) {
        val next = request.getParameter("next")
        // Leading slashes, backslashes and blanks stripped from one operand, one `/` put back.
        response.sendRedirect("/" + next.replaceFirst(Regex("^[/\\\\\\s]+"), "")) // ok: kt-open-redirect
        // Only slashes stripped: `/\evil.example` still leaves the site.
        response.sendRedirect("/" + next.replaceFirst(Regex("^/+"), "")) // expect: kt-open-redirect
        // A second operand that is not stripped can start with `//`.
        val host = request.getParameter("host")
        response.sendRedirect("/" + host + next.replaceFirst(Regex("^[/\\\\\\s]+"), "")) // expect: kt-open-redirect
        // Stripped but without the leading `/`: `https://evil.example` stays absolute.
        response.sendRedirect(next.replaceFirst(Regex("^[/\\\\\\s]+"), "")) // expect: kt-open-redirect
    }

    @GetMapping("/continue")
    fun resume(@RequestParam to: String): String {
        return "redirect:/" + to.replaceFirst(Regex("^[/\\\\\\s]+"), "") // ok: kt-open-redirect
    }
}
