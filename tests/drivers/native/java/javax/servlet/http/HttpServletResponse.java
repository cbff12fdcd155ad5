package javax.servlet.http;

/** The part of the Servlet API's response that the fix corpus uses. */
public interface HttpServletResponse {
    void addCookie(Cookie cookie);
}
