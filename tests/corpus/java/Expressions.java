package com.example.query;

import com.mongodb.BasicDBObject;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import freemarker.template.Configuration;
import freemarker.template.Template;
import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Statement;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.servlet.http.HttpServletRequest;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.Velocity;
import org.bson.Document;
import org.springframework.data.mongodb.core.query.BasicQuery;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

public class QueryService {
    private static final String ACTIVE = "{ \"active\": true }";
    private static final String TABLE = "users";
    private static final String PEOPLE = "ou=people,dc=example,dc=com";

    public void mongo(MongoCollection<Document> users, String name, int age) {
        users.find(Document.parse("{ \"name\": \"" + name + "\" }")); // expect: java-nosql-injection
        String where = "this.age > " + age + " && this.name == '" + name + "'";
        users.find(Filters.where(where)); // expect: java-nosql-injection
        new BasicQuery(String.format("{ name: '%s' }", name)); // expect: java-nosql-injection
        users.find(new BasicDBObject("$where", "this.name == '" + name + "'")); // expect: java-nosql-injection
        users.find(Filters.eq("name", name)); // ok: java-nosql-injection
        users.find(Document.parse(ACTIVE)); // ok: java-nosql-injection
        users.find(Document.parse("{ \"kind\": \"" + TABLE + "\" }")); // ok: java-nosql-injection
        users.find(Filters.where("this.active == true")); // ok: java-nosql-injection
    }

    public void ldap(DirContext ctx, String uid, SearchControls controls) throws Exception {
        ctx.search(PEOPLE, "(uid=" + uid + ")", controls); // expect: java-ldap-injection
        String filter = String.format("(&(objectClass=person)(mail=%s))", uid);
        ctx.search(PEOPLE, filter, controls); // expect: java-ldap-injection
        ctx.search("ou=" + uid + ",dc=example", "(cn=" + uid + ")", new Object[] {}, controls); // expect: java-ldap-injection
        ctx.search(PEOPLE, "(uid={0})", new Object[] {uid}, controls); // ok: java-ldap-injection
        ctx.search(PEOPLE, "(objectClass=" + "person" + ")", controls); // ok: java-ldap-injection
        ctx.search("ou=" + uid + ",dc=example", "(objectClass=person)", controls); // ok: java-ldap-injection
    }

    public Object xpath(XPath xpath, org.w3c.dom.Document doc, String user) throws Exception {
        xpath.evaluate("/users/user[name='" + user + "']/role", doc); // expect: java-xpath-injection
        String expr = "//account[@owner='" + user + "']";
        xpath.compile(expr); // expect: java-xpath-injection
        xpath.evaluate(String.format("//item[@id='%s']", user), doc, XPathConstants.NODESET); // expect: java-xpath-injection
        xpath.evaluate("/users/user[name=$name]/role", doc); // ok: java-xpath-injection
        String constantExpr = "//config/" + "timeout";
        xpath.compile(constantExpr); // ok: java-xpath-injection
        return xpath.evaluate(String.format("//%s/entry", TABLE), doc); // ok: java-xpath-injection
    }

    public void constantFormats(Statement st, String name) throws Exception {
        st.executeQuery(String.format("SELECT * FROM %s ORDER BY id", TABLE)); // ok: java-sql-injection
        String counted = "SELECT count(*) FROM %s".formatted(TABLE);
        st.executeQuery(counted); // ok: java-sql-injection
        st.executeQuery(String.format("SELECT * FROM %s WHERE name = '%s'", TABLE, name)); // expect: java-sql-injection
        st.executeQuery("SELECT * FROM users WHERE name = '%s'".formatted(name)); // expect: java-sql-injection
    }

    public Object scripts(HttpServletRequest request) throws Exception {
        ScriptEngine engine = new ScriptEngineManager().getEngineByName("javascript");
        engine.eval(request.getParameter("formula")); // expect: java-code-injection
        String expr = request.getParameter("expr");
        ExpressionParser parser = new SpelExpressionParser();
        parser.parseExpression(expr).getValue(); // expect: java-code-injection
        engine.eval("var total = " + expr + ";"); // expect: java-code-injection
        parser.parseExpression("#root.length()").getValue(expr); // ok: java-code-injection
        engine.eval("1 + 2"); // ok: java-code-injection
        int depth = Integer.parseInt(request.getParameter("depth"));
        engine.eval("limit(" + depth + ")"); // ok: java-code-injection
        return engine;
    }

    public String templates(HttpServletRequest request, Configuration cfg, TemplateEngine thymeleaf) throws Exception {
        String body = request.getParameter("body");
        StringWriter out = new StringWriter();
        Velocity.evaluate(new VelocityContext(), out, "inline", body); // expect: java-template-injection
        Template tpl = new Template("inline", new StringReader("<p>" + body + "</p>"), cfg); // expect: java-template-injection
        thymeleaf.process(body, new Context()); // expect: java-template-injection
        VelocityContext ctx = new VelocityContext();
        ctx.put("body", body);
        Velocity.evaluate(ctx, out, "inline", "<p>$body</p>"); // ok: java-template-injection
        Template fixed = cfg.getTemplate("page.ftl"); // ok: java-template-injection
        Context model = new Context();
        model.setVariable("body", body);
        return thymeleaf.process("page", model) + tpl + fixed; // ok: java-template-injection
    }
}

@Controller
class ThemeController {
    @GetMapping("/theme")
    public String theme(@RequestParam("name") String name) {
        return "themes/" + name + "/index"; // expect: java-template-injection
    }

    @GetMapping("/next")
    public String next(@RequestParam("step") String step) {
        return "redirect:/wizard/" + step; // ok: java-template-injection
    }

    @GetMapping("/home")
    public String home(@RequestParam("name") String name) {
        return "home"; // ok: java-template-injection
    }
}
