import java.io.IOException;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

public class Commands {
    private final JdbcTemplate jdbcTemplate;

    public Commands(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
    }

    public Process ping(String host, int count) throws IOException {
        return Runtime.getRuntime().exec(new String[] {"ping", "-c", String.valueOf(count), host});
    }

    public Process list(String dir) throws IOException {
        return new ProcessBuilder("ls", "-l", dir).start();
    }

    public List<String> namesLike(String term, int limit) {
        return jdbcTemplate.queryForList(
            "SELECT name FROM users WHERE name LIKE ? LIMIT ?", String.class, "%" + term + "%", limit);
    }

    public int rename(long id, String name) {
        return jdbcTemplate.update("UPDATE users SET name = ? WHERE id = ?", name, id);
    }
}
