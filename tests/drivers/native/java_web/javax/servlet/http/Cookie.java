package javax.servlet.http;

/** The part of the Servlet API's cookie that the fix corpus sets. */
public class Cookie {
    private final String name;
    private final String value;

    public Cookie(String name, String value) {
        this.name = name;
        this.value = value;
    }

    public String getName() {
        return name;
    }

    public String getValue() {
        return value;
    }

    public void setSecure(boolean secure) {}

    public void setHttpOnly(boolean httpOnly) {}
}
