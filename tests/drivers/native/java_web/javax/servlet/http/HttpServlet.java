package javax.servlet.http;

import java.io.IOException;

/** The part of the Servlet API's servlet base class that the fix corpus overrides. */
public abstract class HttpServlet {
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {}

    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {}
}
