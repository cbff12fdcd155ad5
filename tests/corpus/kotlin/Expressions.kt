package com.example.query

import com.mongodb.BasicDBObject
import com.mongodb.client.MongoCollection
import com.mongodb.client.model.Filters
import freemarker.template.Configuration
import freemarker.template.Template
import io.ktor.server.application.call
import io.ktor.server.routing.Route
import io.ktor.server.routing.post
import java.io.StringReader
import java.io.StringWriter
import java.sql.Statement
import javax.naming.directory.DirContext
import javax.naming.directory.SearchControls
import javax.script.ScriptEngineManager
import javax.servlet.http.HttpServletRequest
import javax.xml.xpath.XPath
import org.apache.velocity.VelocityContext
import org.apache.velocity.app.Velocity
import org.bson.Document
import org.springframework.data.mongodb.core.query.BasicQuery
import org.springframework.expression.spel.standard.SpelExpressionParser
import org.springframework.stereotype.Controller
import org.springframework.web.bind.annotation.GetMapping
import org.springframework.web.bind.annotation.RequestParam
import org.thymeleaf.TemplateEngine
import org.thymeleaf.context.Context

private const val ACTIVE = """{ "active": true }"""
private const val TABLE = "users"
private const val PEOPLE = "ou=people,dc=example,dc=com"

class QueryService {
    fun mongo(users: MongoCollection<Document>, name: String, age: Int) {
        users.find(Document.parse("""{ "name": "$name" }""")) // expect: kt-nosql-injection
        val where = "this.age > $age && this.name == '$name'"
        users.find(Filters.where(where)) // expect: kt-nosql-injection
        BasicQuery("{ name: '" + name + "' }") // expect: kt-nosql-injection
        users.find(Filters.eq("name", name)) // ok: kt-nosql-injection
        users.find(Document.parse(ACTIVE)) // ok: kt-nosql-injection
        users.find(Document.parse("""{ "kind": "$TABLE" }""")) // ok: kt-nosql-injection
        users.find(Filters.where("this.active == true")) // ok: kt-nosql-injection
    }

    fun ldap(ctx: DirContext, uid: String, controls: SearchControls) {
        ctx.search(PEOPLE, "(uid=$uid)", controls) // expect: kt-ldap-injection
        val filter = String.format("(&(objectClass=person)(mail=%s))", uid)
        ctx.search(PEOPLE, filter, controls) // expect: kt-ldap-injection
        ctx.search(PEOPLE, "(cn=" + uid + ")", arrayOf<Any>(), controls) // expect: kt-ldap-injection
        ctx.search(PEOPLE, "(uid={0})", arrayOf<Any>(uid), controls) // ok: kt-ldap-injection
        ctx.search(PEOPLE, "(objectClass=${"person"})", controls) // ok: kt-ldap-injection
        ctx.search("ou=$uid,dc=example", "(objectClass=person)", controls) // ok: kt-ldap-injection
    }

    fun xpath(xpath: XPath, doc: org.w3c.dom.Document, user: String): Any {
        xpath.evaluate("/users/user[name='$user']/role", doc) // expect: kt-xpath-injection
        val expr = "//account[@owner='" + user + "']"
        xpath.compile(expr) // expect: kt-xpath-injection
        xpath.evaluate("//item[@id='%s']".format(user), doc) // expect: kt-xpath-injection
        xpath.evaluate("/users/user[name=\$name]/role", doc) // ok: kt-xpath-injection
        xpath.compile("//config/" + "timeout") // ok: kt-xpath-injection
        return xpath.evaluate(String.format("//%s/entry", TABLE), doc) // ok: kt-xpath-injection
    }

    fun constantFormats(st: Statement, name: String) {
        st.executeQuery(String.format("SELECT * FROM %s ORDER BY id", TABLE)) // ok: kt-sql-injection
        st.executeQuery("SELECT count(*) FROM %s".format(TABLE)) // ok: kt-sql-injection
        st.executeQuery(String.format("SELECT * FROM %s WHERE name = '%s'", TABLE, name)) // expect: kt-sql-injection
        st.executeQuery("SELECT * FROM users WHERE name = '%s'".format(name)) // expect: kt-sql-injection
    }

    fun scripts(request: HttpServletRequest): Any? {
        val engine = ScriptEngineManager().getEngineByName("javascript")
        engine.eval(request.getParameter("formula")) // expect: kt-code-injection
        val expr = request.getParameter("expr")
        val parser = SpelExpressionParser()
        parser.parseExpression(expr).getValue() // expect: kt-code-injection
        engine.eval("var total = $expr;") // expect: kt-code-injection
        parser.parseExpression("#root.length()").getValue(expr) // ok: kt-code-injection
        engine.eval("1 + 2") // ok: kt-code-injection
        val depth = request.getParameter("depth").toInt()
        return engine.eval("limit($depth)") // ok: kt-code-injection
    }

    fun templates(request: HttpServletRequest, cfg: Configuration, thymeleaf: TemplateEngine): String {
        val body = request.getParameter("body")
        val out = StringWriter()
        Velocity.evaluate(VelocityContext(), out, "inline", body) // expect: kt-template-injection
        val tpl = Template("inline", StringReader("<p>$body</p>"), cfg) // expect: kt-template-injection
        thymeleaf.process(body, Context()) // expect: kt-template-injection
        val ctx = VelocityContext()
        ctx.put("body", body)
        Velocity.evaluate(ctx, out, "inline", "<p>\$body</p>") // ok: kt-template-injection
        val fixed = cfg.getTemplate("page.ftl") // ok: kt-template-injection
        val model = Context()
        model.setVariable("body", body)
        return thymeleaf.process("page", model) + tpl + fixed // ok: kt-template-injection
    }
}

fun Route.calculator() {
    post("/calc") {
        val formula = call.receiveText()
        ScriptEngineManager().getEngineByName("js").let { engine -> engine.eval(formula) } // expect: kt-code-injection
    }
}

@Controller
class ThemeController {
    @GetMapping("/theme")
    fun theme(@RequestParam("name") name: String): String {
        return "themes/$name/index" // expect: kt-template-injection
    }

    @GetMapping("/next")
    fun next(@RequestParam("step") step: String): String {
        return "redirect:/wizard/$step" // ok: kt-template-injection
    }

    @GetMapping("/home")
    fun home(@RequestParam("name") name: String): String {
        return "home" // ok: kt-template-injection
    }
}
