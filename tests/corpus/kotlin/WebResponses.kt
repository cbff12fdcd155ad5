package com.example.web

import io.ktor.http.ContentType
import io.ktor.http.HttpHeaders
import io.ktor.server.application.call
import io.ktor.server.response.header
import io.ktor.server.response.respondRedirect
import io.ktor.server.response.respondText
import io.ktor.server.routing.Route
import io.ktor.server.routing.get
import java.net.URLEncoder
import javax.servlet.http.HttpServletRequest
import javax.servlet.http.HttpServletResponse
import org.owasp.encoder.Encode
import org.slf4j.LoggerFactory
import org.springframework.stereotype.Controller
import org.springframework.web.bind.annotation.GetMapping
import org.springframework.web.bind.annotation.RequestParam
import org.springframework.web.bind.annotation.RestController
import org.springframework.web.util.HtmlUtils

private val log = LoggerFactory.getLogger("web")
private val ALLOWED_TARGETS = setOf("/home", "https://docs.example.com/")

fun Route.greetings() {
    get("/hello") {
        val name = call.parameters["name"] ?: "guest"
        call.respondText("<h1>Hello $name</h1>", ContentType.Text.Html) // expect: kt-xss-response
        call.respondText("<p>${call.request.queryParameters["q"]}</p>", ContentType.Text.Html) // expect: kt-xss-response
        call.respondText("<h1>Hello ${Encode.forHtml(name)}</h1>", ContentType.Text.Html) // ok: kt-xss-response
        call.respondText("Hello $name", ContentType.Text.Plain) // ok: kt-xss-response
        val safe = HtmlUtils.htmlEscape(name)
        call.respondText("<p>$safe</p>", ContentType.Text.Html) // ok: kt-xss-response

        log.info("greeting $name") // expect: kt-log-injection
        log.warn("query " + call.request.queryParameters["q"]) // expect: kt-log-injection
        log.info("greeting ${name.replace(Regex("[\r\n]"), "_")}") // ok: kt-log-injection
        val clean = name.replace(Regex("[\r\n]"), "_")
        log.info("greeting $clean") // ok: kt-log-injection
        log.debug("name length ${name.length}") // ok: kt-log-injection

        val lang = call.request.header("Accept-Language") ?: "en"
        call.response.header("Content-Language", lang) // expect: kt-header-injection
        call.response.headers.append("X-Name", "n=$name") // expect: kt-header-injection
        call.response.header("Content-Disposition", "attachment; filename=${URLEncoder.encode(name, "UTF-8")}") // ok: kt-header-injection
        call.response.header("Cache-Control", "no-store") // ok: kt-header-injection

        val next = call.parameters["next"] ?: "/"
        call.respondRedirect(next) // expect: kt-open-redirect
        call.respondRedirect("/orders/$next") // ok: kt-open-redirect
    }
    get("/continue") {
        val target = call.parameters["target"] ?: "/"
        if (target in ALLOWED_TARGETS) {
            call.respondRedirect(target) // ok: kt-open-redirect
        }
    }
}

class GreetingServlet {
    fun doGet(request: HttpServletRequest, response: HttpServletResponse) {
        val name = request.getParameter("name")
        response.writer.write("<h1>Hello $name</h1>") // expect: kt-xss-response
        val greeting = "<p>Welcome back, $name</p>"
        response.writer.print(greeting) // expect: kt-xss-response
        response.writer.println("<p>${name.length} characters</p>") // ok: kt-xss-response
        response.setHeader("X-Greeting", greeting) // expect: kt-header-injection
        val trimmed = name.filter { it.isLetter() }
        response.setHeader("X-Greeting", trimmed) // ok: kt-header-injection
        log.error("failed login for " + greeting) // expect: kt-log-injection
        response.sendRedirect(request.getParameter("returnTo")) // expect: kt-open-redirect
        response.sendRedirect("/" + name) // expect: kt-open-redirect
        response.sendRedirect(request.contextPath + "/login") // ok: kt-open-redirect
    }
}

@RestController
class ProfileApi {
    @GetMapping("/hello")
    fun hello(@RequestParam("name") name: String): String {
        return "<h1>Hello $name</h1>" // expect: kt-xss-response
    }

    @GetMapping("/hello-safe")
    fun helloSafe(@RequestParam("name") name: String): String {
        return "<h1>Hello ${HtmlUtils.htmlEscape(name)}</h1>" // ok: kt-xss-response
    }
}

@Controller
class LoginController {
    @GetMapping("/after-login")
    fun afterLogin(@RequestParam("next") next: String): String {
        return "redirect:$next" // expect: kt-open-redirect
    }

    @GetMapping("/orders")
    fun orders(@RequestParam("id") id: String): String {
        return "redirect:/orders/$id" // ok: kt-open-redirect
    }
}
