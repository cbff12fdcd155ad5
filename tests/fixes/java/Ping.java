import java.io.IOException;

public class Ping {
    // Runtime.exec(String) passes these quotes on literally, so the intent is unclear: guidance only.
    public Process ping(String host) throws IOException {
        return Runtime.getRuntime().exec("ping -c 1 '" + host + "'");
    }
}
