package javax.servlet.http;

import java.security.Principal;

/** The part of the Servlet API's request that the fix corpus reads. */
public interface HttpServletRequest {
    String getParameter(String name);

    String getRemoteAddr();

    Principal getUserPrincipal();
}
