package javax.servlet.http;

import java.io.IOException;
import java.io.PrintWriter;

/** The part of the Servlet API's response that the fix corpus writes to. */
public interface HttpServletResponse {
    void setHeader(String name, String value);

    void sendRedirect(String location) throws IOException;

    PrintWriter getWriter() throws IOException;

    void addCookie(Cookie cookie);
}
