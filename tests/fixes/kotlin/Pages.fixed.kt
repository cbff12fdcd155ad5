package com.example.shop.web

import java.io.File
import javax.servlet.http.HttpServlet
import javax.servlet.http.HttpServletRequest
import javax.servlet.http.HttpServletResponse
import org.slf4j.LoggerFactory

private val log = LoggerFactory.getLogger(Pages::class.java)
private val DOCS = File("/srv/shop/docs")

class Pages : HttpServlet() {
    override fun doGet(request: HttpServletRequest, response: HttpServletResponse) {
        val query = request.getParameter("q")
        log.info("search for {} from {}", java.lang.String.valueOf(query).replace(Regex("[\r\n]"), "_"), request.remoteAddr)
        response.setHeader("X-Search-Term", "term=${java.lang.String.valueOf(query).replace(Regex("[\r\n]"), "")}")
        response.writer.println("<h1>Results for " + org.owasp.encoder.Encode.forHtml(query) + "</h1>")
    }

    fun document(request: HttpServletRequest): File {
        val name = request.getParameter("doc")
        return File(DOCS, File(name).name)
    }
}
