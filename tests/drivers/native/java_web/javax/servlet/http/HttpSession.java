package javax.servlet.http;

/** The part of the Servlet API's session that the fix corpus writes to. */
public interface HttpSession {
    void setAttribute(String name, Object value);
}
