package javax.servlet.http;

/** The part of the Servlet API's Cookie that the fix corpus uses. */
public class Cookie {
    private final String name;
    private final String value;
    private boolean secure;
    private boolean httpOnly;

    public Cookie(String name, String value) {
        this.name = name;
        this.value = value;
    }

    public String getName() { return name; }
    public String getValue() { return value; }
    public boolean getSecure() { return secure; }
    public void setSecure(boolean secure) { this.secure = secure; }
    public boolean isHttpOnly() { return httpOnly; }
    public void setHttpOnly(boolean httpOnly) { this.httpOnly = httpOnly; }
}
